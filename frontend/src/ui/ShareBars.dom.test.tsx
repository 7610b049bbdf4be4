// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fraction } from "../../../oracle/protocol/payout.ts";
import { ShareBars, type ShareRow } from "./ShareBars.tsx";

afterEach(cleanup);

/** The chart captioned `title` (browsers name a figure by its figcaption; Testing Library's name computation does not yet). */
const figure = (title: string) => {
  const caption = screen.getByText(title, { selector: "figcaption" });
  return caption.closest("figure")!;
};

const row = (key: string, tokens: bigint, total: bigint, highlight = false): ShareRow => ({
  key,
  label: key,
  detail: `${tokens.toLocaleString("en-US")} tokens`,
  share: fraction(tokens, total),
  highlight,
});

describe("ShareBars", () => {
  it("lists each contributor's share as text, in the order given, and marks the wallet's own row", () => {
    render(<ShareBars title="Shares of the token pool" rows={[row("alice", 3000n, 6000n), row("bob", 2000n, 6000n, true), row("carol", 1000n, 6000n)]} />);
    const chart = figure("Shares of the token pool");
    const items = within(chart).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual(["alice50% 3,000 tokens", "bobyou33.33% 2,000 tokens", "carol16.66% 1,000 tokens"]);
    expect(within(items[1]).getByText("you")).toBeTruthy();
    expect(within(items[0]).queryByText("you")).toBeNull();
  });

  it("draws each bar as long as its share, and a sliver for a share too small to see", () => {
    const { container } = render(<ShareBars title="Shares" rows={[row("whale", 999_999n, 1_000_000n), row("minnow", 1n, 1_000_000n)]} />);
    const widths = [...container.querySelectorAll<HTMLElement>(".bar-fill")].map((bar) => bar.style.width);
    expect(widths).toEqual(["99.99%", "0.5%"]);
    // The bars are decoration: the numbers are in the text.
    expect(container.querySelector(".bar-track")?.getAttribute("aria-hidden")).toBe("true");
    expect(screen.getByText(/^< 0\.01%/)).toBeTruthy(); // a share, however small, never reads 0%
  });

  it("shows the first rows and says how many more there are", () => {
    const rows = Array.from({ length: 11 }, (_, i) => row(`c${i}`, 1n, 11n));
    render(<ShareBars title="Shares" rows={rows} limit={8} />);
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(9);
    expect(items.at(-1)!.textContent).toBe("and 3 more");
  });

  it("says that nobody has tokens yet instead of an empty chart", () => {
    render(<ShareBars title="Shares" rows={[]} />);
    expect(figure("Shares").textContent).toContain("No contributor has tokens yet.");
    expect(screen.queryByRole("list")).toBeNull();
  });
});

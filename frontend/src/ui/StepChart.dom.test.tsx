// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LABEL_CHAR_WIDTH, StepChart, type Series } from "./StepChart.tsx";

afterEach(cleanup);

const usd = (y: number) => `${y.toLocaleString("en-US")} tUSD`;
const earned: Series = { label: "Earned", className: "s1", points: [{ x: 2, y: 0 }, { x: 4, y: 750 }, { x: 6, y: 900 }, { x: 8, y: 1_200 }] };
const claimed: Series = { label: "Claimed", className: "s2", points: [{ x: 2, y: 0 }, { x: 5, y: 750 }] };

/** The y coordinates a path visits: its start, the first point's level, then every vertical step. */
const levels = (d: string) => [...d.matchAll(/[ML][\d.]+,([\d.]+)|V([\d.]+)/g)].map((m) => Number(m[1] ?? m[2]));

describe("StepChart", () => {
  it("is an image whose name reads every series' latest value and the range shown", () => {
    render(<StepChart title="Earnings over time" series={[earned, claimed]} xLabel="block" formatY={usd} />);
    screen.getByRole("img", { name: "Earnings over time: Earned 1,200 tUSD, Claimed 750 tUSD, by block 2 to 8." });
    expect(screen.getByText("Earnings over time", { selector: "figcaption" }).closest("figure")?.querySelector("svg")).toBeTruthy();
  });

  it("labels the y axis from zero to the largest value and the x axis with the first and last block", () => {
    const { container } = render(<StepChart title="Earnings" series={[earned, claimed]} xLabel="block" formatY={usd} />);
    const texts = [...container.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(["0 tUSD", "600 tUSD", "1,200 tUSD", "block 2", "block 8"]));
    expect(texts).not.toContain("No data yet");
  });

  it("leaves room for the longest y label, so a large amount is never cut at the left edge", () => {
    const big: Series = { label: "Earned", className: "s1", points: [{ x: 1, y: 0 }, { x: 9, y: 12_964_000.86 }] };
    const { container } = render(<StepChart title="Earnings" series={[big]} xLabel="block" formatY={(y) => y.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} />);
    const labels = [...container.querySelectorAll(".grid text")];
    const longest = Math.max(...labels.map((t) => t.textContent!.length));
    expect(longest).toBe("12,964,000.86".length);
    for (const t of labels) {
      // Right-aligned at x: the text starts at x minus its width, which must stay inside the picture.
      expect(Number(t.getAttribute("x")) - t.textContent!.length * LABEL_CHAR_WIDTH).toBeGreaterThanOrEqual(0);
    }
  });

  it("draws each series as steps from the zero line, the largest value reaching the top grid line", () => {
    const { container } = render(<StepChart title="Earnings" series={[earned, claimed]} xLabel="block" formatY={usd} />);
    const grid = [...container.querySelectorAll(".grid line")].map((l) => Number(l.getAttribute("y1")));
    const [zero, , top] = grid; // the grid lines at 0, half and the maximum
    const [earnedPath, claimedPath] = [...container.querySelectorAll("path")].map((p) => p.getAttribute("d")!);
    expect(levels(earnedPath)[0]).toBe(zero);
    expect(levels(earnedPath).at(-1)).toBe(top);
    // One vertical move per point: the level holds until the next value (a step, not a slope).
    expect(levels(earnedPath)).toHaveLength(earned.points.length + 1);
    expect(earnedPath.match(/L/g)).toHaveLength(1);
    expect(levels(claimedPath).at(-1)).toBeCloseTo(zero - (zero - top) * (750 / 1_200), 6);
  });

  it("names one block once when every point is in it, with no label for a block it has no data for", () => {
    const one: Series = { label: "Earned", className: "s1", points: [{ x: 12, y: 0 }, { x: 12, y: 101 }] };
    const { container } = render(<StepChart title="Earnings" series={[one]} xLabel="block" formatY={usd} />);
    screen.getByRole("img", { name: "Earnings: Earned 101 tUSD, at block 12." });
    const texts = [...container.querySelectorAll("svg text")].map((t) => t.textContent);
    expect(texts).toContain("block 12");
    expect(texts).not.toContain("block 13");
  });

  it("says there is no data yet, to the eye and to screen readers, without axis labels", () => {
    const { container } = render(<StepChart title="Deposits" series={[{ label: "Gross", className: "s1", points: [] }]} xLabel="block" formatY={usd} />);
    screen.getByRole("img", { name: "Deposits: no data yet." });
    const texts = [...container.querySelectorAll("svg text")].map((t) => t.textContent).filter(Boolean);
    expect(texts).toEqual(["No data yet"]);
    expect(container.querySelector("path")?.getAttribute("d")).toBe("");
  });
});

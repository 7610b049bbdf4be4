// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Figure } from "./Figure.tsx";

afterEach(cleanup);

describe("Figure", () => {
  it("is a region named by its label, showing the value and keeping the exact one", () => {
    render(
      <>
        <Figure id="ratio" label="Data Contribution Ratio" value="75%" exact="3/4" hint="Your tokens over all tokens." />
        <Figure id="count" label="Contribution Token Count" value="3,000" exact={3000n} hint="Tokens attested for you." />
      </>,
    );
    const ratio = screen.getByRole("region", { name: "Data Contribution Ratio" });
    expect(within(ratio).getByText("75%").getAttribute("aria-busy")).toBe("false");
    expect(within(ratio).getByText("Your tokens over all tokens.")).toBeTruthy();
    expect(ratio.getAttribute("data-value")).toBe("3/4");
    const count = screen.getByRole("region", { name: "Contribution Token Count" });
    expect(within(count).getByText("3,000")).toBeTruthy();
    expect(count.getAttribute("data-value")).toBe("3000");
    expect(within(count).queryByText("75%")).toBeNull();
  });

  it("says it is loading until the value is read, and claims no exact value meanwhile", () => {
    render(
      <Figure id="payout" label="Expected Payout" hint="Claimable now.">
        <button type="button">Claim</button>
      </Figure>,
    );
    const figure = screen.getByRole("region", { name: "Expected Payout" });
    expect(within(figure).getByText("…").getAttribute("aria-busy")).toBe("true");
    expect(figure.hasAttribute("data-value")).toBe(false);
    expect(within(figure).getByRole("button", { name: "Claim" })).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Amount } from "./Amount.tsx";

afterEach(cleanup);

describe("Amount", () => {
  it("shows money rounded for reading, with the unit, and the exact value on hover and in what is copied", () => {
    render(<Amount units={462_106_685n} decimals={6} symbol="tUSD" />);
    const shown = screen.getByText("462.10 tUSD");
    expect(shown.getAttribute("title")).toBe("462.106685 tUSD");
    expect(shown.getAttribute("data-value")).toBe("462106685");
    let copied = "";
    fireEvent.copy(shown, { clipboardData: { setData: (_type: string, text: string) => (copied = text) } });
    expect(copied).toBe("462.106685 tUSD");
  });
});

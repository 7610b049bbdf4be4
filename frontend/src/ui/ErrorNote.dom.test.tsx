// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { UserRejectedRequestError } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { OracleUnreachableError } from "../../../oracle/protocol/oracle-errors.ts";
import { ErrorNote } from "./ErrorNote.tsx";

afterEach(cleanup);

describe("ErrorNote", () => {
  it("turns a declined wallet request into an alert that says what to do, without a stack trace", () => {
    render(<ErrorNote error={new UserRejectedRequestError(new Error("User rejected the request."))} />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("You declined the request in your wallet.");
    expect(alert.textContent).not.toMatch(/at .*\.ts:\d+/);
  });

  it("says the oracle is down and keeps the technical line folded away", () => {
    render(
      <ErrorNote error={new OracleUnreachableError("the oracle at /oracle does not answer")}>
        <button type="button">Try again</button>
      </ErrorNote>,
    );
    expect(screen.getByRole("alert").textContent).toContain("The oracle does not answer.");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
    expect(screen.getByText("Details").closest("details")?.open).toBe(false);
  });
});

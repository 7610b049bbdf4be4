// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { ContractFunctionRevertedError, encodeErrorResult, UserRejectedRequestError, zeroAddress, type Hex } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { revenueSplitterAbi } from "../chain/generated.ts";
import { TxHash } from "./TxHash.tsx";
import { TxStatus } from "./TxStatus.tsx";

afterEach(cleanup);

const HASH: Hex = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";

describe("TxStatus", () => {
  it("announces each phase of a transaction in one polite live region", () => {
    const { rerender } = render(<TxStatus phase="idle" />);
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toBe("");
    const said: string[] = [];
    for (const phase of ["wallet", "pending", "confirmed", "reverted"] as const) {
      rerender(<TxStatus phase={phase} hash={phase === "wallet" ? undefined : HASH} />);
      // The same element all along, so screen readers read each change.
      expect(screen.getByRole("status")).toBe(status);
      said.push(status.textContent!);
    }
    expect(said).toEqual([
      "Confirm in your wallet…",
      "Waiting for the transaction to be mined… 0x5c504e…b22060",
      "Confirmed. 0x5c504e…b22060",
      "The transaction was mined but reverted: nothing changed. 0x5c504e…b22060",
    ]);
  });

  it("says what was done once confirmed, with the transaction", () => {
    render(<TxStatus phase="confirmed" hash={HASH} done="Claimed: the amount is in your wallet." />);
    const status = screen.getByRole("status");
    expect(status.textContent).toBe("Claimed: the amount is in your wallet. 0x5c504e…b22060");
    expect(within(status).getByTitle(HASH)).toBeTruthy();
  });

  it("shows no hash while idle, even if one is left from before", () => {
    render(<TxStatus phase="idle" hash={HASH} />);
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("turns a failure into an alert that says what happened and what to do", () => {
    const { rerender } = render(<TxStatus phase="error" error={new UserRejectedRequestError(new Error("User rejected the request."))} />);
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.getByRole("alert").textContent).toContain("You declined the request in your wallet.");
    const refused = new ContractFunctionRevertedError({ abi: revenueSplitterAbi, functionName: "claim", data: encodeErrorResult({ abi: revenueSplitterAbi, errorName: "NothingToClaim", args: [zeroAddress] }) });
    rerender(<TxStatus phase="error" error={refused} />);
    expect(screen.getByRole("alert").textContent).toContain("Nothing to claim yet.");
  });
});

describe("TxHash", () => {
  it("shows the hash shortened, the full hash on hover and in data-hash (the local chain has no explorer)", () => {
    render(<TxHash hash={HASH} />);
    const code = screen.getByTitle(HASH);
    expect(code.textContent).toBe("0x5c504e…b22060");
    expect(code.closest("[data-hash]")?.getAttribute("data-hash")).toBe(HASH);
    expect(screen.queryByRole("link")).toBeNull();
  });
});

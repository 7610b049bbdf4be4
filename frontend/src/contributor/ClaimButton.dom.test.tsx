// @vitest-environment jsdom
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { parseEventLogs, type Hex } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { revenueSplitterAbi } from "../chain/generated.ts";
import { claimable as claimableOf, publicClient, tokenBalance } from "../test/chain.ts";
import { world } from "../test/context.ts";
import { USD } from "../test/world.ts";
import { connectedConfig, otherChain, renderWithWallet } from "../test/wallet.tsx";
import { ClaimButton } from "./ClaimButton.tsx";

afterEach(cleanup);

const w = world("claim");

describe("ClaimButton", () => {
  it("claims everything claimable to the wallet in one click, then says so with the transaction", async () => {
    const claimable = await claimableOf(w, w.contributor);
    expect(claimable).toBe(750n * USD); // 3/4 of 10 % of 10,000 tUSD
    const before = await tokenBalance(w, w.contributor);
    renderWithWallet(<ClaimButton program={w.splitter} account={w.contributor} claimable={claimable} label="750 tUSD" />, await connectedConfig(w.contributor));

    await userEvent.click(screen.getByRole("button", { name: "Claim 750 tUSD" }));
    const status = await screen.findByRole("status");
    await waitFor(() => expect(status.textContent).toContain("Claimed: the amount is in your wallet."), { timeout: 5_000 });

    expect(await claimableOf(w, w.contributor)).toBe(0n);
    expect(await tokenBalance(w, w.contributor)).toBe(before + claimable);
    // The hash shown is the transaction that emitted the Claimed event.
    const hash = status.querySelector("[data-hash]")?.getAttribute("data-hash") as Hex;
    const receipt = await publicClient().getTransactionReceipt({ hash });
    const [claimed] = parseEventLogs({ abi: revenueSplitterAbi, eventName: "Claimed", logs: receipt.logs });
    expect(claimed.args).toMatchObject({ contributor: w.contributor, to: w.contributor, amount: claimable });
  });

  it("offers nothing to click while nothing is claimable", async () => {
    const config = await connectedConfig(w.stranger);
    renderWithWallet(<ClaimButton program={w.splitter} account={w.stranger} claimable={0n} />, config);
    expect((screen.getByRole("button", { name: "Nothing to claim" }) as HTMLButtonElement).disabled).toBe(true);
    cleanup();
    renderWithWallet(<ClaimButton program={w.splitter} account={w.stranger} />, config);
    expect((screen.getByRole("button", { name: "Nothing to claim" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("explains the contract's refusal when the figure shown was out of date", async () => {
    // The page still shows an amount, but the chain has nothing left for this account.
    renderWithWallet(<ClaimButton program={w.splitter} account={w.stranger} claimable={5n * USD} label="5 tUSD" />, await connectedConfig(w.stranger));
    await userEvent.click(screen.getByRole("button", { name: "Claim 5 tUSD" }));
    const alert = await screen.findByRole("alert", {}, { timeout: 5_000 });
    expect(alert.textContent).toContain("Nothing to claim yet.");
    expect((screen.getByRole("button", { name: "Claim 5 tUSD" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("waits for the program's network before it lets the wallet claim", async () => {
    renderWithWallet(<ClaimButton program={w.splitter} account={w.other} claimable={250n * USD} label="250 tUSD" />, await connectedConfig(w.other, { chainId: otherChain.id }));
    expect((screen.getByRole("button", { name: "Claim 250 tUSD" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("Switch to the program's network to claim.")).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { parseEventLogs } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { amountForRevenue } from "../../../oracle/protocol/payout.ts";
import { revenueSplitterAbi, testUsdAbi } from "../../../oracle/protocol/abi.ts";
import { publicClient, send, tokenBalance } from "../test/chain.ts";
import { world } from "../test/context.ts";
import { ALPHA_BPS, CONSUMER_FUNDS, USD } from "../test/world.ts";
import { connectedConfig, otherChain, renderWithWallet, testConfig } from "../test/wallet.tsx";
import { DepositForm } from "./DepositForm.tsx";

afterEach(cleanup);

const w = world("deposit");
const allowance = () => publicClient().readContract({ address: w.usd, abi: testUsdAbi, functionName: "allowance", args: [w.consumer, w.splitter] });
const totalGross = () => publicClient().readContract({ address: w.splitter, abi: revenueSplitterAbi, functionName: "totalGrossRevenue" });

const field = () => screen.getByLabelText("Gross revenue R for this period (tUSD)") as HTMLInputElement;
const button = (name: string | RegExp) => screen.getByRole("button", { name }) as HTMLButtonElement;
const PERMIT = "Deposit with permit (1 signature, 1 transaction)";
/** Waits until the asset's symbol, balance and allowance are read. */
const ready = () => waitFor(() => expect(screen.getByText(/^Balance [\d,]+ tUSD · allowance/)).toBeTruthy(), { timeout: 5_000 });

describe("DepositForm", () => {
  it("shows the α split of the entered revenue before anything is signed, as payout.ts computes it", async () => {
    renderWithWallet(<DepositForm program={w.splitter} />, await connectedConfig(w.consumer));
    await ready();
    expect(screen.getByText(`Balance ${(CONSUMER_FUNDS / USD).toLocaleString("en-US")} tUSD · allowance 0 tUSD`)).toBeTruthy();
    expect(screen.getByText("The split appears here before you sign anything.")).toBeTruthy();
    const cases: [string, bigint, string][] = [
      ["1234.567891", 1_234_567_891n, "Of 1,234.567891 tUSD, 123.456789 tUSD goes to contributors (α = 10%), and 1,111.111102 tUSD stays with you."],
      ["1,250.50", 1_250_500_000n, "Of 1,250.5 tUSD, 125.05 tUSD goes to contributors (α = 10%), and 1,125.45 tUSD stays with you."],
      ["0.000019", 19n, "Of 0.000019 tUSD, 0.000001 tUSD goes to contributors (α = 10%), and 0.000018 tUSD stays with you."],
    ];
    for (const [typed, gross, sentence] of cases) {
      await userEvent.clear(field());
      await userEvent.type(field(), typed);
      const split = screen.getByTestId("split");
      await waitFor(() => expect(split.getAttribute("data-value")).toBe(amountForRevenue(gross, ALPHA_BPS).toString()));
      await waitFor(() => expect(within(split).getByText(/^Of /).textContent).toBe(sentence));
      expect(field().getAttribute("aria-invalid")).toBe("false");
      expect(button(PERMIT).disabled).toBe(false);
    }
    expect(field().getAttribute("aria-describedby")).toBe(screen.getByTestId("split").id);
  });

  it("explains input it cannot read, and what rounds to nothing, with nothing to click", async () => {
    renderWithWallet(<DepositForm program={w.splitter} />, await connectedConfig(w.consumer));
    await ready();
    for (const typed of ["12.3456789", "ten", "1.2.3"]) {
      await userEvent.clear(field());
      await userEvent.type(field(), typed);
      expect(screen.getByText("Enter an amount like 1250.50 (at most 6 decimals).")).toBeTruthy();
      expect(field().getAttribute("aria-invalid")).toBe("true");
      expect(button(PERMIT).disabled).toBe(true);
      expect(button(/^Approve/).disabled).toBe(true);
    }
    await userEvent.clear(field());
    await userEvent.type(field(), "0.000009");
    await screen.findByText("α × R rounds down to 0 units: nothing would be shared. Enter a larger amount.");
    expect(screen.queryByText(/Enter an amount like/)).toBeNull();
    expect(screen.getAllByRole("button").map((b) => (b as HTMLButtonElement).disabled)).toEqual([true, true]);
    // Nothing to pull is not an allowance already set.
    expect(screen.queryByRole("button", { name: /allowance already set/ })).toBeNull();
    expect(button(/^Approve/).disabled).toBe(true);
  });

  it("approves exactly the share and deposits in one click, then clears the amount", async () => {
    const grossBefore = await totalGross();
    const balanceBefore = await tokenBalance(w, w.consumer);
    renderWithWallet(<DepositForm program={w.splitter} />, await connectedConfig(w.consumer));
    await ready();
    await userEvent.type(field(), "2000");
    await userEvent.click(await screen.findByRole("button", { name: "Approve 200 tUSD, then deposit" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Confirmed\. Deposited: 2,000 tUSD of revenue recorded, 200 tUSD shared with contributors\./), { timeout: 10_000 });
    expect(await totalGross()).toBe(grossBefore + 2_000n * USD);
    expect(await tokenBalance(w, w.consumer)).toBe(balanceBefore - 200n * USD);
    expect(await allowance()).toBe(0n);
    // Nothing is left filled in that a second click could deposit again.
    expect(field().value).toBe("");
    expect(button(PERMIT).disabled).toBe(true);
  });

  it("never loses an allowance the consumer gave: a covered deposit spends it, an uncovered one approves on top of it", async () => {
    const approve = (value: bigint) => send(w.consumer, { address: w.usd, abi: testUsdAbi, functionName: "approve", args: [w.splitter, value] });
    try {
      await approve(28_000n * USD);
      renderWithWallet(<DepositForm program={w.splitter} />, await connectedConfig(w.consumer));
      await ready();
      await userEvent.type(field(), "1000");
      await userEvent.click(await screen.findByRole("button", { name: "Deposit (allowance already set)" }));
      await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Confirmed\. Deposited/), { timeout: 10_000 });
      expect(await allowance()).toBe(27_900n * USD);
      cleanup();

      await approve(30n * USD);
      renderWithWallet(<DepositForm program={w.splitter} />, await connectedConfig(w.consumer));
      await ready();
      await userEvent.type(field(), "500");
      // The splitter's permit would set the allowance to exactly the deposit: not offered here.
      await userEvent.click(await screen.findByRole("button", { name: "Approve 50 tUSD more, then deposit" }, { timeout: 5_000 }));
      expect(screen.queryByRole("button", { name: PERMIT })).toBeNull();
      await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Confirmed\. Deposited: 500 tUSD/), { timeout: 10_000 });
      expect(await allowance()).toBe(30n * USD);
    } finally {
      await approve(0n);
    }
  });

  it("drops the last deposit's confirmation as soon as a new amount is typed", async () => {
    renderWithWallet(<DepositForm program={w.splitter} />, await connectedConfig(w.consumer));
    await ready();
    await userEvent.type(field(), "10");
    await waitFor(() => expect(button(PERMIT).disabled).toBe(false), { timeout: 5_000 });
    await userEvent.click(button(PERMIT));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Confirmed\. Deposited/), { timeout: 10_000 });
    await userEvent.type(field(), "2");
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("deposits with one permit signature and one transaction, submitted from the keyboard", async () => {
    const balanceBefore = await tokenBalance(w, w.consumer);
    renderWithWallet(<DepositForm program={w.splitter} />, await connectedConfig(w.consumer));
    await ready();
    await userEvent.type(field(), "500");
    await waitFor(() => expect(button(PERMIT).disabled).toBe(false));
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Confirmed\. Deposited: 500 tUSD/), { timeout: 10_000 });
    const hash = screen.getByRole("status").querySelector("[data-hash]")!.getAttribute("data-hash") as `0x${string}`;
    const receipt = await publicClient().getTransactionReceipt({ hash });
    const [deposited] = parseEventLogs({ abi: revenueSplitterAbi, eventName: "RevenueDeposited", logs: receipt.logs });
    expect(deposited.args).toMatchObject({ depositor: w.consumer, gross: 500n * USD, amount: 50n * USD });
    expect(await tokenBalance(w, w.consumer)).toBe(balanceBefore - 50n * USD);
    expect(await allowance()).toBe(0n);
  });

  it("says when the balance is too low and, on the local chain, mints the missing test tokens", async () => {
    renderWithWallet(<DepositForm program={w.splitter} />, await connectedConfig(w.stranger));
    await ready();
    await userEvent.type(field(), "100");
    const alert = await screen.findByRole("alert", {}, { timeout: 5_000 });
    expect(alert.textContent).toContain("Your balance is too low for this deposit. You need 10 tUSD and have 0 tUSD.");
    expect(button(PERMIT).disabled).toBe(true);
    await userEvent.click(within(alert).getByRole("button", { name: "Mint the missing test tUSD" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull(), { timeout: 5_000 });
    expect(await tokenBalance(w, w.stranger)).toBe(10n * USD);
    expect(button(PERMIT).disabled).toBe(false);
  });

  it("keeps the buttons off while the wallet is on another network", async () => {
    renderWithWallet(<DepositForm program={w.splitter} />, await connectedConfig(w.consumer, { chainId: otherChain.id }));
    await ready();
    await userEvent.type(field(), "100");
    await waitFor(() => expect(screen.getByTestId("split").getAttribute("data-value")).toBe(String(10n * USD)));
    expect(screen.getByText("Switch to the program's network to deposit.")).toBeTruthy();
    expect(button(PERMIT).disabled).toBe(true);
    expect(button("Approve 10 tUSD, then deposit").disabled).toBe(true);
  });

  it("asks for a wallet before showing the form", async () => {
    renderWithWallet(<DepositForm program={w.splitter} />, testConfig(w.consumer));
    expect(screen.getByText("Connect the wallet that pays the revenue share.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Connect Wallet" })).toBeTruthy();
    expect(screen.queryByRole("textbox")).toBeNull();
  });
});

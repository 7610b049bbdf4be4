// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { parseEventLogs, type Hex } from "viem";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MULTICALL3_ADDRESS } from "../../../oracle/audit/read-views.ts";
import { revenueSplitterAbi } from "../chain/generated.ts";
import { claimable as claimableOf, publicClient, tokenBalance } from "../test/chain.ts";
import { world } from "../test/context.ts";
import { USD } from "../test/world.ts";
import { connectedConfig, renderWithWallet } from "../test/wallet.tsx";
import { BatchClaimButton } from "./BatchClaimButton.tsx";

afterEach(cleanup);

// Two programs where the same contributor earned 750 tUSD each.
const a = world("batch");
const b = world("batch2");

beforeAll(async () => {
  // Multicall3 as public networks have it, at its canonical address on the node.
  // Tests run from the repository root (as `npm run test:web` does).
  const artifact = join(process.cwd(), "artifacts/contracts/test/Multicall3.sol/Multicall3.json");
  const code = JSON.parse(readFileSync(artifact, "utf8")).deployedBytecode as Hex;
  await publicClient().request({ method: "hardhat_setCode" as never, params: [MULTICALL3_ADDRESS, code] as never });
});

// The other files' node has no Multicall3 (the audit reads deployless there): take it away again.
afterAll(async () => {
  await publicClient().request({ method: "hardhat_setCode" as never, params: [MULTICALL3_ADDRESS, "0x"] as never });
});

describe("BatchClaimButton", () => {
  it("claims from every program that owes the contributor, in one transaction", async () => {
    const before = await tokenBalance(a, a.contributor);
    expect(await claimableOf(a, a.contributor)).toBe(750n * USD);
    expect(await claimableOf(b, b.contributor)).toBe(750n * USD);
    renderWithWallet(<BatchClaimButton account={a.contributor} programs={[a.splitter, b.splitter]} />, await connectedConfig(a.contributor));

    await userEvent.click(await screen.findByRole("button", { name: "Claim from all 2 programs in one transaction" }, { timeout: 5_000 }));
    const status = await screen.findByRole("status");
    await waitFor(() => expect(status.textContent).toContain("Claimed from every program"), { timeout: 5_000 });

    expect(await claimableOf(a, a.contributor)).toBe(0n);
    expect(await claimableOf(b, b.contributor)).toBe(0n);
    expect(await tokenBalance(a, a.contributor)).toBe(before + 750n * USD);
    const hash = status.querySelector("[data-hash]")?.getAttribute("data-hash") as Hex;
    const receipt = await publicClient().getTransactionReceipt({ hash });
    const claims = parseEventLogs({ abi: revenueSplitterAbi, eventName: "Claimed", logs: receipt.logs });
    expect(claims.map((c) => c.address.toLowerCase()).sort()).toEqual([a.splitter, b.splitter].map((x) => x.toLowerCase()).sort());
  });

  it("offers nothing when fewer than two programs owe the contributor", async () => {
    renderWithWallet(<BatchClaimButton account={a.stranger} programs={[a.splitter, b.splitter]} />, await connectedConfig(a.stranger));
    await new Promise((r) => setTimeout(r, 500));
    expect(screen.queryByRole("button")).toBeNull();
  });
});

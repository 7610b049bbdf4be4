// @vitest-environment jsdom
// The wagmi-based hooks of program/ against the node: live.ts (the refresh rule, event history,
// factory listing, RPC down), useAsset.ts, useTransaction.ts, and history.ts fed with the real
// event history.
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { getAddress, type Address } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../e2e/chain.ts";
import { revenueSplitterAbi, useReadRevenueSplitterTotalGrossRevenue, useWriteRevenueSplitterClaim } from "../chain/generated.ts";
import { programChainId } from "../config.ts";
import { claimable, claimed, depositRevenue, publicClient, send } from "../test/chain.ts";
import { world } from "../test/context.ts";
import { ALPHA_BPS, CONTRIBUTOR_TOKENS, FIRST_DEPOSIT, OTHER_TOKENS, USD } from "../test/world.ts";
import { connectedConfig, Providers, renderHookWithWallet, testConfig } from "../test/wallet.tsx";
import { explainError } from "../ui/errors.ts";
import { contributorShares, depositSeries, earningsSeries, lifetimeEarnings } from "./history.ts";
import { useFactoryPrograms, useProgramLogs, useRefreshOnNewBlocks } from "./live.ts";
import { useProgramBasics } from "./useAsset.ts";
import { useTransaction, type TxPhase } from "./useTransaction.ts";

afterEach(cleanup);

const w = world("hooks");

describe("useRefreshOnNewBlocks", () => {
  it("follows the node's block number", async () => {
    const before = await publicClient().getBlockNumber();
    const { result } = renderHookWithWallet(() => useRefreshOnNewBlocks(), testConfig(w.contributor));
    await waitFor(() => expect(result.current.data).toBeDefined());
    expect(result.current.data!).toBeGreaterThanOrEqual(before);
    expect(result.current.data!).toBeLessThanOrEqual(await publicClient().getBlockNumber());
  });

  it("re-reads contract figures when a new block arrives, without anything else asking", async () => {
    function Gross() {
      useRefreshOnNewBlocks();
      const gross = useReadRevenueSplitterTotalGrossRevenue({ address: w.splitter, chainId: programChainId });
      return <p data-testid="gross">{gross.data?.toString() ?? "…"}</p>;
    }
    render(
      <Providers config={testConfig(w.contributor)}>
        <Gross />
      </Providers>,
    );
    const start = await publicClient().readContract({ address: w.splitter, abi: revenueSplitterAbi, functionName: "totalGrossRevenue" });
    await waitFor(() => expect(screen.getByTestId("gross").textContent).toBe(start.toString()));
    await depositRevenue(w, 1_000n * USD);
    await waitFor(() => expect(screen.getByTestId("gross").textContent).toBe((start + 1_000n * USD).toString()), { timeout: 5_000 });
  });

  it("reports an RPC that does not answer, in words the page shows", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { result } = renderHookWithWallet(() => useRefreshOnNewBlocks(), testConfig(w.contributor, { rpc: closed }));
    await waitFor(() => expect(result.current.error).toBeTruthy(), { timeout: 5_000 });
    expect(explainError(result.current.error).title).toBe("The network's RPC endpoint does not answer.");
  });
});

describe("useProgramLogs and history.ts", () => {
  it("reads the program's attestations and deposits in chain order", async () => {
    const { result } = renderHookWithWallet(() => useProgramLogs(w.splitter), testConfig(w.contributor));
    await waitFor(() => expect(result.current.data).toBeDefined());
    const logs = result.current.data!;
    expect(logs.slice(0, 3).map((l) => l.eventName)).toEqual(["Attested", "Attested", "RevenueDeposited"]);
    expect(contributorShares(logs).map((s) => [s.contributor, s.tokens, s.share])).toEqual([
      [w.contributor, CONTRIBUTOR_TOKENS, { num: 3n, den: 4n }],
      [w.other, OTHER_TOKENS, { num: 1n, den: 4n }],
    ]);
    expect(depositSeries(logs)[0]).toMatchObject({ depositor: w.deployer, gross: FIRST_DEPOSIT, amount: (FIRST_DEPOSIT * ALPHA_BPS) / 10_000n });
  });

  it("gives lifetime earnings equal to what the contract credits, claimed plus claimable, after a claim and an odd deposit", async () => {
    await send(w.contributor, { address: w.splitter, abi: revenueSplitterAbi, functionName: "claim", args: [w.contributor] });
    await depositRevenue(w, 333_333_333n); // shares that do not divide evenly
    const credited = (await claimable(w, w.contributor)) + (await claimed(w, w.contributor));
    const { result } = renderHookWithWallet(() => useProgramLogs(w.splitter), testConfig(w.contributor));
    await waitFor(() => expect(result.current.data).toBeDefined());
    const logs = result.current.data!;
    expect(logs.filter((l) => l.eventName === "Claimed")).toHaveLength(1);
    expect(depositSeries(logs).at(-1)?.gross).toBe(333_333_333n);
    const series = earningsSeries(logs, ALPHA_BPS, w.contributor);
    expect(series.at(-1)!.earned).toBe(credited);
    expect(series.at(-1)!.claimed).toBe(await claimed(w, w.contributor));
    expect(lifetimeEarnings(logs, ALPHA_BPS).get(w.contributor.toLowerCase())).toBe(credited);
  });
});

describe("useFactoryPrograms", () => {
  it("lists the programs the factory created, with their asset and α", async () => {
    const { result } = renderHookWithWallet(() => useFactoryPrograms(w.factory), testConfig(w.contributor));
    await waitFor(() => expect(result.current.data).toBeDefined());
    expect(result.current.data).toEqual([{ program: w.splitter, asset: w.usd, alphaBps: ALPHA_BPS, index: 0n }]);
  });

  it("asks nothing without a factory", () => {
    const { result } = renderHookWithWallet(() => useFactoryPrograms(undefined), testConfig(w.contributor));
    expect(result.current.fetchStatus).toBe("idle");
    expect(result.current.data).toBeUndefined();
  });
});

describe("useProgramBasics", () => {
  it("reads α and the asset's address, symbol and decimals", async () => {
    const { result } = renderHookWithWallet(() => useProgramBasics(w.splitter), testConfig(w.contributor));
    await waitFor(() => expect(result.current.decimals).toBeDefined());
    expect(result.current).toEqual({ alphaBps: ALPHA_BPS, asset: w.usd, symbol: "tUSD", decimals: 6, error: null });
  });

  it("reports an error for an address that is not a program", async () => {
    const { result } = renderHookWithWallet(() => useProgramBasics(w.stranger), testConfig(w.contributor));
    await waitFor(() => expect(result.current.error).toBeTruthy());
    expect(result.current.alphaBps).toBeUndefined();
    expect(result.current.symbol).toBeUndefined();
  });
});

describe("useTransaction", () => {
  /** Renders the hook with the wallet's writers and records every phase it goes through, with `busy`. */
  async function harness(account: Address) {
    const seen: [TxPhase, boolean][] = [];
    const hook = renderHookWithWallet(
      () => {
        const tx = useTransaction();
        if (seen.at(-1)?.[0] !== tx.phase) seen.push([tx.phase, tx.busy]);
        return { tx, claim: useWriteRevenueSplitterClaim() };
      },
      await connectedConfig(account),
    );
    return { ...hook, seen };
  }

  it("goes from the wallet to confirmed, busy until mined, with the hash of the mined transaction", async () => {
    await depositRevenue(w, 100n * USD);
    const { result, seen } = await harness(w.other);
    await act(() => result.current.tx.run(() => result.current.claim.writeContractAsync({ address: w.splitter, chainId: programChainId, args: [w.other] })));
    await waitFor(() => expect(result.current.tx.phase).toBe("confirmed"));
    // "pending" lasts as long as the receipt takes: on an automining node it may not be rendered.
    expect(seen.filter(([phase]) => phase !== "pending")).toEqual([
      ["idle", false],
      ["wallet", true],
      ["confirmed", false],
    ]);
    expect(seen.filter(([phase]) => phase === "pending").every(([, busy]) => busy)).toBe(true);
    const receipt = await publicClient().getTransactionReceipt({ hash: result.current.tx.hash! });
    expect(receipt.status).toBe("success");
    expect(getAddress(receipt.from)).toBe(w.other);
  });

  it("keeps the error of a transaction the chain refuses before sending, explained by name", async () => {
    const { result } = await harness(w.stranger);
    await act(() => result.current.tx.run(() => result.current.claim.writeContractAsync({ address: w.splitter, chainId: programChainId, args: [w.stranger] })));
    expect(result.current.tx.phase).toBe("error");
    expect(result.current.tx.hash).toBeUndefined();
    expect(explainError(result.current.tx.error).title).toBe("Nothing to claim yet.");
  });
});

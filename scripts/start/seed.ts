// The demonstration `npm start` seeds, through the same doors a user takes: three contributors
// sign in to the oracle with their wallets (SIWE) and upload; the oracle preprocesses, writes
// manifests and has its committee key attest the counts on chain; the consumer deposits revenue
// twice (the third contributor arrives between the two deposits, so it earns only from the
// second); the first contributor claims.
import { createPublicClient, createWalletClient, defineChain, http, type Address, type Hex } from "viem";
import { revenueSplitterAbi, testUsdAbi } from "../../oracle/protocol/abi.ts";
import { readerKeyFromWallet } from "../../oracle/crypto/index.ts";
import { signInWithWallet, uploadAndWait } from "../../oracle/protocol/oracle-client.ts";
import { CONSUMER, CONTRIBUTORS, type LocalAccount } from "./accounts.ts";
import { demoDatasets } from "./datasets.ts";

export const UNIT = 1_000_000n; // TestUSD has 6 decimals
export const DEPOSITS = [10_000n * UNIT, 25_000n * UNIT];

export interface SeedContext {
  rpcUrl: string;
  oracleUrl: string;
  splitter: Address;
  testUsd: Address;
  say: (line: string) => void;
}

export interface SeedResult {
  contributors: { address: Address; label: string; tokens: bigint; manifestCid: string }[];
  deposits: bigint[];
  claimed: { address: Address; amount: bigint };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function seedDemo(ctx: SeedContext): Promise<SeedResult> {
  const chain = defineChain({ id: 31337, name: "1TT local", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [ctx.rpcUrl] } } });
  const client = createPublicClient({ chain, transport: http(ctx.rpcUrl), pollingInterval: 100 });
  const send = async (who: LocalAccount, address: Address, abi: typeof testUsdAbi | typeof revenueSplitterAbi, functionName: string, args: unknown[]): Promise<void> => {
    const wallet = createWalletClient({ chain, transport: http(ctx.rpcUrl), account: who.account });
    const hash: Hex = await wallet.writeContract({ address, abi, functionName, args } as never);
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} by ${who.label} reverted (${hash})`);
  };
  const tokensOf = (a: Address) => client.readContract({ address: ctx.splitter, abi: revenueSplitterAbi, functionName: "tokensOf", args: [a] });
  const datasets = demoDatasets();
  const contributors: SeedResult["contributors"] = [];

  const contribute = async (i: number) => {
    const who = CONTRIBUTORS[i]!;
    const auth = await signInWithWallet(ctx.oracleUrl, who.account, { program: ctx.splitter, readerKey: readerKeyFromWallet });
    const { result } = await uploadAndWait(ctx.oracleUrl, auth, datasets[i]!, { signer: who.account, label: `${who.label}'s` });
    // The job is accepted once the attestation is posted; wait until the chain shows it.
    const deadline = Date.now() + 60_000;
    while ((await tokensOf(who.account.address)) !== BigInt(result.cumulativeTokens)) {
      if (Date.now() > deadline) throw new Error(`${who.label}'s ${result.cumulativeTokens} tokens were not attested on chain within 60 s`);
      await sleep(200);
    }
    contributors[i] = { address: who.account.address, label: who.label, tokens: BigInt(result.cumulativeTokens), manifestCid: result.manifestCid ?? "" };
    ctx.say(`${who.label} (${who.account.address}) uploaded ${datasets[i]!.map((f) => f.name).join(", ")}: ${result.tokens.out.toLocaleString("en")} tokens accepted and attested`);
  };

  // Ada and Ben upload together (the oracle runs one job at a time, in order of arrival).
  await Promise.all([contribute(0), contribute(1)]);
  await send(CONSUMER, ctx.testUsd, testUsdAbi, "mint", [CONSUMER.account.address, 1_000_000n * UNIT]);
  await send(CONSUMER, ctx.testUsd, testUsdAbi, "approve", [ctx.splitter, DEPOSITS[0]! + DEPOSITS[1]!]);
  await send(CONSUMER, ctx.splitter, revenueSplitterAbi, "depositRevenue", [DEPOSITS[0]]);
  ctx.say(`the consumer deposited revenue of ${fmt(DEPOSITS[0]!)} tUSD (α share escrowed for Ada and Ben)`);
  await contribute(2);
  await send(CONSUMER, ctx.splitter, revenueSplitterAbi, "depositRevenue", [DEPOSITS[1]]);
  ctx.say(`the consumer deposited revenue of ${fmt(DEPOSITS[1]!)} tUSD (shared by all three)`);
  const claimer = CONTRIBUTORS[0]!;
  const amount = await client.readContract({ address: ctx.splitter, abi: revenueSplitterAbi, functionName: "claimable", args: [claimer.account.address] });
  await send(claimer, ctx.splitter, revenueSplitterAbi, "claim", [claimer.account.address]);
  ctx.say(`${claimer.label} claimed ${fmt(amount)} tUSD`);
  return { contributors, deposits: DEPOSITS, claimed: { address: claimer.account.address, amount } };
}

export const fmt = (units: bigint): string => {
  const whole = units / UNIT;
  const cents = (units % UNIT) / 10_000n;
  return `${whole.toLocaleString("en")}.${cents.toString().padStart(2, "0")}`;
};

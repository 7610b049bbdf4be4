// The contract's own figures at one block: totals, committee and α in one multicall, then four
// views per contributor in multicalls of many contributors each, never one call per contributor.
// Uses Multicall3 where it is deployed (the address viem's chain list gives, or the canonical
// 0xcA11…CA11 when code is there): 500 contributors per eth_call by default. Elsewhere a deployless
// multicall (the aggregator's creation code in an eth_call: works on any node, nothing deployed),
// whose results come back as the code of a contract being created and so are bounded by EIP-170's
// 24,576 bytes (its calldata, init code, by EIP-3860's 49,152): 30 contributors per call.
import { erc20Abi, type Address, type Client } from "viem";
import { getCode, multicall } from "viem/actions";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import { SplitterNotFoundError } from "./errors.ts";

export interface ContributorViews {
  tokens: bigint;
  nonce: bigint;
  claimable: bigint;
  claimed: bigint;
}

export interface SplitterViews {
  asset: Address;
  alphaBps: bigint;
  totalTokens: bigint;
  totalGrossRevenue: bigint;
  totalDeposited: bigint;
  totalClaimed: bigint;
  held: bigint;
  committee: { signers: readonly Address[]; threshold: bigint; epoch: bigint };
  /** The pending committee proposal (activatesAt 0: none). */
  pendingCommittee: { signers: readonly Address[]; threshold: bigint; activatesAt: bigint };
  attestationsPaused: boolean;
  /** The asset balance of the splitter. */
  balance: bigint;
  /** Keyed by lower-case address. */
  contributors: Map<string, ContributorViews>;
}

export interface ReadViewsParameters {
  splitter: Address;
  contributors: readonly Address[];
  blockNumber: bigint;
  /** Contributors per eth_call (four views each). Default 500 with Multicall3, 30 deployless. */
  contributorsPerCall?: number;
}

export const DEFAULT_CONTRIBUTORS_PER_CALL = 500;
/** Four aggregate3 results are 640 bytes (calldata 896): 30 contributors stay under both limits. */
export const DEPLOYLESS_CONTRIBUTORS_PER_CALL = 30;
/** Multicall3's address on every chain where it was deployed the canonical way. */
export const MULTICALL3_ADDRESS: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";

const PER_CONTRIBUTOR = ["tokensOf", "nonceOf", "claimable", "claimed"] as const;

export async function readViews(client: Client, p: ReadViewsParameters): Promise<SplitterViews> {
  const { splitter, blockNumber } = p;
  if (((await getCode(client, { address: splitter, blockNumber })) ?? "0x") === "0x") throw new SplitterNotFoundError(splitter, blockNumber);
  const { options, perCall } = await multicallOptions(client, blockNumber);
  const s = { address: splitter, abi: revenueSplitterAbi } as const;
  const [asset, alphaBps, totalTokens, totalGrossRevenue, totalDeposited, totalClaimed, held, committee, pending, attestationsPaused] = await multicall(client, {
    ...options,
    allowFailure: false,
    contracts: [
      { ...s, functionName: "asset" },
      { ...s, functionName: "alphaBps" },
      { ...s, functionName: "totalTokens" },
      { ...s, functionName: "totalGrossRevenue" },
      { ...s, functionName: "totalDeposited" },
      { ...s, functionName: "totalClaimed" },
      { ...s, functionName: "held" },
      { ...s, functionName: "committee" },
      { ...s, functionName: "pendingCommittee" },
      { ...s, functionName: "attestationsPaused" },
    ],
  });
  const [balance] = await multicall(client, {
    ...options,
    allowFailure: false,
    contracts: [{ address: asset, abi: erc20Abi, functionName: "balanceOf", args: [splitter] }],
  });

  const contributors = new Map<string, ContributorViews>();
  const per = Math.min(p.contributorsPerCall ?? perCall, perCall);
  for (let at = 0; at < p.contributors.length; at += per) {
    const chunk = p.contributors.slice(at, at + per);
    const results = await multicall(client, {
      ...options,
      allowFailure: false,
      contracts: chunk.flatMap((contributor) => PER_CONTRIBUTOR.map((functionName) => ({ ...s, functionName, args: [contributor] }) as const)),
    });
    chunk.forEach((contributor, i) => {
      const [tokens, nonce, claimable, claimed] = results.slice(i * 4, i * 4 + 4) as bigint[];
      contributors.set(contributor.toLowerCase(), { tokens: tokens!, nonce: nonce!, claimable: claimable!, claimed: claimed! });
    });
  }
  return {
    asset,
    alphaBps,
    totalTokens,
    totalGrossRevenue,
    totalDeposited,
    totalClaimed,
    held,
    committee: { signers: committee[0], threshold: committee[1], epoch: committee[2] },
    pendingCommittee: { signers: pending[0], threshold: pending[1], activatesAt: pending[2] },
    attestationsPaused,
    balance,
    contributors,
  };
}

async function multicallOptions(client: Client, blockNumber: bigint) {
  const known = client.chain?.contracts?.multicall3;
  let address: Address | null = known && (known.blockCreated === undefined || BigInt(known.blockCreated) <= blockNumber) ? known.address : null;
  if (!address && ((await getCode(client, { address: MULTICALL3_ADDRESS, blockNumber })) ?? "0x") !== "0x") address = MULTICALL3_ADDRESS;
  // batchSize 0: one eth_call per multicall() here; the chunking is ours (contributors per call).
  return address
    ? { options: { blockNumber, batchSize: 0, multicallAddress: address }, perCall: DEFAULT_CONTRIBUTORS_PER_CALL }
    : { options: { blockNumber, batchSize: 0, deployless: true }, perCall: DEPLOYLESS_CONTRIBUTORS_PER_CALL };
}

import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { revenueSplitterAbi } from "../protocol/abi.ts";

export interface Committee {
  signers: readonly Address[];
  threshold: number;
  epoch: bigint;
}

/** The splitter's current oracle committee, as `attest` checks it. */
export async function readCommittee(client: Client, splitter: Address, options: { blockNumber?: bigint } = {}): Promise<Committee> {
  const [signers, threshold, epoch] = await readContract(client, {
    address: splitter,
    abi: revenueSplitterAbi,
    functionName: "committee",
    blockNumber: options.blockNumber,
  });
  return { signers, threshold: Number(threshold), epoch };
}

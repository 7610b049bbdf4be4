// Where the committee's signatures are: the `Attested` event does not carry them, so the audit
// reads them from the `attest` call that emitted it.
//
//   1. The block of each attestation, with its transactions (one eth_getBlockByNumber per block
//      holding Attested events): its timestamp for the deadline check, and each transaction's input.
//   2. A transaction sent to the splitter whose input is `attest(...)` (the relayer's and a
//      contributor wallet's way): its input is the call, decoded with the generated ABI.
//   3. Any other transaction (a batcher, a multisig, an account-abstraction bundle): the calls it
//      made into the splitter, from `debug_traceTransaction` with the call tracer; where the node
//      offers no tracer, `attest` calldata embedded verbatim in the input (what call-forwarding
//      wrappers such as Safe or Multicall3 carry). Each decoded call is used only if it matches its
//      event exactly (contributor, nonce, tokens, manifest CID).
import { decodeFunctionData, toFunctionSelector, getAbiItem, type Address, type Client, type Hex } from "viem";
import { getBlock } from "viem/actions";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import type { Attestation } from "../protocol/attestation.ts";
import type { AttestedEvent } from "./history.ts";

export interface AttestCall {
  attestation: Attestation;
  signatures: Hex;
  /** How the call was found. */
  source: "transaction" | "trace" | "embedded";
}

export interface AttestCallLookup {
  /** Block timestamps, by block number. */
  timestamps: Map<bigint, bigint>;
  /** By `${transactionHash}:${logIndex}` of the Attested event; absent when no matching call was found. */
  calls: Map<string, AttestCall>;
  /** Why a transaction's calls could not be found, by transaction hash. */
  problems: Map<Hex, string>;
  stats: { blocks: number; transactions: number; traced: number; embedded: number };
}

export const eventKey = (e: { transactionHash: Hex; logIndex: number }) => `${e.transactionHash}:${e.logIndex}`;

const ATTEST = getAbiItem({ abi: revenueSplitterAbi, name: "attest" });
const SELECTOR = toFunctionSelector(ATTEST);

function decodeAttest(input: Hex): Omit<AttestCall, "source"> | null {
  if (!input.startsWith(SELECTOR)) return null;
  try {
    const { functionName, args } = decodeFunctionData({ abi: revenueSplitterAbi, data: input });
    if (functionName !== "attest") return null;
    const [a, signatures] = args as unknown as [Attestation, Hex];
    return {
      attestation: { contributor: a.contributor, tokens: a.tokens, nonce: a.nonce, deadline: a.deadline, manifestCid: a.manifestCid },
      signatures,
    };
  } catch {
    return null;
  }
}

/** `attest` calls whose calldata appears verbatim anywhere inside `input`. */
function embeddedCalls(input: Hex): Omit<AttestCall, "source">[] {
  const found: Omit<AttestCall, "source">[] = [];
  const needle = SELECTOR.slice(2);
  for (let at = input.indexOf(needle, 2); at !== -1; at = input.indexOf(needle, at + 2)) {
    if (at % 2 !== 0) continue; // not on a byte boundary
    const call = decodeAttest(`0x${input.slice(at)}`);
    if (call) found.push(call);
  }
  return found;
}

interface TraceFrame {
  to?: string;
  input?: Hex;
  error?: string;
  type?: string;
  calls?: TraceFrame[];
}

function tracedCalls(frame: TraceFrame, splitter: Address, out: Omit<AttestCall, "source">[] = []): Omit<AttestCall, "source">[] {
  if (frame.error) return out; // a reverted frame emitted nothing
  if (frame.type !== "DELEGATECALL" && frame.to?.toLowerCase() === splitter.toLowerCase() && frame.input) {
    const call = decodeAttest(frame.input);
    if (call) out.push(call);
  }
  for (const child of frame.calls ?? []) tracedCalls(child, splitter, out);
  return out;
}

const matches = (call: Omit<AttestCall, "source">, e: AttestedEvent) =>
  call.attestation.contributor.toLowerCase() === e.contributor.toLowerCase() &&
  call.attestation.nonce === e.nonce &&
  call.attestation.tokens === e.tokens &&
  call.attestation.manifestCid.toLowerCase() === e.manifestCid.toLowerCase();

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface FindAttestCallsParameters {
  splitter: Address;
  events: readonly AttestedEvent[];
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Called after each block, with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

export async function findAttestCalls(client: Client, p: FindAttestCallsParameters): Promise<AttestCallLookup> {
  const byBlock = new Map<bigint, AttestedEvent[]>();
  for (const e of p.events) {
    const list = byBlock.get(e.blockNumber);
    if (list) list.push(e);
    else byBlock.set(e.blockNumber, [e]);
  }
  const lookup: AttestCallLookup = { timestamps: new Map(), calls: new Map(), problems: new Map(), stats: { blocks: 0, transactions: 0, traced: 0, embedded: 0 } };
  let done = 0;
  await mapLimit([...byBlock.keys()], p.concurrency ?? 4, async (blockNumber) => {
    const block = await getBlock(client, { blockNumber, includeTransactions: true });
    lookup.timestamps.set(blockNumber, block.timestamp);
    lookup.stats.blocks++;
    const txs = new Map(block.transactions.map((tx) => [tx.hash.toLowerCase(), tx]));
    const byTx = new Map<Hex, AttestedEvent[]>();
    for (const e of byBlock.get(blockNumber)!) {
      const list = byTx.get(e.transactionHash);
      if (list) list.push(e);
      else byTx.set(e.transactionHash, [e]);
    }
    for (const [hash, events] of byTx) {
      lookup.stats.transactions++;
      const tx = txs.get(hash.toLowerCase());
      if (!tx) {
        lookup.problems.set(hash, `transaction ${hash} is not in block ${blockNumber} as the node serves it`);
        continue;
      }
      let calls: Omit<AttestCall, "source">[] = [];
      let source: AttestCall["source"] = "transaction";
      const direct = tx.to?.toLowerCase() === p.splitter.toLowerCase() ? decodeAttest(tx.input) : null;
      if (direct) calls = [direct];
      else {
        try {
          const trace = (await client.request({ method: "debug_traceTransaction", params: [hash, { tracer: "callTracer" }] } as never)) as TraceFrame;
          calls = tracedCalls(trace, p.splitter);
          source = "trace";
          lookup.stats.traced++;
        } catch {
          calls = embeddedCalls(tx.input);
          source = "embedded";
          lookup.stats.embedded++;
        }
      }
      for (const e of events.sort((a, b) => a.logIndex - b.logIndex)) {
        const i = calls.findIndex((c) => matches(c, e));
        if (i === -1) continue;
        lookup.calls.set(eventKey(e), { ...calls[i]!, source });
        calls.splice(i, 1);
      }
      if (events.some((e) => !lookup.calls.has(eventKey(e)))) {
        lookup.problems.set(
          hash,
          source === "embedded"
            ? `transaction ${hash} calls ${tx.to ?? "(creation)"}, not the splitter, the node has no debug_traceTransaction, and its input carries no matching attest calldata`
            : `no attest call in transaction ${hash} matches its Attested event`,
        );
      }
    }
    p.onProgress?.(++done, byBlock.size);
  });
  return lookup;
}

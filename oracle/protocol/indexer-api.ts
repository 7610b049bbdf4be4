// The indexer's HTTP answers (indexer/) as the dApp reads them: every event of every program the
// factory created, in chain order, and the programs themselves. Amounts travel as decimal strings
// (JSON has no big integers) and are turned back into bigints by the splitter's ABI, so a decoded
// event is exactly what viem's getContractEvents returns for the same log. Browser-safe.
import { getAbiItem, getAddress, type AbiEvent, type AbiParameter, type Address, type Hex } from "viem";
import { revenueSplitterAbi } from "./abi.ts";
import { OneTTError } from "./errors.ts";
import type { SplitterEventName, SplitterLog } from "./splitter-events.ts";

/** A JSON value with every bigint written as its decimal string. */
export type Jsonish = string | number | boolean | null | Jsonish[] | { [key: string]: Jsonish };

/** One splitter event as the indexer serves it. */
export interface IndexedEvent {
  program: Address;
  eventName: SplitterEventName;
  /** Decimal. */
  blockNumber: string;
  logIndex: number;
  transactionHash: Hex;
  args: Record<string, Jsonish>;
}

/** One page of a program's events; `next` is the cursor of the following page, null at the end. */
export interface IndexedEventPage {
  events: IndexedEvent[];
  next: string | null;
}

/** A program the factory created (its ProgramCreated event). */
export interface IndexedProgram {
  program: Address;
  asset: Address;
  owner: Address;
  alphaBps: string;
  index: string;
  createdBlock: string;
}

/** Events per page: a page stays well under a megabyte of JSON. */
export const INDEXER_PAGE_SIZE = 1_000;

export const indexerPaths = {
  programs: "/programs",
  events: (program: Address) => `/programs/${program.toLowerCase()}/events`,
} as const;

/** Bigints to decimal strings, everything else as it is. */
export function jsonArgs(value: unknown): Jsonish {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonArgs);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonArgs(v)]));
  return value as Jsonish;
}

const isInteger = (p: AbiParameter) => /^u?int\d*$/.test(p.type);

function decodeValue(parameter: AbiParameter, value: Jsonish): unknown {
  if (isInteger(parameter)) return BigInt(value as string);
  // The indexer's database keeps addresses lower-case; viem returns them checksummed.
  if (parameter.type === "address") return getAddress(value as string);
  if (parameter.type.endsWith("[]") && Array.isArray(value)) {
    const item = { ...parameter, type: parameter.type.slice(0, -2) } as AbiParameter;
    return value.map((v) => decodeValue(item, v));
  }
  return value;
}

/** The event as viem decodes its log: uint arguments back to bigints, by the splitter's ABI. */
export function decodeIndexedEvent(event: IndexedEvent): SplitterLog {
  const item = getAbiItem({ abi: revenueSplitterAbi, name: event.eventName }) as AbiEvent | undefined;
  if (!item || item.type !== "event") throw new IndexerAnswerError(`"${event.eventName}" is not an event of the RevenueSplitter ABI`);
  const args: Record<string, unknown> = {};
  for (const input of item.inputs) {
    if (!input.name || !(input.name in event.args)) throw new IndexerAnswerError(`${event.eventName} lacks its "${input.name}" argument`);
    args[input.name] = decodeValue(input, event.args[input.name]!);
  }
  return { eventName: event.eventName, args, blockNumber: BigInt(event.blockNumber), logIndex: event.logIndex, transactionHash: event.transactionHash } as SplitterLog;
}

/** The indexer did not answer, or not with a page of its API. */
export class IndexerUnavailableError extends OneTTError {
  static override readonly code = "indexer_unavailable";
  override name = "IndexerUnavailableError";
  constructor(url: string, cause: unknown) {
    super(`The indexer at ${url} does not answer.`, {
      details: cause instanceof Error ? cause.message : String(cause),
      hint: "Start it (npm start starts one) or check VITE_INDEXER_URL; meanwhile history is read from the chain's logs.",
      cause,
    });
  }
}

/** The indexer answered, and refused: what it said is in `details`. */
export class IndexerRefusedError extends OneTTError {
  static override readonly code = "indexer_unavailable";
  override name = "IndexerRefusedError";
  constructor(url: string, path: string, status: number, said: string) {
    super(`The indexer at ${url} cannot serve ${path} (${status}).`, { details: said, hint: "Read it from the chain's logs, or point VITE_INDEXER_URL at an indexer of this factory." });
  }
}

export class IndexerAnswerError extends OneTTError {
  static override readonly code = "indexer_unavailable";
  override name = "IndexerAnswerError";
  constructor(details: string) {
    super("The indexer's answer is not one of its API.", { details, hint: "Run an indexer of the same version as the dApp." });
  }
}

async function getJson<T>(baseUrl: string, path: string, signal?: AbortSignal): Promise<T> {
  const url = new URL(path, baseUrl).toString();
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (cause) {
    throw new IndexerUnavailableError(baseUrl, cause);
  }
  if (response.status >= 400 && response.status < 500) {
    const said = await response.json().then((b: { error?: string }) => b.error, () => undefined);
    throw new IndexerRefusedError(baseUrl, path, response.status, said ?? `GET ${path} answered ${response.status}`);
  }
  if (!response.ok) throw new IndexerUnavailableError(baseUrl, new Error(`GET ${path} answered ${response.status} ${await response.text().catch(() => "")}`.trim()));
  return (await response.json()) as T;
}

/** Every event of `program` the indexer holds from `fromBlock` on, in chain order, page by page. */
export async function fetchProgramEvents(baseUrl: string, program: Address, signal?: AbortSignal, fromBlock = 0n): Promise<SplitterLog[]> {
  const logs: SplitterLog[] = [];
  let cursor: string | null = "";
  while (cursor !== null) {
    const params = new URLSearchParams(fromBlock > 0n ? { fromBlock: fromBlock.toString() } : {});
    if (cursor) params.set("after", cursor);
    const query: string = params.size > 0 ? `?${params}` : "";
    const page: IndexedEventPage = await getJson<IndexedEventPage>(baseUrl, indexerPaths.events(program) + query, signal);
    if (!Array.isArray(page.events)) throw new IndexerAnswerError(`${indexerPaths.events(program)} gave no "events" list`);
    logs.push(...page.events.map(decodeIndexedEvent));
    cursor = page.next;
  }
  return logs;
}

/** Every program the indexed factory created, oldest first. */
export async function fetchPrograms(baseUrl: string, signal?: AbortSignal): Promise<IndexedProgram[]> {
  const answer = await getJson<{ programs: IndexedProgram[] }>(baseUrl, indexerPaths.programs, signal);
  if (!Array.isArray(answer.programs)) throw new IndexerAnswerError(`${indexerPaths.programs} gave no "programs" list`);
  return answer.programs.map((p) => ({ ...p, program: getAddress(p.program), asset: getAddress(p.asset), owner: getAddress(p.owner) }));
}

/** The last block the indexer has read (Ponder's /status), or null before its first. */
export async function fetchIndexedBlock(baseUrl: string, signal?: AbortSignal): Promise<bigint | null> {
  const status = await getJson<Record<string, { block?: { number?: number } }>>(baseUrl, "/status", signal);
  const numbers = Object.values(status).map((chain) => chain.block?.number).filter((n): n is number => typeof n === "number");
  return numbers.length === 0 ? null : BigInt(Math.min(...numbers));
}

/** A page cursor: the position of the page's last event. */
export const eventCursor = (blockNumber: bigint | string, logIndex: number) => `${blockNumber}-${logIndex}`;

/** The position a cursor names, or an error that says what a cursor looks like. */
export function parseEventCursor(cursor: string): { blockNumber: bigint; logIndex: number } {
  const match = /^(\d{1,20})-(\d{1,9})$/.exec(cursor);
  if (!match) throw new IndexerAnswerError(`"${cursor}" is not a cursor: expected <block>-<logIndex>, as given in a page's "next"`);
  return { blockNumber: BigInt(match[1]!), logIndex: Number(match[2]) };
}

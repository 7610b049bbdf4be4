// The relayer: puts committee-signed attestations on chain with its own key, and never sends a
// second transaction for work that is done or may still land.
//
// post(attestation, signatures):
//   1. finishes this contributor's transactions still pending in the attempt log (after a crash:
//      their receipts decide; a transaction the node forgot is re-broadcast byte for byte);
//   2. reads the contributor's on-chain nonce: if it has reached the attestation's, stops;
//   3. refuses an expired deadline (chain time), simulates `attest` and decodes any custom error;
//   4. signs the transaction locally, writes hash + raw bytes to the log, then broadcasts;
//   5. polls for the receipt, re-broadcasting the same bytes if the node loses the transaction.
// Every RPC call goes through withRpcRetry (exponential backoff with jitter on refused
// connections, timeouts, 5xx). Posts are serialised within one Relayer.
import {
  BaseError,
  decodeFunctionData,
  encodeFunctionData,
  hashTypedData,
  keccak256,
  NonceTooLowError,
  parseTransaction,
  TransactionNotFoundError,
  TransactionReceiptNotFoundError,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type TransactionReceipt,
  type Transport,
} from "viem";
import {
  getBlock,
  getChainId,
  getTransaction,
  getTransactionReceipt,
  prepareTransactionRequest,
  readContract,
  sendRawTransaction,
  signTransaction,
  simulateContract,
} from "viem/actions";
import { revenueSplitterAbi } from "../../protocol/abi.ts";
import { attestationTypedData, type Attestation } from "../../protocol/attestation.ts";
import { AttestationExpiredError, AttestError, TransactionPendingError, TransactionRejectedError } from "../errors.ts";
import type { Attempt, AttemptLog } from "./attempt-log.ts";
import { attestRevertError, findRevert } from "./decode-revert.ts";
import { replacementTransaction } from "./replace-fee.ts";
import { sleep, withRpcRetry, type RetryPolicy } from "./retry.ts";

export type RelayerClient = Client<Transport, Chain | undefined, Account>;

export interface RelayerOptions {
  /** A client whose account is the relayer key (a local account: transactions are signed here). */
  client: RelayerClient;
  splitter: Address;
  log: AttemptLog;
  retry?: RetryPolicy;
  /** Between receipt polls. Default 1 s. */
  pollingIntervalMs?: number;
  /** How long post() waits for a receipt before TransactionPendingError. Default 5 min. */
  receiptTimeoutMs?: number;
  /** While waiting, how often to check the node still has the transaction (and re-send it if not). Default 15 s. */
  rebroadcastIntervalMs?: number;
  /** A transaction not mined after this long is replaced by one with higher fees (replace-fee.ts). Default 60 s. */
  replaceAfterMs?: number;
}

export type PostResult =
  | { status: "confirmed"; attestationHash: Hex; transactionHash: Hex; blockNumber: bigint; gasUsed: bigint; resumed: boolean }
  | { status: "already-attested"; attestationHash: Hex; onChainNonce: bigint };

export interface ResumeOutcome {
  attempt: Attempt;
  result?: PostResult;
  error?: unknown;
}

const KNOWN = /already known|known transaction|already imported|alreadyknown/i;
const CONSUMED = /nonce too low|nonce.*(already|has been) used|noncetoolow/i;
// A transaction with the same nonce and higher fees (our replacement) holds the nonce.
const SUPERSEDED = /underpriced|replacement transaction/i;

function describe(error: unknown): string {
  return error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
}

export class Relayer {
  readonly client: RelayerClient;
  readonly splitter: Address;
  readonly chainId: number;
  readonly log: AttemptLog;
  readonly #retry: RetryPolicy;
  readonly #polling: number;
  readonly #receiptTimeout: number;
  readonly #rebroadcast: number;
  readonly #replaceAfter: number;
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(options: RelayerOptions, chainId: number) {
    this.client = options.client;
    this.splitter = options.splitter;
    this.chainId = chainId;
    this.log = options.log;
    this.#retry = options.retry ?? {};
    this.#polling = options.pollingIntervalMs ?? 1_000;
    this.#receiptTimeout = options.receiptTimeoutMs ?? 5 * 60_000;
    this.#rebroadcast = options.rebroadcastIntervalMs ?? 15_000;
    this.#replaceAfter = options.replaceAfterMs ?? 60_000;
  }

  /** A relayer for `splitter` on the client's chain (the chain id is read from the node, with retries). */
  static async create(options: RelayerOptions): Promise<Relayer> {
    const chainId = options.client.chain?.id ?? (await withRpcRetry("eth_chainId", () => getChainId(options.client), options.retry));
    return new Relayer(options, chainId);
  }

  /** The EIP-712 digest of an attestation for this splitter: the key of its attempts in the log. */
  attestationHash(attestation: Attestation): Hex {
    return hashTypedData(attestationTypedData(this.chainId, this.splitter, attestation));
  }

  /** Puts a signed attestation on chain, or tells that the contributor's nonce already reached it. */
  post(attestation: Attestation, signatures: Hex, options: { signal?: AbortSignal } = {}): Promise<PostResult> {
    return this.#serial(() => this.#post(attestation, signatures, options.signal));
  }

  /** Finishes every transaction the log holds as pending for this splitter (call at start-up). */
  resume(options: { signal?: AbortSignal } = {}): Promise<ResumeOutcome[]> {
    return this.#serial(async () => {
      const outcomes: ResumeOutcome[] = [];
      for (const attempt of this.#pendingAttempts()) {
        try {
          const result = await this.#finish(attempt, true, options.signal);
          outcomes.push(result ? { attempt, result } : { attempt });
        } catch (error) {
          if (options.signal?.aborted) throw error;
          outcomes.push({ attempt, error });
        }
      }
      return outcomes;
    });
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn, fn);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  #pendingAttempts(contributor?: Address): Attempt[] {
    return this.log
      .pending()
      .filter((a) => a.chainId === this.chainId && a.splitter === this.splitter && (!contributor || a.contributor === contributor));
  }

  #rpc<T>(operation: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withRpcRetry(operation, fn, this.#retry, signal);
  }

  async #onChainNonce(contributor: Address, signal?: AbortSignal): Promise<bigint> {
    return this.#rpc("nonceOf", () => readContract(this.client, { address: this.splitter, abi: revenueSplitterAbi, functionName: "nonceOf", args: [contributor] }), signal);
  }

  async #post(attestation: Attestation, signatures: Hex, signal?: AbortSignal): Promise<PostResult> {
    const attestationHash = this.attestationHash(attestation);
    const base = { attestationHash, chainId: this.chainId, splitter: this.splitter, contributor: attestation.contributor, nonce: attestation.nonce };

    // 1. A transaction of this contributor may be in flight from before a crash: settle it first.
    for (const pending of this.#pendingAttempts(attestation.contributor)) {
      const result = await this.#finish(pending, true, signal);
      if (result && pending.attestationHash === attestationHash) return result;
    }

    for (let round = 0; round < 3; round++) {
      // 2. Done already (by us, by the contributor's own wallet, or by a later attestation)?
      const onChainNonce = await this.#onChainNonce(attestation.contributor, signal);
      if (onChainNonce >= attestation.nonce) {
        this.log.insert({ ...base, status: "skipped", error: `on-chain nonce ${onChainNonce}` });
        return { status: "already-attested", attestationHash, onChainNonce };
      }

      // 3. Expired, or refused by the contract? Say so before spending gas.
      const block = await this.#rpc("eth_getBlockByNumber", () => getBlock(this.client), signal);
      if (attestation.deadline <= block.timestamp) throw new AttestationExpiredError(attestation.deadline, block.timestamp);
      try {
        await this.#rpc(
          "simulate attest",
          () => simulateContract(this.client, { address: this.splitter, abi: revenueSplitterAbi, functionName: "attest", args: [attestation, signatures], account: this.client.account }),
          signal,
        );
      } catch (error) {
        const revert = findRevert(error);
        if (!revert) throw error;
        if (revert.errorName === "StaleNonce") continue; // landed meanwhile: the nonce read above says so
        throw attestRevertError(revert);
      }

      // 4. Sign locally, remember, then broadcast: a crash after this line re-sends these bytes only.
      const data = encodeFunctionData({ abi: revenueSplitterAbi, functionName: "attest", args: [attestation, signatures] });
      const request = await this.#rpc(
        "prepare transaction",
        () => prepareTransactionRequest(this.client, { account: this.client.account, to: this.splitter, data, chain: this.client.chain }),
        signal,
      );
      const rawTransaction = await signTransaction(this.client, { ...request, account: this.client.account, chain: this.client.chain } as never);
      const attempt = this.log.insert({ ...base, status: "sent", transactionHash: keccak256(rawTransaction), rawTransaction });

      // 5. Broadcast and wait.
      const result = await this.#finish(attempt, false, signal);
      if (result) return result;
      // Dropped (its account nonce went to another transaction): start again from the nonce check.
    }
    throw new AttestError("The attestation could not be posted after three rounds.", {
      details: "Each transaction was dropped by the node before it was mined.",
      hint: "Check the relayer account's other activity: another process may be using the same key.",
    });
  }

  /** The receipt, or null while the transaction is not mined. */
  async #receipt(hash: Hex, signal?: AbortSignal): Promise<TransactionReceipt | null> {
    try {
      return await this.#rpc("eth_getTransactionReceipt", () => getTransactionReceipt(this.client, { hash }), signal);
    } catch (error) {
      if (error instanceof TransactionReceiptNotFoundError) return null;
      throw error;
    }
  }

  async #nodeKnows(hash: Hex, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.#rpc("eth_getTransactionByHash", () => getTransaction(this.client, { hash }), signal);
      return true;
    } catch (error) {
      if (error instanceof TransactionNotFoundError) return false;
      throw error;
    }
  }

  /** Sends the attempt's signed bytes: "sent" (or already known), or "consumed" when its account nonce is used. */
  async #broadcast(attempt: Attempt, signal?: AbortSignal): Promise<"sent" | "consumed"> {
    try {
      await this.#rpc("eth_sendRawTransaction", () => sendRawTransaction(this.client, { serializedTransaction: attempt.rawTransaction! }), signal);
      return "sent";
    } catch (error) {
      const text = describe(error) + " " + String((error as { details?: string }).details ?? "");
      if (KNOWN.test(text)) return "sent";
      if (SUPERSEDED.test(text)) return "consumed";
      if (error instanceof NonceTooLowError || (error as { walk?: (f: (e: unknown) => boolean) => unknown }).walk?.((e) => e instanceof NonceTooLowError) || CONSUMED.test(text)) {
        return "consumed";
      }
      // An abort, RpcUnavailableError or anything not from the node: the transaction stays pending.
      if (signal?.aborted || error instanceof AttestError || !(error instanceof BaseError)) throw error;
      this.log.update(attempt.id, { status: "dropped", error: describe(error) });
      throw new TransactionRejectedError(attempt.transactionHash!, error);
    }
  }

  /**
   * Drives one logged transaction to an outcome. Returns null when it was dropped (the caller may
   * send a new one); throws a typed error when it reverted or is still pending after the wait.
   */
  async #finish(attempt: Attempt, resumed: boolean, signal?: AbortSignal): Promise<PostResult | null> {
    const started = Date.now();
    // The attempt and its replacements (same account nonce, higher fees), the latest last.
    const attempts = [attempt];
    let current = attempt;
    let lastBroadcast = 0;
    let sentAt = Date.now();
    for (;;) {
      const mined = await this.#minedOf(attempts, signal);
      if (mined) return this.#settle(mined.attempt, mined.receipt, resumed, signal);
      if (Date.now() - lastBroadcast >= this.#rebroadcast || lastBroadcast === 0) {
        const known = lastBroadcast === 0 && (!resumed || current !== attempt) ? false : await this.#nodeKnows(current.transactionHash!, signal);
        if (!known) {
          if ((await this.#broadcast(current, signal)) === "consumed") {
            const late = await this.#minedOf(attempts, signal);
            if (late) return this.#settle(late.attempt, late.receipt, resumed, signal);
            for (const a of attempts) this.log.update(a.id, { status: "dropped", error: "account nonce used by another transaction" });
            return null;
          }
        }
        lastBroadcast = Date.now();
      }
      if (Date.now() - started >= this.#receiptTimeout) throw new TransactionPendingError(current.transactionHash!, Date.now() - started);
      if (Date.now() - sentAt >= this.#replaceAfter) {
        const replacement = await this.#rpc("replace with higher fees", () => replacementTransaction(this.client, current.rawTransaction!), signal);
        current = this.log.insert({ attestationHash: attempt.attestationHash, chainId: attempt.chainId, splitter: attempt.splitter, contributor: attempt.contributor, nonce: attempt.nonce, status: "sent", transactionHash: keccak256(replacement.rawTransaction), rawTransaction: replacement.rawTransaction, error: `replaces ${attempts.at(-1)!.transactionHash} (${replacement.fees})` });
        attempts.push(current);
        sentAt = Date.now();
        lastBroadcast = 0;
        continue;
      }
      await sleep(this.#polling, signal);
    }
  }

  /** The first of `attempts` that is mined, with its receipt; the others are marked replaced. */
  async #minedOf(attempts: Attempt[], signal?: AbortSignal): Promise<{ attempt: Attempt; receipt: TransactionReceipt } | null> {
    for (const a of attempts) {
      const receipt = await this.#receipt(a.transactionHash!, signal);
      if (!receipt) continue;
      for (const other of attempts) if (other !== a) this.log.update(other.id, { status: "dropped", error: `replaced: ${a.transactionHash} was mined` });
      return { attempt: a, receipt };
    }
    return null;
  }

  async #settle(attempt: Attempt, receipt: TransactionReceipt, resumed: boolean, signal?: AbortSignal): Promise<PostResult> {
    const { transactionHash, blockNumber, gasUsed } = receipt;
    if (receipt.status === "success") {
      this.log.update(attempt.id, { status: "confirmed", blockNumber });
      return { status: "confirmed", attestationHash: attempt.attestationHash, transactionHash, blockNumber, gasUsed, resumed };
    }
    // Reverted: replay the call on the state after that block to learn why.
    const { args } = decodeFunctionData({ abi: revenueSplitterAbi, data: parseTransaction(attempt.rawTransaction!).data! });
    let revert: ReturnType<typeof findRevert> = null;
    try {
      await this.#rpc(
        "simulate reverted attest",
        () => simulateContract(this.client, { address: this.splitter, abi: revenueSplitterAbi, functionName: "attest", args: args as never, account: this.client.account, blockNumber }),
        signal,
      );
    } catch (error) {
      revert = findRevert(error);
    }
    this.log.update(attempt.id, { status: "reverted", blockNumber, error: revert?.errorName ?? "unknown revert" });
    if (revert?.errorName === "StaleNonce") {
      return { status: "already-attested", attestationHash: attempt.attestationHash, onChainNonce: await this.#onChainNonce(attempt.contributor, signal) };
    }
    throw attestRevertError(revert ?? { errorName: null, args: [], cause: undefined }, transactionHash);
  }
}

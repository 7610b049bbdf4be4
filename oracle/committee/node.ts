// A committee member that is not the one running the service: it signs an attestation only after
// re-running the deterministic pipeline itself on the submission's data and getting the same
// counts and bytes (verifySubmission, the audit's own check). It holds its own signer key, its
// own reader key (derived from the signer key unless it published another), its own pipeline and
// its own state on disk (NodeState), and reads submissions from its own content-store access in
// the order of the manifest chain. It trusts nothing of the leader but the manifests it can check:
// asked to sign manifest X, it walks back from X to what it verified last and replays forward.
import { getAbiItem, type Address, type GetLogsReturnType, type LocalAccount, type PublicClient } from "viem";
import { attestationForManifest, committeeReaderKey, signAttestation } from "../attest/index.ts";
import { fileProblem, filesOf } from "../audit/check-data.ts";
import { contractWalletVerifier, contributionDifference } from "../audit/verify-contribution.ts";
import { verifySubmission } from "../audit/verify-submission.ts";
import type { ReaderKeyPair } from "../crypto/index.ts";
import { cidFromHex, readManifest, type Manifest } from "../manifest/index.ts";
import type { PipelineConfig } from "../pipeline/config.ts";
import type { PipelineWorkers } from "../pipeline/run/workers.ts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import type { Attestation, SignerSignature } from "../protocol/attestation.ts";
import type { MemberStatus } from "../protocol/committee-api.ts";
import { OneTTError } from "../protocol/errors.ts";
import { followLogs, readLogs, type LogWindow } from "../protocol/read-logs.ts";
import type { ContentStore } from "../store/index.ts";
import { NodeState } from "./node-state.ts";
import { replaySubmission } from "./replay-submission.ts";

const ATTESTED = getAbiItem({ abi: revenueSplitterAbi, name: "Attested" });
type AttestedLog = GetLogsReturnType<typeof ATTESTED, [typeof ATTESTED], true>[number];

/** The node refuses: what it computed differs from what it was asked to sign, or it cannot check it. */
export class CosignRefusedError extends OneTTError {
  override name = "CosignRefusedError";
  /** What differed, one line each (machine code first). */
  readonly differences: string[];
  constructor(shortMessage: string, differences: string[], hint = "Compare the leader's pipeline configuration and state with this member's; see docs/committee.md, When a member refuses.") {
    super(shortMessage, { details: differences.join("; "), hint });
    this.differences = differences;
  }
}

export interface CommitteeNodeOptions {
  signer: LocalAccount;
  chainId: number;
  splitter: Address;
  /** Reads the splitter's Attested events when catching up. */
  client: PublicClient;
  /** The first block to read them from (the splitter's deployment block; default 0). */
  fromBlock?: bigint;
  store: ContentStore;
  /** This member's own pipeline configuration and workers (its id must be the one the manifests name). */
  pipelineConfig: PipelineConfig;
  workers: PipelineWorkers;
  /** Its own state folder (node.db, dedup/). */
  stateDir: string;
  /** The longest validity it accepts for an attestation it signs. */
  maxTtlSeconds: number;
  /** Its reader key when it published another one than the key its signer key derives. */
  readerKey?: ReaderKeyPair;
}

export class CommitteeNode {
  readonly address: Address;
  readonly #o: CommitteeNodeOptions;
  readonly #state: NodeState;
  readonly #readerKey: Promise<ReaderKeyPair>;
  /** One replay at a time: the dedup state is sequential. */
  #queue: Promise<unknown> = Promise.resolve();
  /** The splitter's Attested logs read so far: each catch-up reads only the blocks since. */
  #attested: LogWindow<AttestedLog> | undefined;
  #busy = 0;

  private constructor(o: CommitteeNodeOptions, state: NodeState) {
    this.#o = o;
    this.#state = state;
    this.address = o.signer.address;
    this.#readerKey = o.readerKey ? Promise.resolve(o.readerKey) : committeeReaderKey(o.signer, o.chainId, o.splitter);
  }

  static open(o: CommitteeNodeOptions): CommitteeNode {
    return new CommitteeNode(o, NodeState.open(o.stateDir, o.workers.pipeline));
  }

  get pipelineId(): string {
    return this.#o.workers.pipeline.id.id;
  }

  /** The reader public key the leader must wrap data keys for (published beside the signer address). */
  async readerPublicKey(): Promise<Uint8Array> {
    return (await this.#readerKey).publicKey;
  }

  status(): MemberStatus {
    const last = this.#state.last;
    const refusal = this.#state.lastRefusal();
    return {
      address: this.address,
      pipeline: this.pipelineId,
      verified: this.#state.count,
      head: last && { sequence: last.sequence, cid: last.cid },
      refused: refusal && refusal.sequence >= this.#state.count ? { sequence: refusal.sequence, cid: refusal.cid, reason: refusal.reason } : null,
      busy: this.#busy > 0,
    };
  }

  /** Records a request id once; false when it was answered before. */
  claimRequest(id: string, expiresAt: number): boolean {
    return this.#state.claimRequest(id, expiresAt);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      this.#busy++;
      try {
        return await work();
      } finally {
        this.#busy--;
      }
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Verifies every submission up to the attested one (in chain order), then signs the attestation. */
  cosign(attestation: Attestation): Promise<SignerSignature> {
    return this.#serial(async () => {
      const cid = String(cidFromHex(attestation.manifestCid));
      const manifest = await this.#verifyThrough(cid);
      const expected = attestationForManifest(manifest, cid, attestation.deadline);
      const problems: string[] = [];
      if (expected.contributor.toLowerCase() !== attestation.contributor.toLowerCase()) problems.push(`contributor: asked ${attestation.contributor}, the manifest says ${expected.contributor}`);
      if (attestation.tokens !== expected.tokens) problems.push(`tokens: asked ${attestation.tokens}, this member computed ${expected.tokens}`);
      if (attestation.nonce !== expected.nonce) problems.push(`nonce: asked ${attestation.nonce}, the manifest gives ${expected.nonce}`);
      const now = BigInt(Math.floor(Date.now() / 1000));
      if (attestation.deadline <= now || attestation.deadline > now + BigInt(this.#o.maxTtlSeconds)) problems.push(`deadline ${attestation.deadline} is not within ${this.#o.maxTtlSeconds} s from now`);
      if (problems.length > 0) throw new CosignRefusedError(`${this.address} does not sign this attestation of ${cid}.`, problems);
      return signAttestation(this.#o.signer, this.#o.chainId, this.#o.splitter, attestation);
    });
  }

  /** Follows the chain: verifies up to the manifest of the splitter's latest Attested event. Returns what it verified. */
  catchUp(): Promise<number> {
    return this.#serial(async () => {
      const { client, splitter } = this.#o;
      this.#attested = await followLogs(client, this.#attested, this.#o.fromBlock ?? 0n, (range) => readLogs(client, { address: splitter, event: ATTESTED, strict: true, ...range }));
      const events = this.#attested.logs;
      let head: { cid: string; sequence: number } | null = null;
      for (const e of events.slice(-16)) {
        // The latest events name the furthest manifests; one that is not a manifest (a captured committee's) is skipped.
        try {
          const cid = String(cidFromHex(e.args.manifestCid!));
          const m = await readManifest(this.#o.store, cid);
          if (!head || m.sequence > head.sequence) head = { cid, sequence: m.sequence };
        } catch {
          continue;
        }
      }
      const before = this.#state.count;
      if (head && head.sequence >= before) await this.#verifyThrough(head.cid);
      return this.#state.count - before;
    });
  }

  async #verifyThrough(cid: string): Promise<Manifest> {
    const pending: { cid: string; manifest: Manifest }[] = [];
    let manifest: Manifest | null = null;
    for (let at: string | null = cid; at !== null; ) {
      const m = await readManifest(this.#o.store, at);
      manifest ??= m;
      const mine = this.#state.at(m.sequence);
      if (mine) {
        if (mine.cid !== at) {
          throw new CosignRefusedError(`${this.address} will not sign a fork of the log.`, [`replay.fork: manifest ${at} is sequence ${m.sequence}, where this member verified ${mine.cid}`]);
        }
        break;
      }
      pending.unshift({ cid: at, manifest: m });
      at = m.previous;
    }
    for (const next of pending) await this.#replay(next.cid, next.manifest);
    return manifest!;
  }

  async #replay(cid: string, m: Manifest): Promise<void> {
    const state = this.#state;
    const refuse = (differences: string[]): never => {
      state.refuse(cid, m.sequence, differences.join("; "));
      throw new CosignRefusedError(`${this.address} could not confirm submission ${m.sequence} (${cid}).`, differences);
    };
    // Nothing is counted for an address that did not sign for exactly this raw data (contract wallets through the chain).
    const unsigned = await contributionDifference(cid, m, contractWalletVerifier(this.#o.client));
    if (unsigned) refuse([`${unsigned.code}: ${unsigned.message}`]);
    if (m.pipeline.id !== this.pipelineId) refuse([`replay.pipeline_mismatch: it was made by pipeline ${m.pipeline.id} (config ${m.pipeline.configHash}); this member runs ${this.pipelineId}`]);
    // A count is signed only when every file its manifest names is there and is what its CID says,
    // the filtered data consumers pay for included (the replay reads only the raw files and the
    // report); through a mirror store the member also keeps a copy of each, for a takeover.
    const missing: string[] = [];
    for (const file of filesOf(m)) {
      const problem = await fileProblem(this.#o.store, file);
      if (problem) missing.push(`${problem.code}: the ${file.role} of manifest ${cid} ${problem.detail}`);
    }
    if (missing.length > 0) refuse(missing);
    let out;
    try {
      out = await replaySubmission({ manifest: m, store: this.#o.store, readerPrivateKey: (await this.#readerKey).privateKey, config: this.#o.pipelineConfig, workers: this.#o.workers, index: state.index });
    } catch (e) {
      state.rollback(this.#o.workers.pipeline);
      refuse([`replay.unreadable: ${(e as Error).message}`]);
    }
    const differences = verifySubmission({
      cid,
      manifest: m,
      pipelineId: this.pipelineId,
      sequence: state.count,
      previous: state.last?.cid ?? null,
      contributor: state.positions.get(m.contributor),
      output: out!,
    });
    if (differences.length > 0) {
      state.rollback(this.#o.workers.pipeline);
      refuse(differences.map((d) => `${d.code}: ${d.message}`));
    }
    state.commit(cid, m, out!.report, out!.accepted);
  }

  async close(): Promise<void> {
    await this.#queue;
    this.#state.close();
  }
}

// Check 6: replay. With a view key, decrypt every submission of the hash chain in sequence order
// (each file checked against the manifest's plaintext commitment), run the pinned pipeline over
// the raw data with the dedup state carried from sequence 0, and check each submission comes out
// exactly as its manifest says (verifySubmission, the same check a committee node makes before
// it signs). The pipeline itself is given by the caller (ReplayPipeline;
// oracle/audit/node/pipeline-replay.ts runs the real one in Node): this file runs anywhere.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { DecryptionError, KeyEnvelopeError } from "../crypto/errors.ts";
import { envelopeOf } from "../manifest/key-context.ts";
import { grantedEnvelope, type GrantedEnvelopes } from "../manifest/key-grant.ts";
import { openSealedFile, type SealedFileKey } from "../manifest/open-sealed-file.ts";
import type { FileCommitment, Manifest } from "../manifest/schema.ts";
import type { ChainLink } from "../manifest/walk-chain.ts";
import type { Report } from "../protocol/report.ts";
import type { ContentStore } from "../store/content-store.ts";
import { CheckBuilder, type CheckResult } from "./report.ts";
import { ContributorPositions, verifySubmission, type ReplayOutput } from "./verify-submission.ts";

export type { ReplayOutput } from "./verify-submission.ts";

export interface ReplayInput {
  /** The file name the report records (the reader picks the format by it). */
  name: string;
  /** The plaintext, streamed; fails at its end if it does not match the manifest's commitment. */
  source: AsyncIterable<Uint8Array>;
}

/** A pipeline that replays submissions in order, keeping its dedup state between them. */
export interface ReplayPipeline {
  /** The pipeline id it runs (a manifest's `pipeline.id`). */
  readonly id: string;
  run(submission: { sequence: number; inputs: ReplayInput[] }): Promise<ReplayOutput>;
  close(): Promise<void>;
}

export interface CheckReplayParameters {
  chain: readonly ChainLink[];
  store: ContentStore;
  pipeline: ReplayPipeline;
  /** The auditor's X25519 reader private key (a view key listed in the key envelopes). */
  viewKey: Uint8Array | null;
  /** Envelopes key grants added for manifests whose own envelopes predate the view key. */
  grants?: GrantedEnvelopes;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Why the replay cannot go on (everything after depends on the dedup state of what came before). */
class Stop extends Error {}

/** The plaintext bytes of a clear-text file, failing at the end if they do not hash to `expected`. */
async function* checked(source: AsyncIterable<Uint8Array>, expected: string): AsyncGenerator<Uint8Array> {
  const hash = sha256.create();
  for await (const piece of source) {
    hash.update(piece);
    yield piece;
  }
  const actual = bytesToHex(hash.digest());
  if (actual !== expected) throw new DecryptionError("commitment_mismatch", `The plaintext hashes to ${actual}, not ${expected}.`);
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const p of source) {
    parts.push(p.slice());
    length += p.byteLength;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export async function checkReplay(p: CheckReplayParameters): Promise<CheckResult> {
  const check = new CheckBuilder("replay");
  let replayed = 0;
  let tokens = 0;
  let previous: string | null = null;
  const positions = new ContributorPositions();
  try {
    for (const { cid, manifest: m } of p.chain) {
      p.signal?.throwIfAborted();
      const at = `manifest ${cid} (sequence ${m.sequence}, ${m.contributor})`;
      if (m.pipeline.id !== p.pipeline.id) {
        check.fail("replay.pipeline_mismatch", `Cannot replay with this pipeline: ${at} was made by ${m.pipeline.id}, this pipeline is ${p.pipeline.id}.`, cid);
        throw new Stop();
      }
      const open = await opener(p, m, cid, check);
      let report: Report;
      try {
        const bytes = await collect(open(m.data.report));
        report = JSON.parse(new TextDecoder().decode(bytes)) as Report;
      } catch (err) {
        check.fail("replay.report_unreadable", `The report of ${at} cannot be read: ${describe(err)}`, cid);
        throw new Stop();
      }
      const names = report.submission?.inputs?.map((i) => i.name) ?? [];
      if (names.length !== m.data.raw.length) {
        check.fail("replay.report_inputs", `The report of ${at} names ${names.length} input files; the manifest has ${m.data.raw.length}.`, cid);
        throw new Stop();
      }
      let out: ReplayOutput;
      try {
        out = await p.pipeline.run({
          sequence: m.sequence,
          inputs: m.data.raw.map((raw, i) => ({ name: names[i]!, source: open(raw) })),
        });
      } catch (err) {
        const changed = err instanceof DecryptionError && err.code === "commitment_mismatch";
        check.fail(
          changed ? "replay.raw_changed" : "replay.raw_unreadable",
          changed
            ? `The raw data of ${at} is not the data its manifest commits to (its sha256 differs): it was changed after the fact.`
            : `The raw data of ${at} cannot be replayed: ${describe(err)}`,
          cid,
        );
        throw new Stop();
      }
      for (const d of verifySubmission({ cid, manifest: m, pipelineId: p.pipeline.id, sequence: replayed, previous, contributor: positions.get(m.contributor), output: out })) {
        check.fail(d.code, d.message, cid);
      }
      positions.advance(m);
      previous = cid;
      replayed++;
      tokens += out.report.tokens.out;
      p.onProgress?.(replayed, p.chain.length);
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  Object.assign(check.figures, {
    pipeline: p.pipeline.id,
    manifests: p.chain.length,
    replayed,
    tokensReplayed: tokens,
  });
  return check.result();
}

/** A function that streams a stored file's plaintext (decrypted when the manifest says so). */
async function opener(p: CheckReplayParameters, m: Manifest, cid: string, check: CheckBuilder) {
  const encryption = m.data.encryption;
  if (!encryption) return (file: FileCommitment) => checked(p.store.get(file.cid, { signal: p.signal }), file.plaintextSha256);
  if (!p.viewKey) {
    check.fail("replay.no_view_key", `The data of manifest ${cid} is encrypted and no view key was given.`, cid);
    throw new Stop();
  }
  // A replay reads the raw files and the report: the private envelope, bound to this submission.
  let key: SealedFileKey;
  try {
    key = (await openSealedFile({ store: p.store, manifest: m, file: "raw", privateKey: p.viewKey, granted: grantedEnvelope(p.grants, cid, m, "raw"), signal: p.signal }))!;
  } catch (err) {
    const envelope = envelopeOf(m, "raw")!;
    check.fail(
      err instanceof KeyEnvelopeError && err.code === "not_a_reader" ? "replay.not_a_reader" : "replay.key_envelope",
      `The key envelope ${envelope.cid} of manifest ${cid} does not open with this view key: ${describe(err)}`,
      cid,
    );
    throw new Stop();
  }
  return (file: FileCommitment) => key.decrypt(file, { signal: p.signal }).plaintext;
}

function describe(err: unknown): string {
  const e = err as { shortMessage?: string; details?: string; message?: string };
  return e?.shortMessage ? `${e.shortMessage}${e.details ? ` ${e.details}` : ""}` : String(e?.message ?? err);
}

// Check 6, data (no key needed): every file a manifest names (its raw files, filtered data,
// report and key envelopes) is fetched whole and its bytes are hashed to a CID under the oracle's
// import profile, which must be the CID the manifest names. A gateway that answers 200 with other
// bytes is caught here, whatever it serves. Clear-text files are also checked against their
// plaintext commitment; with the auditor's view key, the filtered data (what consumers pay for)
// is decrypted and checked against its commitment too. Missing or corrupt data is a finding that
// names the submission, never an error that stops the audit.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { DecryptionError, KeyEnvelopeError } from "../crypto/errors.ts";
import { envelopeOf } from "../manifest/key-context.ts";
import { grantedEnvelope, type GrantedEnvelopes } from "../manifest/key-grant.ts";
import { openSealedFile, type SealedFileKey } from "../manifest/open-sealed-file.ts";
import type { Manifest } from "../manifest/schema.ts";
import { computeCid } from "../store/compute-cid.ts";
import type { ContentStore } from "../store/content-store.ts";
import { BlockCorruptError, CidNotFoundError } from "../store/errors.ts";
import { CheckBuilder, type CheckResult } from "./report.ts";

export interface CheckDataParameters {
  /** Every manifest to check (the chain's and the attested ones), each once. */
  manifests: readonly { cid: string; manifest: Manifest }[];
  store: ContentStore;
  /** The auditor's reader private key: with it the filtered data is decrypted and checked. */
  viewKey?: Uint8Array | null;
  /** Envelopes key grants added for manifests whose own envelopes predate the view key. */
  grants?: GrantedEnvelopes;
  /** Files fetched at once. Default 4. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface NamedFile {
  /** What the file is to the submission, e.g. "raw file 1 of 2", "filtered data". */
  role: string;
  cid: string;
  /** The plaintext commitment, checked when the file is stored in the clear. */
  plaintextSha256?: string;
}

/** Every CID `m` names, with what it is. */
export function filesOf(m: Manifest): NamedFile[] {
  const clear = m.data.encryption === null;
  const commit = (f: { plaintextSha256: string }) => (clear ? f.plaintextSha256 : undefined);
  const files: NamedFile[] = m.data.raw.map((f, i) => ({ role: `raw file ${i + 1} of ${m.data.raw.length}`, cid: f.cid, plaintextSha256: commit(f) }));
  files.push({ role: "filtered data", cid: m.data.filtered.cid, plaintextSha256: commit(m.data.filtered) });
  files.push({ role: "report", cid: m.data.report.cid, plaintextSha256: commit(m.data.report) });
  if (m.data.encryption) {
    files.push({ role: "key envelope", cid: m.data.encryption.keys });
    if (m.data.encryption.privateKeys) files.push({ role: "private key envelope", cid: m.data.encryption.privateKeys });
  }
  return files;
}

/** The bytes of `source`, hashed with sha256 on the way through. */
async function* tap(source: AsyncIterable<Uint8Array>, hash: ReturnType<typeof sha256.create>): AsyncGenerator<Uint8Array> {
  for await (const piece of source) {
    hash.update(piece);
    yield piece;
  }
}

const describe = (err: unknown) => {
  const e = err as { shortMessage?: string; details?: string; message?: string };
  return e?.shortMessage ? `${e.shortMessage}${e.details ? ` ${e.details}` : ""}` : String(e?.message ?? err);
};

export interface FileProblem {
  code: "data.unavailable" | "data.corrupt" | "data.commitment_mismatch";
  /** The rest of a sentence that starts with the file's role, e.g. "is not available: …". */
  detail: string;
}

/**
 * What is wrong with a file a manifest names, or null when it can be fetched whole and its bytes
 * give its CID (and, stored in the clear, its plaintext commitment). The audit's data check and a
 * committee node before it signs use this one test.
 */
export async function fileProblem(store: ContentStore, file: NamedFile, signal?: AbortSignal): Promise<FileProblem | null> {
  const hash = sha256.create();
  let actual: string;
  try {
    actual = (await computeCid(tap(store.get(file.cid, { signal }), hash), { signal })).toString();
  } catch (err) {
    signal?.throwIfAborted();
    if (err instanceof BlockCorruptError) return { code: "data.corrupt", detail: `is corrupt: ${describe(err)}` };
    const why = err instanceof CidNotFoundError ? "is not available" : "cannot be read";
    return { code: "data.unavailable", detail: `(${file.cid}) ${why}: ${describe(err)}` };
  }
  if (actual !== file.cid) return { code: "data.corrupt", detail: `is not the data its manifest names: the bytes served for ${file.cid} hash to ${actual}.` };
  const plaintext = bytesToHex(hash.digest());
  if (file.plaintextSha256 !== undefined && plaintext !== file.plaintextSha256) {
    return { code: "data.commitment_mismatch", detail: `hashes to sha256 ${plaintext}; the manifest commits to ${file.plaintextSha256}.` };
  }
  return null;
}

export async function checkData(p: CheckDataParameters): Promise<CheckResult> {
  const check = new CheckBuilder("data");
  const jobs: { at: string; subject: string; file: NamedFile }[] = [];
  const filteredJobs: { at: string; subject: string; manifest: Manifest }[] = [];
  for (const { cid, manifest: m } of p.manifests) {
    const at = `manifest ${cid} (sequence ${m.sequence}, ${m.contributor})`;
    for (const file of filesOf(m)) jobs.push({ at, subject: cid, file });
    if (p.viewKey && m.data.encryption) filteredJobs.push({ at, subject: cid, manifest: m });
  }
  const total = jobs.length + filteredJobs.length;
  let done = 0;
  const figures = { manifests: p.manifests.length, files: jobs.length, filesVerified: 0, unavailable: 0, corrupt: 0, filteredDecrypted: 0 };

  const verifyFile = async ({ at, subject, file }: (typeof jobs)[number]) => {
    const problem = await fileProblem(p.store, file, p.signal);
    if (!problem) return void figures.filesVerified++;
    if (problem.code === "data.unavailable") figures.unavailable++;
    else figures.corrupt++;
    check.fail(problem.code, `The ${file.role} of ${at} ${problem.detail}`, subject);
  };

  const verifyFiltered = async ({ at, subject, manifest: m }: (typeof filteredJobs)[number]) => {
    const envelope = envelopeOf(m, "filtered")!;
    let key: SealedFileKey;
    try {
      key = (await openSealedFile({ store: p.store, manifest: m, file: "filtered", privateKey: p.viewKey!, granted: grantedEnvelope(p.grants, subject, m, "filtered"), signal: p.signal }))!;
    } catch (err) {
      p.signal?.throwIfAborted();
      const notReader = err instanceof KeyEnvelopeError && err.code === "not_a_reader";
      check.fail(notReader ? "data.not_a_reader" : "data.key_envelope", `The filtered data's key envelope ${envelope.cid} of ${at} does not open with this view key: ${describe(err)}`, subject);
      return;
    }
    try {
      for await (const _ of key.decrypt(m.data.filtered, { signal: p.signal }).plaintext);
      figures.filteredDecrypted++;
    } catch (err) {
      p.signal?.throwIfAborted();
      const code = err instanceof DecryptionError ? (err.code === "commitment_mismatch" ? "data.filtered_commitment" : "data.filtered_undecryptable") : "data.unavailable";
      check.fail(code, `The filtered data of ${at} does not decrypt to the plaintext its manifest commits to: ${describe(err)}`, subject);
    }
  };

  const queue: (() => Promise<void>)[] = [...jobs.map((j) => () => verifyFile(j)), ...filteredJobs.map((j) => () => verifyFiltered(j))];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      p.signal?.throwIfAborted();
      await next();
      p.onProgress?.(++done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, p.concurrency ?? 4) }, worker));
  Object.assign(check.figures, figures, { viewKey: Boolean(p.viewKey) });
  return check.result();
}

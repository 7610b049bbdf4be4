// A committee member that is not the one running the service: it signs an attestation only after
// re-running the deterministic pipeline itself on the submission's data and getting the same
// counts and bytes. It holds its own signer key, its own reader key (derived from the signer key,
// so the leader can wrap each submission's data key for it), its own pipeline and dedup state, and
// reads submissions from IPFS in the order of the manifest chain.
import { createHash } from "node:crypto";
import type { Address, LocalAccount } from "viem";
import { attestationForManifest, signAttestation } from "../attest/index.ts";
import type { ReplayPipeline } from "../audit/check-replay.ts";
import { decryptStream, openKeyEnvelope, type ReaderKeyPair } from "../crypto/index.ts";
import { nodeSha256, nodeXChaCha20Poly1305 } from "../crypto/files.ts";
import { cidFromHex, envelopeOf, readManifest, type Manifest } from "../manifest/index.ts";
import { canonicalJson } from "../pipeline/config-merge.ts";
import type { Report } from "../pipeline/run/report.ts";
import type { Attestation, SignerSignature } from "../protocol/attestation.ts";
import { OneTTError } from "../protocol/errors.ts";
import { committeeReaderKey } from "../service/program-sink.ts";
import { getJson, type ContentStore } from "../store/index.ts";

/** The co-signer refuses: what it computed differs from what it was asked to sign, or it cannot check it. */
export class CosignRefusedError extends OneTTError {
  override name = "CosignRefusedError";
}

export interface CosignerOptions {
  signer: LocalAccount;
  chainId: number;
  splitter: Address;
  store: ContentStore;
  /** This member's own pipeline (its id must be the one the manifests name). */
  pipeline: ReplayPipeline;
  /** The longest validity it accepts for an attestation it signs. */
  maxTtlSeconds: number;
  /**
   * Its reader key, when it published another one in the ReaderKeyRegistry than the key its signer
   * key derives (a keystore key, or a rotation). Default: the derived key.
   */
  readerKey?: ReaderKeyPair;
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of source) parts.push(p);
  return Buffer.concat(parts);
}

export class Cosigner {
  readonly address: Address;
  readonly #o: CosignerOptions;
  #readerKey: Promise<ReaderKeyPair>;
  /** Manifests verified so far, in sequence order, and each contributor's cumulative tokens. */
  readonly #verified: string[] = [];
  readonly #cumulative = new Map<string, number>();

  constructor(options: CosignerOptions) {
    this.#o = options;
    this.address = options.signer.address;
    this.#readerKey = options.readerKey ? Promise.resolve(options.readerKey) : committeeReaderKey(options.signer, options.chainId, options.splitter);
  }

  /** The reader public key the leader must wrap data keys for (published beside the signer address). */
  async readerPublicKey(): Promise<Uint8Array> {
    return (await this.#readerKey).publicKey;
  }

  /** Verifies every submission up to the attested one (in chain order), then signs the attestation. */
  async cosign(attestation: Attestation): Promise<SignerSignature> {
    const cid = String(cidFromHex(attestation.manifestCid));
    const pending: { cid: string; manifest: Manifest }[] = [];
    for (let at: string | null = cid; at !== null && !this.#verified.includes(at); ) {
      const manifest = await readManifest(this.#o.store, at);
      pending.unshift({ cid: at, manifest });
      at = manifest.previous;
    }
    for (const { cid: next, manifest } of pending) await this.#replay(next, manifest);
    const manifest = await readManifest(this.#o.store, cid);
    const expected = attestationForManifest(manifest, cid, attestation.deadline);
    const mine = this.#cumulative.get(manifest.contributor.toLowerCase());
    const problems: string[] = [];
    if (expected.contributor.toLowerCase() !== attestation.contributor.toLowerCase()) problems.push(`contributor ${attestation.contributor}, the manifest says ${expected.contributor}`);
    if (attestation.tokens !== BigInt(mine ?? -1)) problems.push(`tokens ${attestation.tokens}, this member computed ${mine}`);
    if (attestation.nonce !== expected.nonce) problems.push(`nonce ${attestation.nonce}, the manifest gives ${expected.nonce}`);
    const now = BigInt(Math.floor(Date.now() / 1000));
    if (attestation.deadline <= now || attestation.deadline > now + BigInt(this.#o.maxTtlSeconds)) problems.push(`deadline ${attestation.deadline} is not within ${this.#o.maxTtlSeconds} s from now`);
    if (problems.length > 0) {
      throw new CosignRefusedError(`${this.address} does not sign this attestation.`, { details: problems.join("; "), hint: "Check the leader's pipeline and state against this member's." });
    }
    return signAttestation(this.#o.signer, this.#o.chainId, this.#o.splitter, attestation);
  }

  /** Re-runs one submission and checks it against its manifest; records it when it agrees. */
  async #replay(cid: string, m: Manifest): Promise<void> {
    const refuse = (what: string): never => {
      throw new CosignRefusedError(`${this.address} could not confirm submission ${m.sequence} (${cid}).`, { details: what });
    };
    if (m.sequence !== this.#verified.length) refuse(`it is sequence ${m.sequence}; this member has verified ${this.#verified.length} submissions`);
    if (m.pipeline.id !== this.#o.pipeline.id) refuse(`it was made by pipeline ${m.pipeline.id}; this member runs ${this.#o.pipeline.id}`);
    if (!m.data.encryption) refuse("its data is not encrypted, so it was not made by a program oracle");
    // The raw files and the report (all a re-run reads) open with the private envelope, bound to this submission.
    const envelope = envelopeOf(m, "raw")!;
    const key = openKeyEnvelope(await getJson(this.#o.store, envelope.cid), (await this.#readerKey).privateKey, { context: envelope.context });
    try {
      const open = (file: Manifest["data"]["filtered"]) =>
        decryptStream(this.#o.store.get(file.cid), key, { expectedSha256: file.plaintextSha256, sha256: nodeSha256, xchacha: nodeXChaCha20Poly1305 }).plaintext;
      const report = JSON.parse((await collect(open(m.data.report))).toString("utf8")) as Report;
      const names = report.submission.inputs.map((i) => i.name);
      if (names.length !== m.data.raw.length) refuse(`the report names ${names.length} inputs, the manifest ${m.data.raw.length}`);
      const out = await this.#o.pipeline.run({ sequence: m.sequence, inputs: m.data.raw.map((f, i) => ({ name: names[i], source: open(f) })) });
      const reportSha = createHash("sha256").update(canonicalJson(out.report)).digest("hex");
      if (out.report.tokens.out !== m.tokens.added) refuse(`this member counted ${out.report.tokens.out} tokens, the manifest ${m.tokens.added}`);
      if (out.filteredSha256 !== m.data.filtered.plaintextSha256) refuse("the filtered data this member produced differs from the manifest's commitment");
      if (reportSha !== m.data.report.plaintextSha256) refuse("the report this member produced differs from the manifest's commitment");
    } finally {
      key.fill(0);
    }
    const who = m.contributor.toLowerCase();
    const cumulative = (this.#cumulative.get(who) ?? 0) + m.tokens.added;
    if (cumulative !== m.tokens.cumulative) refuse(`this member's cumulative count for ${m.contributor} is ${cumulative}, the manifest says ${m.tokens.cumulative}`);
    this.#cumulative.set(who, cumulative);
    this.#verified.push(cid);
  }
}

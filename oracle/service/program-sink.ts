// The production SubmissionSink for one revenue program: nothing but ciphertext reaches the
// content store, every accepted submission gets a manifest on the hash chain, and publishing signs
// the attestation with this oracle's committee keys and posts it through the relayer.
//
// store()   seals the submission (seal.ts: raw files, filtered data and report encrypted as
//           streams; the filtered data's key wrapped for every reader — the contributor, this
//           oracle's and the other committee members, the program's consumers and auditors — and
//           the raw files' and report's for all but the consumers, in two key envelopes); the
//           manifest (oracle/manifest) names the ciphertext CIDs, the plaintext commitments and
//           both envelopes, and is written last. With `publishedReaders`
//           the keys published in the chain's ReaderKeyRegistry are read again for every
//           submission, so a key published or replaced there applies from the next one on.
// publish() reads the manifest back (so only what store() recorded before the commit is ever
//           signed), turns it into the attestation (the nonce store() recorded, oracle/attest
//           nextNonce, so signing twice can land at most once), signs it with every local committee key,
//           checks the committee's threshold on chain and posts it; the relayer never sends twice.
import { getAbiItem, type Address, type Hex, type LocalAccount, type PublicClient } from "viem";
import { attestationForManifest, combineSignatures, committeeReaderKey, nextNonce, readCommittee, signAttestation, withRpcRetry, type ProgramReaders, type Relayer } from "../attest/index.ts";
import { checkReaderPublicKey, type ReaderKeyPair, type ReaderSpec } from "../crypto/index.ts";
import { buildManifest, manifestNonce, readManifest, submissionKeyContext, writeManifest } from "../manifest/index.ts";
import { revenueSplitterAbi } from "../protocol/abi.ts";
import { readLogs } from "../protocol/read-logs.ts";
import type { ContentStore } from "../store/index.ts";
import type { Attestation, SignerSignature } from "../protocol/attestation.ts";
import { ENCRYPTION_SCHEME, sealSubmission, storedCids, submissionReaders } from "./seal.ts";
import { CosignRefusedError } from "../committee/node.ts";
import { OneTTError } from "../protocol/errors.ts";
import { AttestationRefusedError, type AcceptedSubmission, type CommittedSubmission, type Published, type StoredSubmission, type SubmissionSink } from "./sink.ts";

export interface ProgramSinkOptions {
  store: ContentStore;
  chainId: number;
  splitter: Address;
  client: PublicClient;
  /** This oracle's committee keys (one per member it runs; a multi-node committee runs one each). */
  signers: LocalAccount[];
  /** Posts the attestation; null leaves posting to the contributor (the attestation is returned). */
  relayer: Relayer | null;
  /** Reader public keys (0x-hex X25519) of the program's consumers and auditors. */
  consumers: Hex[];
  /** The other committee members: their reader keys get every data key, and they are asked to co-sign. */
  cosigners?: { address: Address; readerPublicKey: () => Promise<Uint8Array | Hex>; cosign: (attestation: Attestation) => Promise<SignerSignature> }[];
  auditors: Hex[];
  /**
   * The keys published on chain (`readProgramReaders` of oracle/attest over the chain's
   * ReaderKeyRegistry), read at every store(). Their consumers and auditors are added to
   * `consumers` and `auditors`; a committee member's published key replaces the one its signer
   * key derives or its co-signer reports, and every current member that published a key is a
   * reader. A published consumer or auditor key that cannot receive a wrapped key fails the
   * submission (the owner must replace it); such a member key is ignored.
   */
  publishedReaders?: () => Promise<ProgramReaders>;
  /** How long a signed attestation stays valid. */
  attestationTtlSeconds: number;
  /** The contributor's attestation nonce on chain; default: the splitter's nonceOf through `client`. */
  onChainNonce?: (contributor: Address, signal?: AbortSignal) => Promise<bigint>;
  /** The splitter's creation block, where its logs begin (SPLITTER_FROM_BLOCK); default 0. */
  fromBlock?: bigint;
}

/**
 * Whether the members' answers leave the threshold out of reach for good. A refusal is the
 * member's answer after its own replay, and a replay is deterministic: asking again cannot change
 * it. Only members that did not answer (down, unreachable, too slow) may still sign later.
 */
export function thresholdOutOfReach(signatures: number, asked: readonly PromiseSettledResult<unknown>[], threshold: number): boolean {
  const unanswered = asked.filter((r) => r.status === "rejected" && !(r.reason instanceof CosignRefusedError)).length;
  return signatures + unanswered < threshold;
}

/** A member's refusal in a few lines for the contributor: who, and each difference, cut short. */
function briefly(reason: unknown): string {
  if (!(reason instanceof OneTTError)) return String((reason as Error)?.message ?? reason);
  const differences = reason instanceof CosignRefusedError ? reason.differences : [];
  return [reason.shortMessage, ...differences.map((d) => (d.length > 240 ? `${d.slice(0, 240)}…` : d))].join(" ");
}

const ATTESTED = getAbiItem({ abi: revenueSplitterAbi, name: "Attested" });

const serialized = (a: Attestation) => ({ contributor: a.contributor, tokens: a.tokens.toString(), nonce: a.nonce.toString(), deadline: a.deadline.toString(), manifestCid: a.manifestCid });

export class ProgramSink implements SubmissionSink {
  readonly #o: ProgramSinkOptions;
  #committeeKeys: Promise<ReaderKeyPair[]> | null = null;

  constructor(options: ProgramSinkOptions) {
    if (options.signers.length === 0) throw new Error("a program sink needs at least one committee signer key");
    this.#o = options;
  }

  #readers(): Promise<ReaderKeyPair[]> {
    this.#committeeKeys ??= Promise.all(this.#o.signers.map((s) => committeeReaderKey(s, this.#o.chainId, this.#o.splitter)));
    return this.#committeeKeys;
  }

  async store(s: AcceptedSubmission, signal?: AbortSignal): Promise<StoredSubmission> {
    const { chainId, splitter } = this.#o;
    const readers = submissionReaders(s.contributorReaderKey, await this.#programReaders(signal));
    const sealed = await sealSubmission(this.#o.store, s, readers, submissionKeyContext({ chainId, splitter, sequence: s.sequence }), signal);
    const nonce = nextNonce({
      contributorSequence: s.contributorSequence,
      onChainNonce: await this.#onChainNonce(s.contributor, signal),
      previousNonce: await this.#previousNonce(s),
    });
    const manifest = buildManifest({
      program: { chainId, splitter },
      contributor: s.contributor,
      sequence: s.sequence,
      contributorSequence: s.contributorSequence,
      nonce,
      previous: s.previousManifestCid,
      pipeline: s.pipeline.id,
      report: s.report,
      data: { raw: sealed.raw, filtered: sealed.filtered, report: sealed.report, encryption: { scheme: ENCRYPTION_SCHEME, keys: sealed.keys, privateKeys: sealed.privateKeys } },
      previousCumulative: s.previousCumulativeTokens,
      ...(s.contribution ? { contribution: s.contribution } : {}),
    });
    const manifestCid = await writeManifest(this.#o.store, manifest, { signal });
    return {
      manifestCid: String(manifestCid),
      ...storedCids(sealed),
      tokens: manifest.tokens.added,
      cumulativeTokens: manifest.tokens.cumulative,
    };
  }

  #onChainNonce(contributor: Address, signal?: AbortSignal): Promise<bigint> {
    if (this.#o.onChainNonce) return this.#o.onChainNonce(contributor, signal);
    const { client, splitter } = this.#o;
    return withRpcRetry("reading the contributor's nonce", () => client.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "nonceOf", args: [contributor] }), { attempts: 4 }, signal);
  }

  /** The attestation of this manifest already on chain (posted by anyone), or null. */
  async #landed(a: Attestation): Promise<{ status: "already-attested"; transactionHash: Hex; blockNumber: string } | null> {
    if ((await this.#onChainNonce(a.contributor)) < a.nonce) return null;
    const { client, splitter } = this.#o;
    const events = await withRpcRetry("reading the contributor's attestations", () => readLogs(client, { address: splitter, event: ATTESTED, args: { contributor: a.contributor, nonce: a.nonce }, strict: true, fromBlock: this.#o.fromBlock ?? 0n }), { attempts: 4 });
    const mine = events.find((e) => e.args.manifestCid?.toLowerCase() === a.manifestCid.toLowerCase());
    if (!mine) throw new Error(`the contributor's nonce on chain already passed ${a.nonce} without this manifest's attestation (another committee's attestation moved it): this submission cannot land as signed; see docs/committee.md`);
    return { status: "already-attested", transactionHash: mine.transactionHash, blockNumber: mine.blockNumber.toString() };
  }

  /** The nonce of the contributor's previous manifest, found by walking the chain back to it. */
  async #previousNonce(s: AcceptedSubmission): Promise<bigint | null> {
    if (s.contributorSequence === 0) return null;
    for (let at = s.previousManifestCid; at !== null; ) {
      const m = await readManifest(this.#o.store, at);
      if (m.contributor.toLowerCase() === s.contributor.toLowerCase()) return manifestNonce(m);
      at = m.previous;
    }
    return null;
  }

  /** The submission's readers besides its contributor: committee members, consumers, auditors. */
  async #programReaders(signal?: AbortSignal): Promise<ReaderSpec[]> {
    const read = this.#o.publishedReaders;
    const published = read ? await withRpcRetry("reading the program's reader keys from the registry", read, { attempts: 4 }, signal) : null;
    const usable = (key: Hex) => {
      try {
        return checkReaderPublicKey(key);
      } catch {
        return null;
      }
    };
    const memberKeys = new Map<string, Hex>();
    for (const m of published?.members ?? []) {
      const key = m.key && usable(m.key);
      if (key) memberKeys.set(m.signer.toLowerCase(), key);
    }
    const committee = new Map<string, ReaderSpec>();
    const member = async (id: Address, own: () => Promise<Uint8Array | Hex> | Uint8Array | Hex) => {
      if (!committee.has(id.toLowerCase())) committee.set(id.toLowerCase(), { role: "committee", id, publicKey: memberKeys.get(id.toLowerCase()) ?? (await own()) });
    };
    const local = await this.#readers();
    for (const [i, signer] of this.#o.signers.entries()) await member(signer.address, () => local[i]!.publicKey);
    for (const c of this.#o.cosigners ?? []) await member(c.address, () => c.readerPublicKey());
    for (const m of published?.members ?? []) if (memberKeys.has(m.signer.toLowerCase())) await member(m.signer, () => memberKeys.get(m.signer.toLowerCase())!);

    const role = (name: "consumer" | "auditor", configured: Hex[], onChain: Hex[]): ReaderSpec[] => {
      for (const key of onChain) {
        if (!usable(key)) throw new Error(`the ${name} reader key ${key} published in the reader key registry cannot receive a wrapped key (not an X25519 public key): the program's owner must replace it`);
      }
      const keys = new Map<string, Hex>();
      for (const key of [...configured, ...onChain]) if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
      return [...keys.values()].map((publicKey) => ({ role: name, publicKey }));
    };
    return [
      ...committee.values(),
      ...role("consumer", this.#o.consumers, published?.consumers ?? []),
      ...role("auditor", this.#o.auditors, published?.auditors ?? []),
    ];
  }

  async publish(c: CommittedSubmission): Promise<Published> {
    const { chainId, splitter, client } = this.#o;
    const cid = c.stored.manifestCid;
    if (!cid) throw new Error(`submission ${c.sequence} was stored without a manifest; it cannot be attested`);
    const manifest = await readManifest(this.#o.store, cid);
    const deadline = BigInt(Math.floor(Date.now() / 1000) + this.#o.attestationTtlSeconds);
    const attestation = attestationForManifest(manifest, cid, deadline);
    // Anyone may combine the members' signatures and post: if that happened, there is nothing left to send.
    const landed = await this.#landed(attestation);
    if (landed) return { attestation: { ...serialized(attestation), signatures: null, signers: [], refusals: [], posted: landed } };
    const committee = await readCommittee(client, splitter);
    const own = await Promise.all(this.#o.signers.map((s) => signAttestation(s, chainId, splitter, attestation)));
    // Each co-signer re-runs the submission and signs only what it computed itself; one that
    // refuses or is unreachable does not block the others while the threshold can still be met.
    const cosigners = this.#o.cosigners ?? [];
    const asked = await Promise.allSettled(cosigners.map((c) => c.cosign(attestation)));
    const signatures = [...own, ...asked.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []))];
    const refusals = asked.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error)?.message ?? r.reason)] : []));
    if (signatures.length < committee.threshold) {
      const why = `${signatures.length} of the ${committee.threshold} committee signatures needed: ${refusals.join(" | ") || "not enough local keys"}`;
      if (thresholdOutOfReach(signatures.length, asked, committee.threshold)) {
        const record = { ...serialized(attestation), signatures: null, signers: [], signedBy: signatures.map((s) => s.signer), refusals, posted: null };
        throw new AttestationRefusedError(`the committee refused to sign: ${why}`, record, asked.flatMap((r) => (r.status === "rejected" ? [briefly(r.reason)] : [])));
      }
      throw new Error(`only ${why}`);
    }
    const combined = await combineSignatures({ chainId, splitter, attestation, signatures, committee });
    const posted = this.#o.relayer ? await this.#o.relayer.post(attestation, combined.signatures) : null;
    return {
      attestation: {
        ...serialized(attestation),
        signatures: combined.signatures,
        signers: combined.signers,
        // Everyone who signed, packed or not: the members that agreed with this count.
        signedBy: signatures.map((s) => s.signer),
        refusals,
        posted: posted && JSON.parse(JSON.stringify(posted, (_k, v) => (typeof v === "bigint" ? v.toString() : v))),
      },
    };
  }
}


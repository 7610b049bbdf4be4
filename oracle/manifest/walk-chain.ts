// Following `previous` from a manifest back to the first one (sequence 0). Each step checks the
// link: the next manifest exists, has sequence exactly one less, belongs to the same program and
// has not been seen before. An auditor starts from the manifest named by the latest `Attested`
// event and replays the log forward from what this walk returns.
import type { Address } from "viem";
import type { ContentStore } from "../store/content-store.ts";
import { CidNotFoundError } from "../store/errors.ts";
import { cidKey, parseCid, type CidInput } from "../store/cid.ts";
import { ManifestChainBrokenError, ManifestChainCycleError, ManifestChainTooLongError, ManifestError } from "./errors.ts";
import { readManifest } from "./read-manifest.ts";
import { manifestNonce, type Manifest } from "./schema.ts";

export interface WalkManifestChainOptions {
  /** Most manifests to visit before giving up (ManifestChainTooLongError). Default 1,000,000. */
  maxSteps?: number;
  /** How to read one manifest; default readManifest(store, cid) with verification. */
  read?: (cid: string) => Promise<Manifest>;
  signal?: AbortSignal;
}

export interface ChainLink {
  cid: string;
  manifest: Manifest;
}

/** Yields the manifests from `head` back to the first, newest first. */
export async function* walkManifestChain(
  store: ContentStore,
  head: CidInput,
  options: WalkManifestChainOptions = {},
): AsyncGenerator<ChainLink> {
  const maxSteps = options.maxSteps ?? 1_000_000;
  const read = options.read ?? ((cid: string) => readManifest(store, cid, { signal: options.signal }));
  const seen = new Set<string>();
  let cid: string | null = cidKey(parseCid(head));
  let after: ChainLink | null = null;
  while (cid !== null) {
    options.signal?.throwIfAborted();
    if (seen.has(cid)) throw new ManifestChainCycleError(cid, seen.size);
    if (seen.size >= maxSteps) throw new ManifestChainTooLongError(maxSteps, cid);
    seen.add(cid);
    let manifest: Manifest;
    try {
      manifest = await read(cid);
    } catch (err) {
      if (after === null) throw err;
      const why = err instanceof CidNotFoundError ? "is missing" : err instanceof ManifestError ? `is not a valid manifest (${err.shortMessage})` : "cannot be read";
      throw new ManifestChainBrokenError(after.cid, `Its previous manifest ${cid} ${why}.`, err);
    }
    if (after !== null) {
      const expected = after.manifest.sequence - 1;
      if (manifest.sequence !== expected) {
        throw new ManifestChainBrokenError(after.cid, `Its previous manifest ${cid} has sequence ${manifest.sequence}, expected ${expected}.`);
      }
      const a = after.manifest.program;
      if (manifest.program.chainId !== a.chainId || manifest.program.splitter !== a.splitter) {
        throw new ManifestChainBrokenError(after.cid, `Its previous manifest ${cid} belongs to another program (${manifest.program.chainId}/${manifest.program.splitter}).`);
      }
    }
    const link: ChainLink = { cid, manifest };
    yield link;
    after = link;
    cid = manifest.previous;
  }
}

export interface ContributorState {
  /** Cumulative tokens after the contributor's latest manifest in the chain. */
  tokens: number;
  /** The nonce of the latest attestation the chain justifies (manifestNonce). */
  nonce: number;
  /** How many of the contributor's submissions the chain holds. */
  submissions: number;
  /** CID of the contributor's latest manifest. */
  manifest: string;
}

export interface VerifiedChain {
  length: number;
  head: string;
  /** Every contributor's state at the head, keyed by checksummed address. */
  contributors: Map<Address, ContributorState>;
}

/**
 * Walks the whole chain and checks its arithmetic forward: each contributor's manifests are
 * numbered 0, 1, 2… and each cumulative total is the previous one plus the tokens added.
 * Throws ManifestChainBrokenError naming the first manifest that disagrees.
 */
export async function verifyManifestChain(
  store: ContentStore,
  head: CidInput,
  options: WalkManifestChainOptions = {},
): Promise<VerifiedChain> {
  const links: { cid: string; contributor: Address; contributorSequence: number; nonce: number; added: number; cumulative: number }[] = [];
  for await (const { cid, manifest } of walkManifestChain(store, head, options)) {
    links.push({
      cid,
      contributor: manifest.contributor,
      contributorSequence: manifest.contributorSequence,
      nonce: Number(manifestNonce(manifest)),
      added: manifest.tokens.added,
      cumulative: manifest.tokens.cumulative,
    });
  }
  const contributors = new Map<Address, ContributorState>();
  for (let i = links.length - 1; i >= 0; i--) {
    const l = links[i]!;
    const before = contributors.get(l.contributor);
    const expectedSequence = before ? before.submissions : 0;
    if (l.contributorSequence !== expectedSequence) {
      throw new ManifestChainBrokenError(l.cid, `contributorSequence is ${l.contributorSequence}, expected ${expectedSequence} for ${l.contributor}.`);
    }
    if (before && l.nonce <= before.nonce) {
      throw new ManifestChainBrokenError(l.cid, `its nonce ${l.nonce} does not exceed ${l.contributor}'s previous one, ${before.nonce}.`);
    }
    const expectedTokens = (before?.tokens ?? 0) + l.added;
    if (l.cumulative !== expectedTokens) {
      throw new ManifestChainBrokenError(l.cid, `tokens.cumulative is ${l.cumulative}, expected ${expectedTokens} (previous ${before?.tokens ?? 0} + added ${l.added}).`);
    }
    contributors.set(l.contributor, { tokens: l.cumulative, nonce: l.nonce, submissions: l.contributorSequence + 1, manifest: l.cid });
  }
  return { length: links.length, head: links[0]?.cid ?? cidKey(parseCid(head)), contributors };
}

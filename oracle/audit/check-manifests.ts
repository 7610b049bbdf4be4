// Check 5: every manifest named by an Attested event is in the content store, is a valid
// "1tt/manifest@1" whose bytes hash to its CID, and says what the attestation says (contributor,
// nonce = the manifest's (contributorSequence + 1 unless it records another), cumulative tokens, program); the hash chain from the latest
// manifest back to the first is whole, every attested manifest is on it, and its arithmetic holds
// (each cumulative = previous + added). Every manifest's raw data was signed by the contributor it
// credits (verify-contribution.ts).
import { getAddress } from "viem";
import { cidFromHex } from "../manifest/cid-bytes.ts";
import { ManifestError } from "../manifest/errors.ts";
import { readManifest } from "../manifest/read-manifest.ts";
import { manifestNonce, type Manifest } from "../manifest/schema.ts";
import { verifyManifestChain, walkManifestChain, type ChainLink } from "../manifest/walk-chain.ts";
import type { ContentStore } from "../store/content-store.ts";
import { StoreError } from "../store/errors.ts";
import type { AttestedManifest } from "./check-readers.ts";
import type { AttestedEvent, History } from "./history.ts";
import type { RebuiltState } from "./rebuild.ts";
import { CheckBuilder, type CheckResult } from "./report.ts";
import { contributionDifference } from "./verify-contribution.ts";

export interface CheckManifestsParameters {
  history: History;
  rebuilt: RebuiltState;
  store: ContentStore;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Checks contract wallets' contribution signatures (contractWalletVerifier); accounts are recovered without it. */
  verifyContribution?: Parameters<typeof contributionDifference>[2];
}

export interface ManifestsOutcome {
  result: CheckResult;
  /** The whole chain, oldest first, when it could be walked (the replay's input). */
  chain: ChainLink[] | null;
  /** Every attested manifest that could be read, in event order (the reader check's input). */
  attested: AttestedManifest[];
  /** When the chain from the head is broken: what of it `chain` still holds, and what was left out. */
  partial: string | null;
}

const why = (err: unknown) =>
  err instanceof ManifestError || err instanceof StoreError ? `${err.shortMessage}${err.details ? ` ${err.details}` : ""}` : String((err as Error)?.message ?? err);

export async function checkManifests(p: CheckManifestsParameters): Promise<ManifestsOutcome> {
  const check = new CheckBuilder("manifests");
  const { history, store } = p;
  const cache = new Map<string, Promise<Manifest>>();
  const read = (cid: string) => {
    let m = cache.get(cid);
    if (!m) {
      m = readManifest(store, cid, { signal: p.signal });
      m.catch(() => {});
      cache.set(cid, m);
    }
    return m;
  };

  const attested = history.events.filter((e): e is AttestedEvent => e.kind === "attested");
  const attestedCids = new Map<string, AttestedEvent>();
  const readable: AttestedManifest[] = [];
  let head: { cid: string; sequence: number } | null = null;
  let done = 0;
  for (const e of attested) {
    const who = getAddress(e.contributor);
    const what = `the manifest of ${who} nonce ${e.nonce} (block ${e.blockNumber})`;
    let cid: string;
    try {
      cid = cidFromHex(e.manifestCid).toString();
    } catch (err) {
      check.fail("manifests.bad_cid", `The Attested event of ${who} nonce ${e.nonce} names no valid manifest CID: ${why(err)}`, who);
      continue;
    }
    attestedCids.set(cid, e);
    let m: Manifest;
    try {
      m = await read(cid);
    } catch (err) {
      check.fail("manifests.unreadable", `Manifest ${cid}, ${what}, cannot be used: ${why(err)}`, cid);
      continue;
    } finally {
      p.onProgress?.(++done, attested.length);
    }
    readable.push({ cid, event: e, manifest: m });
    if (m.contributor !== who) check.fail("manifests.contributor_mismatch", `Manifest ${cid} is ${m.contributor}'s, but it was attested for ${who}.`, cid);
    if (manifestNonce(m) !== e.nonce) {
      check.fail("manifests.nonce_mismatch", `Manifest ${cid} is ${m.contributor}'s submission ${m.contributorSequence} (nonce ${manifestNonce(m)}), but it was attested with nonce ${e.nonce}.`, cid);
    }
    if (BigInt(m.tokens.cumulative) !== e.tokens) {
      check.fail(
        "manifests.tokens_mismatch",
        `Manifest ${cid} says ${m.contributor} has ${m.tokens.cumulative} cumulative tokens, but the attestation (nonce ${e.nonce}, block ${e.blockNumber}) set ${e.tokens}.`,
        cid,
      );
    }
    if (m.program.chainId !== history.chainId || m.program.splitter.toLowerCase() !== history.splitter.toLowerCase()) {
      check.fail("manifests.program_mismatch", `Manifest ${cid} belongs to program ${m.program.chainId}/${m.program.splitter}, not ${history.chainId}/${history.splitter}.`, cid);
    }
    if (!head || m.sequence > head.sequence) head = { cid, sequence: m.sequence };
  }

  let chain: ChainLink[] | null = null;
  let intact: { chain: ChainLink[]; head: string } | null = null;
  let brokenAt: { at: string; head: string } | null = null;
  if (head) {
    try {
      const links: ChainLink[] = [];
      for await (const link of walkManifestChain(store, head.cid, { read, signal: p.signal })) links.push(link);
      chain = links.reverse();
      const verified = await verifyManifestChain(store, head.cid, { read, signal: p.signal });
      const onChain = new Set(chain.map((l) => l.cid));
      for (const [cid, e] of attestedCids) {
        if (!onChain.has(cid)) {
          check.fail("manifests.not_in_chain", `Manifest ${cid}, attested for ${getAddress(e.contributor)} nonce ${e.nonce}, is not on the hash chain that ends at ${head.cid} (a fork of the log).`, cid);
        }
      }
      for (const c of p.rebuilt.contributors.values()) {
        if (c.nonce === 0n) continue;
        const s = verified.contributors.get(c.address);
        if (!s || BigInt(s.nonce) < c.nonce) {
          check.fail("manifests.chain_behind", `The hash chain justifies ${s ? `nonce ${s.nonce}` : "no submission"} for ${c.address}, below its attested nonce ${c.nonce}.`, c.address);
        } else if (BigInt(s.nonce) === c.nonce && BigInt(s.tokens) !== c.tokens) {
          check.fail("manifests.tokens_mismatch", `The hash chain gives ${c.address} ${s.tokens} tokens; the splitter holds ${c.tokens}.`, c.address);
        }
      }
    } catch (err) {
      chain = null;
      const at = (err as { at?: string }).at ?? head.cid;
      check.fail("manifests.chain_broken", `The hash chain from ${head.cid} back to the first manifest is broken: ${why(err)}`, at);
      // One finding must not hide the others: check each contributor's own manifests, and keep
      // the longest stretch of the log that still verifies back to the first manifest for the replay.
      checkEachContributor(readable, check);
      intact = await longestIntactChain(store, readable, head.cid, read, p.signal);
      if (intact) chain = intact.chain;
      brokenAt = { at, head: head.cid };
    }
  }
  // Every manifest, attested or only on the chain (its data shapes later dedup), must be its contributor's signed upload.
  const signedChecked = new Set<string>();
  for (const { cid, manifest } of [...readable, ...(chain ?? [])]) {
    if (signedChecked.has(cid)) continue;
    signedChecked.add(cid);
    const d = await contributionDifference(cid, manifest, p.verifyContribution);
    if (d) check.fail(d.code, d.message, cid);
  }
  Object.assign(check.figures, {
    contributionSignatures: signedChecked.size,
    attestedManifests: attestedCids.size,
    chainLength: chain?.length ?? null,
    head: head?.cid ?? null,
    headSequence: head?.sequence ?? null,
    intactHead: brokenAt ? (intact?.head ?? null) : null,
  });
  const partial = brokenAt
    ? intact
      ? `The hash chain is broken at ${brokenAt.at}: only the ${intact.chain.length} manifests up to ${intact.head}, which still verify back to the first, could be replayed; the later ones were not.`
      : `The hash chain is broken at ${brokenAt.at} and no attested manifest verifies back to the first: nothing can be replayed in order.`
    : null;
  return { result: check.result(), chain, attested: readable, partial };
}

/**
 * Each contributor's attested manifests against each other, without the chain: their submission
 * numbers are distinct, their nonces rise, and each cumulative count is the previous one plus
 * what the submission added (where the two are consecutive submissions).
 */
function checkEachContributor(readable: readonly AttestedManifest[], check: CheckBuilder): void {
  const byContributor = new Map<string, Map<string, Manifest>>();
  for (const { cid, manifest } of readable) {
    const own = byContributor.get(manifest.contributor) ?? new Map<string, Manifest>();
    own.set(cid, manifest);
    byContributor.set(manifest.contributor, own);
  }
  for (const [who, own] of byContributor) {
    const list = [...own].sort(([, a], [, b]) => a.contributorSequence - b.contributorSequence);
    for (let i = 1; i < list.length; i++) {
      const [prevCid, prev] = list[i - 1]!;
      const [cid, m] = list[i]!;
      if (m.contributorSequence === prev.contributorSequence) {
        check.fail("manifests.contributor_fork", `${who} has two manifests numbered ${m.contributorSequence}: ${prevCid} and ${cid}.`, cid);
      } else if (manifestNonce(m) <= manifestNonce(prev)) {
        check.fail("manifests.contributor_nonce", `Manifest ${cid} of ${who} has nonce ${manifestNonce(m)}, not above ${manifestNonce(prev)} of their earlier ${prevCid}.`, cid);
      } else if (m.contributorSequence === prev.contributorSequence + 1 && m.tokens.cumulative !== prev.tokens.cumulative + m.tokens.added) {
        check.fail(
          "manifests.contributor_arithmetic",
          `Manifest ${cid} gives ${who} ${m.tokens.cumulative} cumulative tokens; their previous manifest ${prevCid} had ${prev.tokens.cumulative} and this one adds ${m.tokens.added}.`,
          cid,
        );
      }
    }
  }
}

/** The longest chain, from the newest attested manifest below `brokenHead` that walks and verifies back to the first. */
async function longestIntactChain(
  store: ContentStore,
  readable: readonly AttestedManifest[],
  brokenHead: string,
  read: (cid: string) => Promise<Manifest>,
  signal?: AbortSignal,
): Promise<{ chain: ChainLink[]; head: string } | null> {
  const candidates = [...new Map(readable.filter((r) => r.cid !== brokenHead).map((r) => [r.cid, r.manifest])).entries()].sort(([, a], [, b]) => b.sequence - a.sequence);
  for (const [cid] of candidates) {
    try {
      await verifyManifestChain(store, cid, { read, signal });
      const links: ChainLink[] = [];
      for await (const link of walkManifestChain(store, cid, { read, signal })) links.push(link);
      return { chain: links.reverse(), head: cid };
    } catch {
      signal?.throwIfAborted();
    }
  }
  return null;
}

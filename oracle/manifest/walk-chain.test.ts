import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddedStore } from "../store/embedded/embedded-store.ts";
import {
  ManifestChainBrokenError,
  ManifestChainCycleError,
  ManifestChainTooLongError,
  verifyManifestChain,
  walkManifestChain,
  writeManifest,
} from "./index.ts";
import type { Manifest } from "./index.ts";
import { ALICE, BOB, fixtureManifest, writeChain } from "./testing.ts";

let dir: string;
let store: EmbeddedStore;
let chain: { cids: string[]; manifests: Manifest[] };
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "1tt-chain-test-"));
  store = await EmbeddedStore.open(dir);
  chain = await writeChain(store);
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function walk(head: string, options = {}) {
  const seen: number[] = [];
  for await (const link of walkManifestChain(store, head, options)) seen.push(link.manifest.sequence);
  return seen;
}

describe("the manifest hash chain", () => {
  it("walks from the latest manifest back to the first", async () => {
    assert.deepEqual(await walk(chain.cids[3]!), [3, 2, 1, 0]);
    assert.deepEqual(await walk(chain.cids[1]!), [1, 0]);
  });

  it("verifies every contributor's numbering and cumulative totals", async () => {
    const verified = await verifyManifestChain(store, chain.cids[3]!);
    assert.equal(verified.length, 4);
    assert.deepEqual(verified.contributors.get(ALICE), { tokens: 1_700, nonce: 2, submissions: 2, manifest: chain.cids[2] });
    assert.deepEqual(verified.contributors.get(BOB), { tokens: 800, nonce: 2, submissions: 2, manifest: chain.cids[3] });
  });

  it("reports a broken chain: the previous manifest is missing", async () => {
    // A valid CID that was never stored here.
    const orphan = await fixtureManifest({ sequence: 1, previous: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", contributorSequence: 0 });
    const head = (await writeManifest(store, orphan)).toString();
    const err = await walk(head).catch((e: unknown) => e);
    assert.ok(err instanceof ManifestChainBrokenError, String(err));
    assert.equal(err.at, head);
    assert.match(err.message, /bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy is missing/);
  });

  it("reports a sequence gap", async () => {
    const skipping = await fixtureManifest({ sequence: 5, previous: chain.cids[3]!, contributor: ALICE, contributorSequence: 2, previousCumulative: 1_700 });
    const head = (await writeManifest(store, skipping)).toString();
    await assert.rejects(walk(head), (e: unknown) => e instanceof ManifestChainBrokenError && /sequence 3, expected 4/.test(e.message));
  });

  it("detects a cycle (possible only when a store lies about content)", async () => {
    const a = await fixtureManifest({ sequence: 2, previous: chain.cids[1]! , contributorSequence: 1, previousCumulative: 1_000 });
    const b = await fixtureManifest({ sequence: 1, previous: chain.cids[2]!, contributorSequence: 0 });
    const lying = new Map([[chain.cids[2]!, a], [chain.cids[1]!, b]]);
    const read = async (cid: string) => lying.get(cid)!;
    await assert.rejects(walk(chain.cids[2]!, { read }), ManifestChainCycleError);
  });

  it("stops at its step limit", async () => {
    await assert.rejects(walk(chain.cids[3]!, { maxSteps: 2 }), ManifestChainTooLongError);
    assert.deepEqual(await walk(chain.cids[3]!, { maxSteps: 4 }), [3, 2, 1, 0]);
  });

  it("refuses a chain whose totals do not add up", async () => {
    const wrong = await fixtureManifest({ sequence: 4, previous: chain.cids[3]!, contributor: ALICE, contributorSequence: 2, previousCumulative: 1_000 });
    const head = (await writeManifest(store, wrong)).toString();
    await assert.rejects(verifyManifestChain(store, head), (e: unknown) => e instanceof ManifestChainBrokenError && e.at === head && /expected 2700/.test(e.message));
    const renumbered = await fixtureManifest({ sequence: 4, previous: chain.cids[3]!, contributor: BOB, contributorSequence: 3, previousCumulative: 800 });
    const head2 = (await writeManifest(store, renumbered)).toString();
    await assert.rejects(verifyManifestChain(store, head2), /contributorSequence is 3, expected 2/);
  });
});

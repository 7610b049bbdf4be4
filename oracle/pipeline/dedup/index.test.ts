import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bandKeys, fingerprint, type Fingerprint } from "./fingerprint.ts";
import { buildTable, DedupIndex, type DedupMatch } from "./index.ts";
import { DedupError } from "./config.ts";
import { PairGenerator } from "./testpairs.ts";
import { NO_PASSAGE } from "./passages.ts";

/** A fingerprint of synthetic signatures has no passages (64 empty slots, the default). */
const NO_PASSAGES = new Uint32Array(64).fill(NO_PASSAGE);

interface Doc {
  submission: number;
  document: number;
  text: string;
}

/** What a runner does: check every document in order, add the ones that are kept. */
function run(docs: Doc[], index = new DedupIndex()): (DedupMatch | null)[] {
  return docs.map((d) => {
    const fp = fingerprint(d.text);
    const m = index.check(fp, d.submission);
    if (!m) index.add(fp, { submission: d.submission, document: d.document });
    return m;
  });
}

const g = new PairGenerator(3);
const A = g.text(300).join(" ");
const B = g.text(300).join(" ");
const C = g.text(300).join(" ");
/** A near copy of A: 3 words replaced, estimated Jaccard well above the threshold. */
const A2 = A.split(" ").map((w, i) => (i % 100 === 50 ? "changed" : w)).join(" ");

describe("DedupIndex", () => {
  it("finds an exact duplicate within a submission and keeps the earlier document", () => {
    const out = run([
      { submission: 0, document: 0, text: A },
      { submission: 0, document: 1, text: B },
      { submission: 0, document: 2, text: A },
    ]);
    assert.equal(out[0], null);
    assert.equal(out[1], null);
    assert.deepEqual(out[2], { kind: "exact", within: true, keptRef: { submission: 0, document: 0 } });
  });

  it("finds an exact duplicate across submissions and names the earlier submission", () => {
    const out = run([
      { submission: 4, document: 0, text: B },
      { submission: 7, document: 3, text: A },
      { submission: 9, document: 0, text: A },
    ]);
    assert.deepEqual(out[2], { kind: "exact", within: false, keptRef: { submission: 7, document: 3 } });
  });

  it("finds a near duplicate, with its estimated Jaccard, across and within submissions", () => {
    const out = run([
      { submission: 0, document: 0, text: A },
      { submission: 1, document: 0, text: C },
      { submission: 1, document: 1, text: A2 },
    ]);
    assert.equal(out[2]?.kind, "near");
    assert.equal(out[2]?.within, false);
    assert.deepEqual(out[2]?.keptRef, { submission: 0, document: 0 });
    assert.ok(out[2]!.jaccard! >= 0.75 && out[2]!.jaccard! <= 1);
    const within = run([
      { submission: 2, document: 0, text: A2 },
      { submission: 2, document: 5, text: A },
    ]);
    assert.equal(within[1]?.kind, "near");
    assert.equal(within[1]?.within, true);
    assert.deepEqual(within[1]?.keptRef, { submission: 2, document: 0 });
  });

  it("reports an exact duplicate as exact even when a near duplicate was accepted earlier", () => {
    // A2 is kept only because the index is told so (the runner could keep it for another reason).
    const index = new DedupIndex();
    index.add(fingerprint(A), { submission: 0, document: 0 });
    index.add(fingerprint(A2), { submission: 0, document: 1 });
    assert.deepEqual(index.check(fingerprint(A2), 1), { kind: "exact", within: false, keptRef: { submission: 0, document: 1 } });
  });

  it("reports the earliest accepted of several near-duplicate candidates", () => {
    // Three mutually similar texts kept on purpose, then a fourth similar to all three.
    const base = g.text(400);
    const variant = (seed: number) => base.map((w, i) => (i % 97 === seed ? `v${seed}` : w)).join(" ");
    const index = new DedupIndex();
    index.add(fingerprint(variant(1)), { submission: 3, document: 0 });
    index.add(fingerprint(variant(2)), { submission: 5, document: 0 });
    index.add(fingerprint(variant(3)), { submission: 5, document: 1 });
    const m = index.check(fingerprint(variant(4)), 6);
    assert.equal(m?.kind, "near");
    assert.deepEqual(m?.keptRef, { submission: 3, document: 0 });
  });

  it("decides the same for the same order, and lets the earlier document win in any order", () => {
    const docs: Doc[] = [A, B, A2, C, A, B].map((text, i) => ({ submission: i >> 1, document: i & 1, text }));
    const first = JSON.stringify(run(docs));
    assert.equal(JSON.stringify(run(docs)), first);
    // A before A2: A2 is the duplicate. A2 before A: A is the duplicate, and A2 is the one kept.
    const ab = run([{ submission: 0, document: 0, text: A }, { submission: 1, document: 0, text: A2 }]);
    const ba = run([{ submission: 0, document: 0, text: A2 }, { submission: 1, document: 0, text: A }]);
    assert.equal(ab[0], null);
    assert.equal(ab[1]?.kind, "near");
    assert.equal(ba[0], null);
    assert.equal(ba[1]?.kind, "near");
    assert.deepEqual(ba[1]?.keptRef, { submission: 0, document: 0 });
  });

  it("never changes on check, and refuses documents added out of order", () => {
    const index = new DedupIndex();
    index.add(fingerprint(A), { submission: 2, document: 3 });
    for (let i = 0; i < 5; i++) index.check(fingerprint(B), 2);
    assert.equal(index.size, 1);
    assert.equal(index.check(fingerprint(B), 2), null);
    for (const ref of [{ submission: 2, document: 3 }, { submission: 2, document: 1 }, { submission: 1, document: 9 }]) {
      assert.throws(() => index.add(fingerprint(B), ref), (e: unknown) => e instanceof DedupError && e.code === "out_of_order");
    }
    assert.equal(index.size, 1);
    index.add(fingerprint(B), { submission: 3, document: 0 });
    assert.equal(index.size, 2);
  });

  it("checks texts without words for exact duplicates only", () => {
    const index = new DedupIndex();
    index.add(fingerprint("!!!"), { submission: 0, document: 0 });
    assert.equal(index.check(fingerprint("???"), 0), null);
    assert.equal(index.check(fingerprint("!!!"), 0)?.kind, "exact");
  });

  it("refuses a fingerprint made with another config, with a clear error", () => {
    const index = new DedupIndex();
    assert.throws(() => index.check(fingerprint(A, { bands: 10 }), 0), /bands \* rows = 112/);
  });

  it("stops at maxDocuments with a clear error and changes nothing", () => {
    const index = new DedupIndex({ maxDocuments: 2 });
    index.add(fingerprint(A), { submission: 0, document: 0 });
    index.add(fingerprint(B), { submission: 0, document: 1 });
    assert.throws(
      () => index.add(fingerprint(C), { submission: 0, document: 2 }),
      (e: unknown) => e instanceof DedupError && e.code === "capacity" && /maxDocuments = 2/.test(e.message),
    );
    assert.equal(index.size, 2);
    assert.equal(index.check(fingerprint(B), 0)?.kind, "exact");
  });

  it("keeps finding every document after its tables grow past their initial capacity", () => {
    const index = new DedupIndex();
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) texts.push(g.text(30).join(" "));
    const fps: Fingerprint[] = texts.map((t) => fingerprint(t));
    fps.forEach((fp, i) => index.add(fp, { submission: i, document: 0 }));
    assert.ok(index.stats().capacity >= 4096, `capacity ${index.stats().capacity}`);
    fps.forEach((fp, i) => {
      assert.deepEqual(index.check(fp, -1)?.keptRef, { submission: i, document: 0 }, `document ${i}`);
    });
    // A near copy of an early document is still found through the grown band tables.
    const near = texts[7].split(" ").map((w, j) => (j === 29 ? "x" : w)).join(" "); // J = 25/27
    assert.deepEqual(index.check(fingerprint(near), -1)?.keptRef, { submission: 7, document: 0 });
  });

  it("indexes at most maxBucket documents under one band key, and still finds the first ones", () => {
    // Texts with one identical band: the same first 8 signature values, the rest random.
    const index = new DedupIndex({ maxBucket: 3 });
    const sig = (i: number) => {
      const s = new Uint32Array(112);
      for (let j = 0; j < 112; j++) s[j] = j < 8 ? j : Math.imul(i + 1, 0x9e3779b1) ^ (j * 7919);
      return s;
    };
    const fp = (exact: number, i: number): Fingerprint => ({ exact: [exact, exact], signature: sig(i), bandKeys: bandKeys(sig(i), 14, 8), shingles: 10, passages: NO_PASSAGES });
    for (let i = 0; i < 10; i++) index.add(fp(i, i), { submission: 0, document: i });
    const copyOf = (i: number) => fp(99, i);
    assert.deepEqual(index.check(copyOf(2), 1)?.keptRef, { submission: 0, document: 2 });
    // Document 8 shares band 0 with three earlier ones; its other bands still find it.
    assert.deepEqual(index.check(copyOf(8), 1)?.keptRef, { submission: 0, document: 8 });
  });

  it("lays out its tables the same whatever order the entries came in (Robin Hood ordering)", () => {
    const index = new DedupIndex();
    for (let i = 0; i < 2000; i++) index.add(fingerprint(g.text(12).join(" ")), { submission: i, document: 0 });
    const capacity = index.stats().capacity;
    for (const table of index.tables().slice(0, 3)) {
      const pairs: number[][] = [];
      for (let s = 0; s < table.length; s += 2) if (table[s + 1]) pairs.push([table[s], table[s + 1]]);
      assert.ok(pairs.length >= 1500);
      for (const order of [pairs.slice().reverse(), pairs.slice().sort((x, y) => (x[0] * 7) % 13 - (y[0] * 7) % 13 || x[1] - y[1])]) {
        assert.deepEqual(buildTable(Uint32Array.from(order.flat()), capacity), table);
      }
    }
  });

  it("matches short texts (under five words) only when their words are the same", () => {
    const index = new DedupIndex();
    index.add(fingerprint("Hello world"), { submission: 0, document: 0 });
    assert.equal(index.check(fingerprint("hello, WORLD!"), 1)?.kind, "near");
    assert.equal(index.check(fingerprint("Hello world again"), 1), null);
    // Thousands of distinct two- and three-word texts: not one is taken for another.
    const seen = new Set<string>();
    let n = 1;
    for (let i = 0; i < 4000; i++) {
      const t = g.text(2 + (i % 2)).join(" ");
      if (seen.has(t)) continue;
      seen.add(t);
      assert.equal(index.check(fingerprint(t), 1), null, t);
      index.add(fingerprint(t), { submission: 0, document: n++ });
    }
  });
});

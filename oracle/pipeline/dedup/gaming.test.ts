// The token count cannot be gamed by the families of docs/threat-model.md: the labelled gaming set
// (testset/gaming.ts) through the whole pipeline, with the targets the threat model states.
// `npm run bench:dedup` prints the same figures over more seeds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { measureGamingQuality, type GamingQuality } from "./gaming-quality.ts";

const SEED = 1;

describe("gaming the token count (labelled gaming set, seed 1)", () => {
  let q: GamingQuality;
  const row = (attack: string, strength: string) => {
    const r = q.rows.find((x) => x.attack === attack && x.strength === strength);
    assert.ok(r, `no row for ${attack} / ${strength}`);
    return r;
  };

  it("runs the originals, then every attack and clean document, through the pipeline", async () => {
    q = await measureGamingQuality(SEED, { workers: 2 });
    for (const r of q.rows) console.log(`family ${r.family} ${r.attack} (${r.strength}): ${r.caught}/${r.documents}`);
    assert.ok(q.rows.length >= 20);
  });

  it("catches at least 95% of copies with 10% of their words edited at random places (family 1)", () => {
    assert.ok(row("edits", "10% of words").recall >= 0.95, JSON.stringify(row("edits", "10% of words")));
    assert.ok(row("edits", "5% of words").recall >= 0.95);
  });

  it("catches at least 95% of reordered copies, splits, concatenations, embeddings and surface changes (families 2-4)", () => {
    for (const r of q.rows.filter((x) => x.family === "2" || x.family === "3" || x.family === "4")) {
      assert.ok(r.recall >= 0.95 || (r.documents < 10 && r.documents - r.caught <= 1), `${r.attack} / ${r.strength}: ${r.caught}/${r.documents}`);
    }
    for (const f of ["2", "3", "4"]) assert.ok(q.families[f] >= 0.95, `family ${f}: ${q.families[f]}`);
  });

  it("catches at least 90% of cheap filler (family 5)", () => {
    assert.ok(q.families["5"] >= 0.9, `family 5: ${q.families["5"]}`);
  });

  it("never pays an embedded earlier document: embeddings are removed or cut to their new text", () => {
    for (const strength of ["half new text", "two thirds new text"]) {
      const r = row("embed", strength);
      assert.ok(r.caught >= r.documents - 1, `${strength}: ${r.caught}/${r.documents}`);
    }
  });

  it("removes no clean document: same topic, shared licence header, new versions all survive", () => {
    assert.ok(q.clean.documents >= 40);
    assert.ok(q.clean.removed <= 0.005 * q.clean.documents, `false removals: ${q.clean.removedIds.join(", ")}`);
    assert.ok(q.clean.cut > 0, "documents sharing a header or an earlier version are cut, not removed");
  });
});

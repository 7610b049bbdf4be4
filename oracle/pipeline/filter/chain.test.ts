import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createQualityBlocks, describeBlocks, isFilter, runQuality } from "./chain.ts";
import { viewOf } from "./doc-view.ts";
import { GopherQualityFilter } from "./gopher-quality.ts";
import { prose, sentences } from "./test-helpers.ts";

const blocks = await createQualityBlocks();

describe("quality chain", () => {
  it("runs language, c4_lines, c4_quality, gopher_quality, fineweb_quality, gopher_repetition in that order", () => {
    assert.deepEqual(blocks.map((b) => b.name), ["language", "c4_lines", "c4_quality", "gopher_quality", "fineweb_quality", "gopher_repetition"]);
    assert.equal(blocks.filter(isFilter).length, 5);
    const described = describeBlocks(blocks);
    assert.equal(described[0].config.model, "eld@2.1.0/medium");
  });

  it("returns the transformed text, the transform counts, and the first rule that removes", () => {
    const doc = `Home\nMenu\n\n${sentences(8, 10).join(" ")}\n\nWe use cookies to improve this site.`;
    const r = runQuality(blocks, doc);
    assert.equal(r.removedBy, null);
    assert.equal(r.text, sentences(8, 10).join(" "));
    assert.equal(r.counts.c4_lines.policy, 1);
    assert.equal(runQuality(blocks, `${sentences(8, 10).join(" ")} Lorem ipsum is here.`).removedBy, "c4_quality:lorem_ipsum");
  });

  it("leaves out a block configured false and passes overrides through", async () => {
    const b = await createQualityBlocks({ language: false, c4Lines: false, gopherQuality: { minDocWords: 5 } });
    assert.deepEqual(b.map((x) => x.name), ["c4_quality", "gopher_quality", "fineweb_quality", "gopher_repetition"]);
    assert.equal((b[1] as GopherQualityFilter).config.minDocWords, 5);
  });

  it("shares one word split between filters given the same text, and never serves a stale one", () => {
    const a = prose(60);
    const b = prose(30);
    assert.equal(viewOf(a), viewOf(a));
    assert.notEqual(viewOf(a), viewOf(b));
    const g = new GopherQualityFilter();
    assert.equal(g.check(a), null);
    assert.equal(g.check(b), "gopher_quality:short_doc");
    assert.equal(g.check(a), null);
  });

  it("is deterministic: the same documents give the same decisions and texts, in any order", () => {
    const docs = [prose(80), sentences(10).join("\n"), "buy now ".repeat(40), `${sentences(6).join(" ")} {x}`];
    const once = docs.map((d) => runQuality(blocks, d));
    const again = [...docs].reverse().map((d) => runQuality(blocks, d)).reverse();
    assert.deepEqual(again, once);
  });
});

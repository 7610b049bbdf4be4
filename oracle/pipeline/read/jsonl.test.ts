import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { chunked, collect, kinds, tempDir, texts } from "./testing.ts";

const tmp = tempDir();
after(() => tmp.remove());

const jsonl = (...records: unknown[]): string => records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";

describe("JSONL reader", () => {
  it("yields the text field of every line with its 1-based line number and counts the bytes", async () => {
    const content = jsonl({ text: "first" }, { text: "zweite Zeile", id: 2 }, { text: "三" });
    const path = tmp.file("a.jsonl", content);
    const got = await collect(path, "a.jsonl");
    assert.deepEqual(got.docs, [
      { text: "first", file: "a.jsonl", line: 1 },
      { text: "zweite Zeile", file: "a.jsonl", line: 2 },
      { text: "三", file: "a.jsonl", line: 3 },
    ]);
    assert.equal(got.issues.length, 0);
    assert.equal(got.bytes, Buffer.byteLength(content));
  });

  it("reports bad JSON, non-objects, missing and non-string fields and empty texts with their lines, and goes on", async () => {
    const content = jsonl({ text: "ok" }, "{not json", "[1,2]", { body: "x" }, { text: 42 }, { text: null }, { text: "  \n " }, "", { text: "last" });
    const got = await collect(tmp.file("b.jsonl", content), "b.jsonl");
    assert.deepEqual(texts(got), ["ok", "last"]);
    assert.deepEqual(got.docs.map((d) => d.line), [1, 9]);
    assert.deepEqual(kinds(got), ["2:bad_json", "3:not_an_object", "4:missing_field", "5:not_a_string", "6:missing_field", "7:empty_document"]);
    assert.ok(got.issues.every((i) => i.file === "b.jsonl" && i.message.length > 0));
  });

  it("reads a configurable field, following a dotted path when no key has that exact name", async () => {
    const content = jsonl({ body: { text: "nested" } }, { "body.text": "literal key wins", body: { text: "no" } }, { body: "flat" });
    const got = await collect(tmp.file("c.jsonl", content), "c.jsonl", { textField: "body.text" });
    assert.deepEqual(texts(got), ["nested", "literal key wins"]);
    assert.deepEqual(kinds(got), ["3:missing_field"]);
  });

  it("skips a line of invalid UTF-8 by default and replaces it on request, reporting it either way", async () => {
    const bad = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    const content = Buffer.concat([Buffer.from(jsonl({ text: "a" })), bad, Buffer.from(jsonl({ text: "b" }))]);
    const path = tmp.file("d.jsonl", content);
    const skipped = await collect(path, "d.jsonl");
    assert.deepEqual(texts(skipped), ["a", "b"]);
    assert.deepEqual(kinds(skipped), ["2:invalid_utf8"]);
    const replaced = await collect(path, "d.jsonl", { invalidUtf8: "replace" });
    assert.deepEqual(texts(replaced), ["a", "caf\uFFFD", "b"]);
    assert.deepEqual(kinds(replaced), ["2:invalid_utf8"]);
  });

  it("treats an escaped lone surrogate like invalid UTF-8", async () => {
    const path = tmp.file("e.jsonl", '{"text":"x\\ud800y"}\n{"text":"ok"}\n');
    assert.deepEqual(kinds(await collect(path, "e.jsonl")), ["1:invalid_unicode"]);
    assert.deepEqual(texts(await collect(path, "e.jsonl", { invalidUtf8: "replace" })), ["x\uFFFDy", "ok"]);
  });

  it("accepts CRLF line ends, a final line without newline and a byte order mark", async () => {
    const path = tmp.file("f.jsonl", '\uFEFF{"text":"a"}\r\n{"text":"b"}');
    assert.deepEqual(texts(await collect(path, "f.jsonl")), ["a", "b"]);
  });

  it("skips a line over the size limit without buffering it, and keeps counting lines", async () => {
    const long = JSON.stringify({ text: "x".repeat(5000) });
    const content = jsonl({ text: "a" }, long, { text: "b" });
    const bytes = Buffer.from(content);
    const got = await collect(chunked(bytes, [20, 100, 1000, 2000, 4000]), "g.jsonl", { maxDocumentBytes: 1000 });
    assert.deepEqual(texts(got), ["a", "b"]);
    assert.deepEqual(got.docs.map((d) => d.line), [1, 3]);
    assert.deepEqual(kinds(got), ["2:too_large"]);
  });

  it("fails with a clear error when no line at all is readable", async () => {
    const path = tmp.file("h.jsonl", "nope\nstill nope\n");
    await assert.rejects(collect(path, "h.jsonl"), (e: Error & { code?: string }) => {
      assert.equal(e.code, "nothing_readable");
      assert.match(e.message, /no document could be read \(2 bad_json\); first problem at line 1/);
      assert.match(e.message, /one JSON object/);
      return true;
    });
    await assert.rejects(collect(tmp.file("empty.jsonl", ""), "empty.jsonl"), /holds no document \(it is empty\)/);
    await assert.rejects(collect(tmp.file("i.jsonl", jsonl({ body: "x" })), "i.jsonl"), /textField/);
  });

  it("yields exactly what was written, however the bytes are cut into chunks (property)", async () => {
    const text = fc.string({ unit: "binary", maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 30 }), fc.array(fc.nat({ max: 4000 }), { maxLength: 20 }), async (written, cuts) => {
        fc.pre(written.some((t) => t.trim().length > 0));
        const bytes = Buffer.from(written.map((t) => JSON.stringify({ text: t })).join("\n") + "\n");
        const got = await collect(chunked(bytes, cuts), "p.jsonl");
        const expected = written.map((t, i) => ({ text: t, line: i + 1 })).filter((d) => d.text.trim().length > 0);
        assert.deepEqual(got.docs.map((d) => ({ text: d.text, line: d.line })), expected);
        assert.deepEqual(kinds(got), written.flatMap((t, i) => (t.trim().length === 0 ? [`${i + 1}:empty_document`] : [])));
        assert.equal(got.bytes, bytes.length);
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same documents when every chunk is one byte (cuts inside every character and line)", async () => {
    const bytes = Buffer.from(jsonl({ text: "ä€𝄞 mixed" }, "oops", { text: "日本語" }));
    const cuts = Array.from({ length: bytes.length }, (_, i) => i);
    const got = await collect(chunked(bytes, cuts), "q.jsonl");
    assert.deepEqual(texts(got), ["ä€𝄞 mixed", "日本語"]);
    assert.deepEqual(kinds(got), ["2:bad_json"]);
  });
});

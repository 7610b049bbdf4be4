import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { chunked, collect, kinds, tempDir, texts } from "./testing.ts";

const tmp = tempDir();
after(() => tmp.remove());

const content = "Title line\r\nstill the first block\r\n\r\n  \t \n\nSecond block\nwith € and 𝄞\n\n\n";

describe("plain text reader", () => {
  it("reads a whole file as one document by default, bytes unchanged", async () => {
    const got = await collect(tmp.file("a.txt", content), "a.txt");
    assert.deepEqual(got.docs, [{ text: content, file: "a.txt", line: 1 }]);
    assert.equal(got.bytes, Buffer.byteLength(content));
  });

  it("splits blank-line-separated blocks, numbering each by its first line", async () => {
    const got = await collect(tmp.file("b.txt", content), "b.txt", { textMode: "blocks" });
    assert.deepEqual(got.docs.map((d) => [d.line, d.text]), [
      [1, "Title line\r\nstill the first block"],
      [6, "Second block\nwith € and 𝄞"],
    ]);
  });

  it("gives the same blocks whatever the chunking", async () => {
    const bytes = Buffer.from(content);
    const whole = await collect(bytes.length ? chunked(bytes, []) : chunked(bytes, []), "c.txt", { textMode: "blocks" });
    const cut = await collect(chunked(bytes, Array.from({ length: bytes.length }, (_, i) => i)), "c.txt", { textMode: "blocks" });
    assert.deepEqual(cut.docs, whole.docs);
  });

  it("reads one document per line, dropping the CR of CRLF and reporting empty lines", async () => {
    const got = await collect(tmp.file("d.txt", "one\r\ntwo\n\nthree"), "d.txt", { textMode: "lines" });
    assert.deepEqual(got.docs.map((d) => [d.line, d.text]), [[1, "one"], [2, "two"], [4, "three"]]);
    assert.deepEqual(kinds(got), ["3:empty_document"]);
  });

  it("reports an invalid UTF-8 block with its line and keeps the others", async () => {
    const bytes = Buffer.concat([Buffer.from("good\n\nbad "), Buffer.from([0xc3, 0x28]), Buffer.from("\n\nalso good\n")]);
    const got = await collect(tmp.file("e.txt", bytes), "e.txt", { textMode: "blocks" });
    assert.deepEqual(texts(got), ["good", "also good"]);
    assert.deepEqual(kinds(got), ["3:invalid_utf8"]);
    const replaced = await collect(tmp.file("e.txt", bytes), "e.txt", { textMode: "blocks", invalidUtf8: "replace" });
    assert.deepEqual(texts(replaced), ["good", "bad \uFFFD(", "also good"]);
  });

  it("skips a file over the size limit and then has nothing to read", async () => {
    await assert.rejects(collect(tmp.file("f.txt", "x".repeat(2000)), "f.txt", { maxDocumentBytes: 1000 }), /too_large/);
  });

  it("strips a byte order mark at the start of the file", async () => {
    assert.deepEqual(texts(await collect(tmp.file("g.md", "\uFEFF# Title"), "g.md")), ["# Title"]);
  });
});

import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { chunked, collect, kinds, tempDir, texts } from "./testing.ts";

const tmp = tempDir();
after(() => tmp.remove());

describe("CSV reader", () => {
  it("reads the text column by header name, numbering rows as a spreadsheet does", async () => {
    const content = 'id,text,lang\n1,hello,en\n2,"quoted, with comma and ""quotes""",en\n3,"two\nlines",en\n4,after,en\n';
    const got = await collect(tmp.file("a.csv", content), "a.csv");
    assert.deepEqual(got.docs.map((d) => [d.line, d.text]), [
      [2, "hello"],
      [3, 'quoted, with comma and "quotes"'],
      [4, "two\nlines"],
      [5, "after"],
    ]);
    assert.equal(got.bytes, Buffer.byteLength(content));
  });

  it("reports rows with the wrong number of fields, bad quoting, invalid UTF-8 and empty text, and goes on", async () => {
    const bytes = Buffer.concat([
      Buffer.from('text,n\nfirst,1\ntoo,many,fields\n,3\n"bad '),
      Buffer.from([0xff]),
      Buffer.from('",4\nlast,5\n"never closed,6\nlost,7\n'),
    ]);
    const got = await collect(tmp.file("b.csv", bytes), "b.csv");
    assert.deepEqual(texts(got), ["first", "last"]);
    assert.deepEqual(kinds(got), ["3:bad_row", "4:empty_document", "5:invalid_utf8", "7:bad_row"]);
    assert.match(got.issues[3].message, /never closed/);
  });

  it("reads TSV and a custom delimiter, and strips a byte order mark from the header", async () => {
    assert.deepEqual(texts(await collect(tmp.file("c.tsv", "\uFEFFtext\tx\na, b\t1\n"), "c.tsv")), ["a, b"]);
    assert.deepEqual(texts(await collect(tmp.file("d.csv", "x;text\n1;semi\n"), "d.csv", { csvDelimiter: ";" })), ["semi"]);
  });

  it("gives the same rows whatever the chunking", async () => {
    const bytes = Buffer.from('text\n"ä,€\n𝄞"\nplain\n');
    const got = await collect(chunked(bytes, Array.from({ length: bytes.length }, (_, i) => i)), "e.csv");
    assert.deepEqual(texts(got), ["ä,€\n𝄞", "plain"]);
  });

  it("fails at once, naming the columns, when the text column is missing", async () => {
    await assert.rejects(collect(tmp.file("f.csv", "id,body\n1,x\n"), "f.csv"), (e: Error & { code?: string }) => {
      assert.equal(e.code, "missing_column");
      assert.match(e.message, /no column "text" \(columns: "id", "body"\)/);
      return true;
    });
  });
});

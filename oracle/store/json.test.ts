import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddedStore } from "./embedded/embedded-store.ts";
import { addJson, computeJsonCid, ContentNotJsonError, encodeJson, getJson } from "./json.ts";
import { rawLeafCid } from "./testing/unixfs-by-hand.ts";

let dir: string;
let store: EmbeddedStore;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "1tt-json-test-"));
  store = await EmbeddedStore.open(dir);
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("JSON documents (manifests, reports)", () => {
  it("writes canonical bytes: sorted keys, no whitespace, undefined members left out", () => {
    const a = { version: 1, contributor: "0xabc", nested: { b: [1, 2.5, "é"], a: null }, skipped: undefined };
    const b = { nested: { a: null, b: [1, 2.5, "é"] }, contributor: "0xabc", version: 1 };
    assert.equal(decode(encodeJson(a)), '{"contributor":"0xabc","nested":{"a":null,"b":[1,2.5,"é"]},"version":1}');
    assert.deepEqual(encodeJson(a), encodeJson(b));
  });

  it("refuses values JSON cannot hold instead of writing something else", () => {
    assert.throws(() => encodeJson({ n: Number.NaN }), /value\.n is NaN/);
    assert.throws(() => encodeJson({ big: 10n }), /decimal strings/);
    assert.throws(() => encodeJson([1, undefined]), /value\[1\] is undefined/);
  });

  it("stores a manifest as a UnixFS file (one raw block) and reads the same value back", async () => {
    const manifest = { schema: 1, seq: 7, previous: null, tokens: 123_456 };
    const cid = await addJson(store, manifest);
    assert.equal(cid.toString(), rawLeafCid(encodeJson(manifest)).text, "a gateway serves exactly these bytes");
    assert.equal(cid.toString(), (await computeJsonCid({ tokens: 123_456, seq: 7, previous: null, schema: 1 })).toString());
    assert.deepEqual(await getJson(store, cid), manifest);
  });

  it("reports content that is not JSON as ContentNotJsonError", async () => {
    const cid = await store.add(new TextEncoder().encode("plain text, not JSON"));
    await assert.rejects(getJson(store, cid), ContentNotJsonError);
    await assert.rejects(getJson(store, cid, { maxBytes: 4 }), /larger than 4 bytes/);
  });
});

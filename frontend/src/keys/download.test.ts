// Download and decrypt, end to end on real ciphertext: submissions stored by the oracle's own
// program sink, served through a fetch that stands in for the gateway and the oracle.
import { describe, expect, it } from "vitest";
import { createKeyEnvelope } from "../../../oracle/crypto/index.ts";
import { encodeJson } from "../../../oracle/store/json.ts";
import {
  DownloadError,
  contentUrl,
  decryptDownload,
  downloadFileName,
  downloadFilteredData,
  memorySink,
  prepareDownload,
  type DownloadProgress,
  type DownloadSource,
} from "./download.ts";
import { makeSubmission } from "./test-fixture.ts";
import { PROGRAM, serveFiles, withFlippedByte, withManifest, type ServeOptions } from "./test-serve.ts";

const sub = await makeSubmission();
const ORACLE = "http://dapp.test/oracle";
const GATEWAY = "https://gw.test/";

/** A memory sink that also records which of close and abort it saw. */
function recordingSink() {
  const inner = memorySink();
  const calls: string[] = [];
  return {
    calls,
    get parts() {
      return inner.parts;
    },
    write: (chunk: Uint8Array) => inner.write(chunk),
    close: () => (calls.push("close"), inner.close()),
    abort: () => (calls.push("abort"), inner.abort()),
  };
}

const joined = (parts: Uint8Array[] | undefined) => (parts ? Buffer.concat(parts) : undefined);

function setup(files = sub.files, serve: ServeOptions = {}, gateway = "") {
  const served = serveFiles(files, serve);
  const source: DownloadSource = { gateway, oracle: ORACLE, fetch: served.fetcher };
  return { source, asked: served.asked, sink: memorySink() };
}

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the download should have failed").toBeDefined();
  return error as DownloadError;
};

describe("download and decrypt the filtered data", () => {
  it("gives the contributor the exact plaintext, with progress up to the manifest's size", async () => {
    const { source, asked, sink } = setup();
    const progress: DownloadProgress[] = [];
    const result = await downloadFilteredData({
      manifestCid: sub.manifestCid,
      program: PROGRAM,
      source,
      readerKey: () => sub.contributor,
      sink,
      onProgress: (p) => progress.push(p),
    });
    expect(Buffer.compare(joined(sink.parts)!, Buffer.from(sub.plaintext))).toBe(0);
    expect(result).toEqual({ bytes: sub.plaintext.byteLength, sha256: sub.manifest.data.filtered.plaintextSha256, role: "contributor" });
    expect(progress.at(-1)).toMatchObject({ bytes: sub.plaintext.byteLength, total: sub.manifest.data.filtered.plaintextBytes });
    expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(4);
    // Without a gateway everything comes from the oracle: manifest, envelope, ciphertext.
    expect(asked).toEqual([
      `${ORACLE}/ipfs/${sub.manifestCid}`,
      `${ORACLE}/ipfs/${sub.manifest.data.encryption!.keys}`,
      `${ORACLE}/ipfs/${sub.manifest.data.filtered.cid}`,
    ]);
  });

  it("opens it for a consumer and a committee member too, and reads everything from the gateway when one is set", async () => {
    const { source, asked, sink } = setup(sub.files, {}, GATEWAY);
    const result = await downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source, readerKey: () => sub.consumer, sink });
    expect(result.role).toBe("consumer");
    expect(Buffer.compare(joined(sink.parts)!, Buffer.from(sub.plaintext))).toBe(0);
    const member = memorySink();
    expect((await downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source, readerKey: () => sub.committee, sink: member })).role).toBe("committee");
    expect(Buffer.compare(joined(member.parts)!, Buffer.from(sub.plaintext))).toBe(0);
    expect(asked.every((url) => url.startsWith("https://gw.test/ipfs/"))).toBe(true);
    expect(contentUrl(source, sub.manifestCid)).toBe(`https://gw.test/ipfs/${sub.manifestCid}`);
    expect(downloadFileName(sub.manifestCid)).toBe(`${sub.manifestCid}-filtered.jsonl`);
  });

  it("refuses a key that is not among the readers, before any ciphertext is fetched", async () => {
    const { source, asked, sink } = setup();
    const error = await failure(downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source, readerKey: () => sub.outsider, sink }));
    expect(error).toBeInstanceOf(DownloadError);
    expect(error.code).toBe("not_a_reader");
    expect(error.details).toContain("Only its contributor, the program's consumers, its committee members and its auditors can read it");
    expect(asked.some((url) => url.endsWith(sub.manifest.data.filtered.cid))).toBe(false);
    expect(sink.parts).toBeUndefined();
  });

  it("fails on a flipped ciphertext byte and keeps no output", async () => {
    const cid = sub.manifest.data.filtered.cid;
    for (const offset of [100, 150_000, sub.files.get(cid)!.byteLength - 3]) {
      const { source } = setup(withFlippedByte(sub.files, cid, offset));
      const sink = recordingSink();
      const written: number[] = [];
      const error = await failure(
        downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source, readerKey: () => sub.contributor, sink, onProgress: (p) => written.push(p.bytes) }),
      );
      expect(error).toBeInstanceOf(DownloadError);
      expect(error.code).toBe("tampered");
      expect(error.hint).toContain("Nothing was saved");
      expect(sink.parts).toBeUndefined();
      expect(sink.calls).toEqual(["abort"]);
      // A flip in the last chunk is caught before any of it is released.
      expect(written.at(-1)!).toBeLessThan(sub.plaintext.byteLength);
    }
  });

  it("reports a cut-off download as truncated", async () => {
    const cid = sub.manifest.data.filtered.cid;
    const files = new Map(sub.files).set(cid, sub.files.get(cid)!.subarray(0, 200_000));
    const { source, sink } = setup(files);
    const error = await failure(downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source, readerKey: () => sub.contributor, sink }));
    expect(error.code).toBe("truncated");
    expect(sink.parts).toBeUndefined();
  });

  it("refuses plaintext whose sha256 is not the manifest's commitment", async () => {
    const { filtered } = sub.manifest.data;
    const lying = await withManifest(sub.files, { ...sub.manifest, data: { ...sub.manifest.data, filtered: { ...filtered, plaintextSha256: "ab".repeat(32) } } });
    const { source, sink } = setup(lying.files);
    const error = await failure(downloadFilteredData({ manifestCid: lying.manifestCid, program: PROGRAM, source, readerKey: () => sub.contributor, sink }));
    expect(error.code).toBe("commitment_mismatch");
    expect(sink.parts).toBeUndefined();
  });

  it("stops when aborted, with the abort reason and no output", async () => {
    const { source, sink } = setup(sub.files, { stallAfter: 120_000 });
    const controller = new AbortController();
    const prepared = await prepareDownload({ manifestCid: sub.manifestCid, program: PROGRAM, source, readerKey: () => sub.contributor, signal: controller.signal });
    const running = decryptDownload(prepared, {
      source,
      sink,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytes > 0) controller.abort();
      },
    });
    const error = await failure(running);
    expect((error as Error).name).toBe("AbortError");
    expect(sink.parts).toBeUndefined();
    expect(prepared.dataKey.every((b) => b === 0)).toBe(true);
  });

  it("stops a stalled transfer when aborted", async () => {
    const { source, sink } = setup(sub.files, { stallAfter: 70_000 });
    const controller = new AbortController();
    const prepared = await prepareDownload({ manifestCid: sub.manifestCid, program: PROGRAM, source, readerKey: () => sub.contributor });
    const running = decryptDownload(prepared, { source, sink, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(((await failure(running)) as Error).name).toBe("AbortError");
    expect(sink.parts).toBeUndefined();
  });

  it("says when the source is down or does not have the data", async () => {
    const down = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    const error = await failure(
      downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source: { gateway: GATEWAY, oracle: ORACLE, fetch: down }, readerKey: () => sub.contributor, sink: memorySink() }),
    );
    expect(error.code).toBe("unreachable");
    expect(error.shortMessage).toBe("The IPFS gateway https://gw.test does not answer.");

    const busy = setup(sub.files, { status: 503 });
    expect((await failure(downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source: busy.source, readerKey: () => sub.contributor, sink: busy.sink }))).code).toBe(
      "unreachable",
    );

    const missing = new Map(sub.files);
    missing.delete(sub.manifest.data.filtered.cid);
    const gone = setup(missing);
    const notFound = await failure(downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source: gone.source, readerKey: () => sub.contributor, sink: gone.sink }));
    expect(notFound.code).toBe("not_found");
    expect(notFound.shortMessage).toContain(sub.manifest.data.filtered.cid);
  });

  it("refuses a manifest of another program, one stored in the clear, and a forged manifest", async () => {
    const other = setup();
    const wrong = await failure(
      downloadFilteredData({ manifestCid: sub.manifestCid, program: { ...PROGRAM, chainId: 8453 }, source: other.source, readerKey: () => sub.contributor, sink: other.sink }),
    );
    expect(wrong.code).toBe("wrong_program");

    const clear = await withManifest(sub.files, { ...sub.manifest, data: { ...sub.manifest.data, encryption: null } });
    const c = setup(clear.files);
    const plain = await failure(downloadFilteredData({ manifestCid: clear.manifestCid, program: PROGRAM, source: c.source, readerKey: () => sub.contributor, sink: c.sink }));
    expect(plain.code).toBe("no_encryption");
    expect(plain.hint).toContain(sub.manifest.data.filtered.cid);

    const forged = { ...sub.manifest, tokens: { ...sub.manifest.tokens, cumulative: sub.manifest.tokens.cumulative + 1 } };
    const f = setup(new Map(sub.files).set(sub.manifestCid, encodeJson(forged)), {}, GATEWAY);
    expect((await failure(downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source: f.source, readerKey: () => sub.contributor, sink: f.sink }))).code).toBe(
      "bad_manifest",
    );
  });

  it("refuses an envelope that is not the one the manifest names, or made for another submission", async () => {
    const keys = sub.manifest.data.encryption!.keys;
    const substitute = createKeyEnvelope(new Uint8Array(32).fill(7), [{ role: "contributor", publicKey: sub.contributor.publicKey }], "1tt/31337/x/0");
    const s = setup(new Map(sub.files).set(keys, encodeJson(substitute)));
    const swapped = await failure(downloadFilteredData({ manifestCid: sub.manifestCid, program: PROGRAM, source: s.source, readerKey: () => sub.contributor, sink: s.sink }));
    expect(swapped.code).toBe("bad_envelope");
    expect(swapped.details).toContain("hash to");

    // The next submission's envelope, genuine and listing the same contributor, named by this manifest.
    const encryption = { ...sub.manifest.data.encryption!, keys: sub.next.manifest.data.encryption!.keys };
    const elsewhere = await withManifest(sub.files, { ...sub.manifest, data: { ...sub.manifest.data, encryption } });
    const e = setup(elsewhere.files);
    const context = await failure(downloadFilteredData({ manifestCid: elsewhere.manifestCid, program: PROGRAM, source: e.source, readerKey: () => sub.contributor, sink: e.sink }));
    expect(context.code).toBe("bad_envelope");
    expect(context.details).toContain("another submission");
    // The next submission itself opens, with its own envelope.
    const n = setup();
    await downloadFilteredData({ manifestCid: sub.next.manifestCid, program: PROGRAM, source: n.source, readerKey: () => sub.contributor, sink: n.sink });
    expect(new TextDecoder().decode(joined(n.sink.parts))).toMatch(/^\{"text":"document 0: "\}\n/);
  });
});

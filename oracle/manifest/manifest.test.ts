import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddedStore } from "../store/embedded/embedded-store.ts";
import { encodeJson } from "../store/json.ts";
import { collect, jsonlInput } from "../pipeline/run/testing.ts";
import { SCHEMA_FILE, renderManifestSchema } from "./gen-schema.ts";
import {
  buildManifest,
  computeManifestCid,
  ManifestCidMismatchError,
  ManifestInvalidError,
  ManifestNotCanonicalError,
  ManifestNotJsonError,
  readManifest,
  validateManifest,
  writeManifest,
} from "./index.ts";
import type { Manifest } from "./index.ts";
import { ALICE, fixtureManifest, PIPELINE, SPLITTER, storedFile } from "./testing.ts";

let dir: string;
let store: EmbeddedStore;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "1tt-manifest-test-"));
  store = await EmbeddedStore.open(dir);
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A deep copy of `m` with `edit` applied to it. */
function mutate(m: Manifest, edit: (m: any) => void): unknown {
  const copy = structuredClone(m) as any;
  edit(copy);
  return copy;
}

function refusal(value: unknown): ManifestInvalidError {
  try {
    validateManifest(value);
  } catch (err) {
    assert.ok(err instanceof ManifestInvalidError, String(err));
    return err;
  }
  assert.fail("the manifest was accepted");
}

describe("manifest schema", () => {
  it("manifest.schema.json is generated from the zod definition (else: node oracle/manifest/gen-schema.ts)", () => {
    assert.ok(readFileSync(SCHEMA_FILE, "utf8") === renderManifestSchema(), "manifest.schema.json is stale");
  });

  it("round-trips through the content store with a reproducible CID", async () => {
    const manifest = await fixtureManifest();
    const cid = await writeManifest(store, manifest);
    assert.equal(cid.toString(), (await computeManifestCid(manifest)).toString());
    // Key order does not matter: the stored bytes are canonical.
    const reordered = Object.fromEntries(Object.entries(manifest).reverse()) as Manifest;
    assert.equal((await computeManifestCid(reordered)).toString(), cid.toString());
    assert.equal(cid.code, 0x55, "a small manifest is one raw block");
    assert.deepEqual(await readManifest(store, cid), manifest);
    assert.deepEqual(await readManifest(store, cid.toString()), manifest);
  });

  it("carries counts only: no excerpt, file name or example of the report reaches it", async () => {
    const text = new TextDecoder().decode(encodeJson(await fixtureManifest()));
    for (const secret of ["secret", "a.jsonl", "input-0", "excerpt", "examples", "malformed_json"]) {
      assert.ok(!text.includes(secret), `manifest contains ${secret}`);
    }
  });

  it("is built from a real pipeline run's report", async () => {
    const run = await collect([jsonlInput("upload.jsonl", [
      "The quick brown fox jumps over the lazy dog near the river bank today. ".repeat(8),
      "Short.",
      "The quick brown fox jumps over the lazy dog near the river bank today. ".repeat(8),
    ])], { sequence: 0 });
    const input = run.report.submission.inputs[0]!;
    const manifest = buildManifest({
      program: { chainId: 31337n, splitter: SPLITTER.toLowerCase() as typeof SPLITTER },
      contributor: ALICE.toLowerCase() as typeof ALICE,
      sequence: 0,
      contributorSequence: 0,
      previous: null,
      pipeline: run.pipeline.id,
      report: run.report,
      data: {
        raw: [{ ...(await storedFile("raw")), plaintextSha256: input.sha256, plaintextBytes: input.bytes }],
        filtered: { ...(await storedFile("filtered")), plaintextSha256: run.outputSha256 },
        report: await storedFile("report"),
        encryption: null,
      },
      previousCumulative: 0,
    });
    assert.equal(manifest.contributor, ALICE, "addresses are checksummed");
    assert.equal(manifest.program.splitter, SPLITTER);
    assert.equal(manifest.tokens.added, run.report.tokens.out);
    assert.equal(manifest.tokens.cumulative, run.report.tokens.out);
    assert.equal(manifest.summary.documents.in, 3);
    assert.deepEqual(manifest.summary.removed, Object.fromEntries(Object.entries(run.report.removed).map(([k, v]) => [k, { documents: v.documents, tokens: v.tokens }])));
    assert.deepEqual(manifest.summary.duplicates.exact, run.report.duplicates.exact);
    assert.equal(manifest.pipeline.configHash, run.pipeline.id.configHash);
  });

  it("refuses to build from a report of another pipeline, log position or input", async () => {
    const base = await fixtureManifest();
    const p = (edit: (r: any) => void) => {
      try {
        buildManifest({
          program: { chainId: 31337, splitter: SPLITTER },
          contributor: ALICE,
          sequence: 0,
          contributorSequence: 0,
          previous: null,
          pipeline: PIPELINE,
          report: (() => {
            const r: any = { schema: "1tt/report@1", pipelineId: base.pipeline.id, submission: { sequence: 0, inputs: [{ name: "x", bytes: 1, sha256: base.data.raw[0]!.plaintextSha256 }] },
              documents: { in: 0, out: 0 }, tokens: { in: 0, out: 0 }, removed: {}, duplicates: { exact: { within: { documents: 0, tokens: 0 }, across: { documents: 0, tokens: 0 } }, near: { within: { documents: 0, tokens: 0 }, across: { documents: 0, tokens: 0 } }, examples: [] },
              pii: {}, transforms: {}, readerIssues: { total: 0, byKind: {}, first: [] } };
            edit(r);
            return r;
          })(),
          data: { raw: [{ ...base.data.raw[0]!, plaintextBytes: 1 }], filtered: base.data.filtered, report: base.data.report, encryption: null },
          previousCumulative: 0,
        });
      } catch (err) {
        assert.ok(err instanceof ManifestInvalidError);
        return err.issues.map((i) => i.path);
      }
      return [];
    };
    assert.deepEqual(p(() => {}), []);
    assert.deepEqual(p((r) => (r.pipelineId = "other")), ["pipeline.id"]);
    assert.deepEqual(p((r) => (r.submission.sequence = 5)), ["sequence"]);
    assert.deepEqual(p((r) => (r.submission.inputs[0].sha256 = "00".repeat(32))), ["data.raw[0]"]);
    assert.deepEqual(p((r) => r.submission.inputs.push(r.submission.inputs[0])), ["data.raw"]);
  });
});

describe("manifest validation names the field", () => {
  const cases: [string, (m: any) => void, string, RegExp?][] = [
    ["a missing contributor", (m) => delete m.contributor, "contributor", /required/],
    ["an address not checksummed", (m) => (m.contributor = m.contributor.toLowerCase()), "contributor", /EIP-55/],
    ["a splitter that is not an address", (m) => (m.program.splitter = "0x1234"), "program.splitter"],
    ["chain id 0", (m) => (m.program.chainId = 0), "program.chainId"],
    ["another schema version", (m) => (m.schema = "1tt/manifest@2"), "schema"],
    ["an unknown top-level field", (m) => (m.note = "hello"), "note", /not a manifest field/],
    ["text smuggled into the summary", (m) => (m.summary.examples = ["a document"]), "summary.examples", /not a manifest field/],
    ["text smuggled into a rule id", (m) => (m.summary.removed["my secret sentence"] = { documents: 1, tokens: 1 }), "summary.removed"],
    ["a raw CID that is not a CID", (m) => (m.data.raw[0].cid = "bafkreinotacid"), "data.raw[0].cid"],
    ["a CIDv0 as previous", (m) => ((m.sequence = 1), (m.previous = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")), "previous"],
    ["previous missing after the first", (m) => (m.sequence = 3), "previous", /must name the previous/],
    ["previous set on the first", (m) => (m.previous = m.data.filtered.cid), "previous", /null for the first/],
    ["an upper-case plaintext hash", (m) => (m.data.filtered.plaintextSha256 = m.data.filtered.plaintextSha256.toUpperCase()), "data.filtered.plaintextSha256"],
    ["a fractional byte count", (m) => (m.data.report.plaintextBytes = 1.5), "data.report.plaintextBytes"],
    ["no raw file", (m) => (m.data.raw = []), "data.raw"],
    ["a key envelope that is not a CID", (m) => (m.data.encryption.keys = "keys"), "data.encryption.keys"],
    ["a bad scheme id", (m) => (m.data.encryption.scheme = "Some Scheme!"), "data.encryption.scheme"],
    ["tokens added that are not the summary's", (m) => (m.tokens.added += 1), "tokens.added"],
    ["negative tokens", (m) => (m.tokens.cumulative = -1), "tokens.cumulative"],
    ["tokens above the contract's limit", (m) => (m.tokens.cumulative = 2 ** 48), "tokens.cumulative"],
    ["a first submission whose total is not its tokens", (m) => (m.tokens.cumulative += 5), "tokens.cumulative"],
    ["documents that do not add up", (m) => (m.summary.documents.in += 1), "summary.documents.in"],
    ["contributor sequence past the global one", (m) => (m.contributorSequence = 1), "contributorSequence"],
    ["a tokenizer without version", (m) => delete m.pipeline.tokenizer.version, "pipeline.tokenizer.version", /required/],
    ["a config hash that is not sha256", (m) => (m.pipeline.configHash = "abc"), "pipeline.configHash"],
  ];
  for (const [what, edit, path, message] of cases) {
    it(`refuses ${what} (${path})`, async () => {
      const err = refusal(mutate(await fixtureManifest(), edit));
      assert.ok(err.issues.some((i) => i.path.startsWith(path)), `issues: ${JSON.stringify(err.issues)}`);
      assert.match(err.message, new RegExp(path.replace(/[.[\]]/g, "\\$&")));
      if (message) assert.match(err.message, message);
    });
  }

  it("refuses anything that is not an object", () => {
    for (const v of [null, 1, "manifest", []]) assert.throws(() => validateManifest(v), ManifestInvalidError);
  });

  it("writeManifest validates before storing", async () => {
    const bad = mutate(await fixtureManifest(), (m) => (m.tokens.added = -1)) as Manifest;
    await assert.rejects(writeManifest(store, bad), ManifestInvalidError);
  });
});

describe("reading a manifest", () => {
  it("refuses stored JSON that is not a valid manifest, naming the CID and the field", async () => {
    const bad = mutate(await fixtureManifest(), (m) => delete m.pipeline);
    const cid = await store.add(encodeJson(bad));
    const err = await readManifest(store, cid).catch((e: unknown) => e);
    assert.ok(err instanceof ManifestInvalidError);
    assert.equal(err.cid, cid.toString());
    assert.match(err.message, /pipeline: is required/);
  });

  it("refuses JSON that is not canonical (its CID could not be recomputed from the value)", async () => {
    const cid = await store.add(new TextEncoder().encode(JSON.stringify(await fixtureManifest(), null, 2)));
    await assert.rejects(readManifest(store, cid), ManifestNotCanonicalError);
    assert.ok(await readManifest(store, cid, { verify: false }));
  });

  it("refuses bytes that are not JSON", async () => {
    const cid = await store.add(new Uint8Array([0xff, 0xfe, 0x00]));
    await assert.rejects(readManifest(store, cid), ManifestNotJsonError);
  });

  it("refuses content that does not hash to the CID asked for (a lying store)", async () => {
    const good = await writeManifest(store, await fixtureManifest());
    const other = encodeJson(await fixtureManifest({ tokens: 5 }));
    const liar = Object.create(store, {
      get: { value: async function* () { yield other; } },
    }) as EmbeddedStore;
    await assert.rejects(readManifest(liar, good), ManifestCidMismatchError);
  });
});

// Fixtures for the manifest and attestation tests: a report, stored-file commitments and a chain
// of manifests, all deterministic.
import { createHash } from "node:crypto";
import type { Address } from "viem";
import type { PipelineId } from "../pipeline/config.ts";
import { REPORT_SCHEMA, type Report } from "../protocol/report.ts";
import type { ContentStore } from "../store/content-store.ts";
import { computeCid } from "../store/compute-cid.ts";
import { buildManifest, type StoredFile } from "./build-manifest.ts";
import type { Manifest } from "./schema.ts";
import { writeManifest } from "./write-manifest.ts";

export const SPLITTER: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
export const ALICE: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
export const BOB: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

export const PIPELINE: PipelineId = {
  version: "1.0.0",
  configHash: "3f".repeat(32),
  tokenizer: { encoding: "o200k_base", library: "tiktoken", version: "1.0.22" },
  id: "1tt-pipeline@1.0.0+o200k_base@tiktoken-1.0.22+cfg.3f3f3f3f3f3f3f3f",
};

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/** A report as the runner makes it, with `tokensOut` kept tokens. */
export function fakeReport(sequence: number, tokensOut: number, inputs = [`input-${sequence}`]): Report {
  return {
    schema: REPORT_SCHEMA,
    pipelineId: PIPELINE.id,
    submission: { sequence, inputs: inputs.map((name) => ({ name, bytes: name.length, sha256: sha(name) })) },
    documents: { in: 10, out: 6 },
    tokens: { in: tokensOut + 500, out: tokensOut },
    removed: { "gopher_quality:short_doc": { documents: 2, tokens: 300, examples: [{ file: "a.jsonl", line: 3, excerpt: "secret text" }] } },
    duplicates: {
      exact: { within: { documents: 1, tokens: 100 }, across: { documents: 0, tokens: 0 } },
      near: { within: { documents: 0, tokens: 0 }, across: { documents: 1, tokens: 100 } },
      passages: { within: { documents: 0, tokens: 0 }, across: { documents: 0, tokens: 0 } },
      partial: { documents: 0, tokens: 0, examples: [] },
      examples: [{ file: "a.jsonl", line: 4, excerpt: "more secret text", of: { submission: 0, document: 1 } }],
    },
    pii: { email: 2 },
    transforms: { normalize: { nfc: 1 } },
    readerIssues: { total: 1, byKind: { malformed_json: 1 }, first: [] },
  };
}

/** Four fixed CIDs (of the bytes "0".."3"). */
const CIDS: string[] = await Promise.all(["0", "1", "2", "3"].map(async (s) => (await computeCid(new TextEncoder().encode(s))).toString()));

/** A stored-file commitment whose CID is the CID of `label`'s bytes. */
export async function storedFile(label: string): Promise<StoredFile> {
  return { cid: (await computeCid(new TextEncoder().encode(label))).toString(), plaintextSha256: sha(label), plaintextBytes: label.length };
}

export async function fixtureManifest(
  options: { sequence?: number; contributorSequence?: number; previous?: string | null; contributor?: Address; tokens?: number; previousCumulative?: number } = {},
): Promise<Manifest> {
  const sequence = options.sequence ?? 0;
  const report = fakeReport(sequence, options.tokens ?? 1_000);
  return buildManifest({
    program: { chainId: 31337, splitter: SPLITTER },
    contributor: options.contributor ?? ALICE,
    sequence,
    contributorSequence: options.contributorSequence ?? 0,
    previous: options.previous ?? null,
    pipeline: PIPELINE,
    report,
    data: {
      raw: report.submission.inputs.map((input, i) => ({ cid: CIDS[i % CIDS.length]!, plaintextSha256: input.sha256, plaintextBytes: input.bytes })),
      filtered: { cid: CIDS[1]!, plaintextSha256: sha(`filtered-${sequence}`), plaintextBytes: 600 },
      report: { cid: CIDS[2]!, plaintextSha256: sha(`report-${sequence}`), plaintextBytes: 2_000 },
      encryption: { scheme: "1tt/stream@1", keys: CIDS[3]! },
    },
    previousCumulative: options.previousCumulative ?? 0,
  });
}

/** Writes a chain: alice 1000, bob 500, alice +700, bob +300 (sequences 0..3). Returns the CIDs in order. */
export async function writeChain(store: ContentStore): Promise<{ cids: string[]; manifests: Manifest[] }> {
  const plan = [
    { contributor: ALICE, contributorSequence: 0, tokens: 1_000, previousCumulative: 0 },
    { contributor: BOB, contributorSequence: 0, tokens: 500, previousCumulative: 0 },
    { contributor: ALICE, contributorSequence: 1, tokens: 700, previousCumulative: 1_000 },
    { contributor: BOB, contributorSequence: 1, tokens: 300, previousCumulative: 500 },
  ];
  const cids: string[] = [];
  const manifests: Manifest[] = [];
  for (const [sequence, step] of plan.entries()) {
    const manifest = await fixtureManifest({ ...step, sequence, previous: cids.at(-1) ?? null });
    manifests.push(manifest);
    cids.push((await writeManifest(store, manifest)).toString());
  }
  return { cids, manifests };
}

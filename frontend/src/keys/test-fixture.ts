// The download tests' submissions, stored by the oracle's own production sink (taken through the
// service's test harness: sealed with oracle/crypto, the key envelope for the contributor, a
// consumer and the committee member, the manifest) into an embedded content store:
// two submissions of one contributor. Node only (the sink's modules include node:sqlite), so a
// jsdom test runs this file as a script and reads the submission as JSON from its output:
//   node frontend/src/keys/test-fixture.ts [bytes]
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getAddress, keccak256, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { encodePublicKey, generateReaderKey } from "../../../oracle/crypto/index.ts";
import { readManifest } from "../../../oracle/manifest/index.ts";
import { ALICE, PIPELINE, SPLITTER, fakeReport } from "../../../oracle/manifest/testing.ts";
import type { ResolvedPipeline } from "../../../oracle/pipeline/process.ts";
import { committeeReaderKey } from "../../../oracle/attest/committee-reader-key.ts";
import { sealingProgramSink, type AcceptedSubmission, type LocalFile } from "../../../oracle/service/testing.ts";
import { collect } from "../../../oracle/store/bytes.ts";
import { EmbeddedStore } from "../../../oracle/store/embedded/embedded-store.ts";
import { CHAIN_ID, PROGRAM, submissionToJson, type Submission } from "./test-serve.ts";

if (getAddress(PROGRAM.splitter) !== SPLITTER) throw new Error("test-serve.ts PROGRAM must be the manifest fixtures' SPLITTER");

/** JSONL lines, deterministic, `bytes` long at least. */
export function jsonl(bytes: number): Uint8Array {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const line = `${JSON.stringify({ text: `document ${i}: ${"lorem ipsum ".repeat(i % 17)}` })}\n`;
    lines.push(line);
    length += line.length;
  }
  return new TextEncoder().encode(lines.join(""));
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Stores two submissions of one contributor as the oracle does; the first's filtered data is `bytes` long (default 300 KB: five 64 KiB chunks). */
export async function makeSubmission({ bytes = 300_000 } = {}): Promise<Submission> {
  const dir = await mkdtemp(join(tmpdir(), "1tt-download-"));
  const store = await EmbeddedStore.open(join(dir, "store"));
  try {
    const contributor = generateReaderKey();
    const consumer = generateReaderKey();
    const outsider = generateReaderKey();
    const signer = privateKeyToAccount(keccak256(toHex("1tt dApp download tests: committee member")));
    const sink = sealingProgramSink({ store, chainId: CHAIN_ID, splitter: SPLITTER, signer, consumers: [encodePublicKey(consumer.publicKey)] });
    const file = async (name: string, content: Uint8Array | string): Promise<LocalFile> => {
      const path = join(dir, `${sha256(name)}-${name}`);
      await writeFile(path, content);
      return { name, path, sha256: sha256(content), bytes: typeof content === "string" ? Buffer.byteLength(content) : content.byteLength };
    };
    const plaintext = jsonl(bytes);
    const accept = async (sequence: number, previous: { cid: string; cumulative: number } | null, filtered: Uint8Array): Promise<AcceptedSubmission> => {
      const report = fakeReport(sequence, 1_000);
      return {
        jobId: `job-${sequence}`,
        contributor: ALICE,
        sequence,
        contributorSequence: sequence,
        previousManifestCid: previous?.cid ?? null,
        previousCumulativeTokens: previous?.cumulative ?? 0,
        contributorReaderKey: encodePublicKey(contributor.publicKey),
        contribution: null,
        pipeline: { id: PIPELINE } as ResolvedPipeline,
        report,
        // fakeReport's inputs are files whose content is their name.
        raw: await Promise.all(report.submission.inputs.map((input) => file(input.name, input.name))),
        filtered: await file(`filtered-${sequence}.jsonl`, filtered),
      };
    };
    const first = await sink.store(await accept(0, null, plaintext));
    const second = await sink.store(await accept(1, { cid: first.manifestCid!, cumulative: first.cumulativeTokens }, jsonl(2_000)));
    const manifest = await readManifest(store, first.manifestCid!);
    const files = new Map<string, Uint8Array>();
    for (const cid of [first.manifestCid!, first.keysCid!, first.filteredCid, first.privateKeysCid!, first.reportCid, second.manifestCid!, second.keysCid!, second.filteredCid]) {
      files.set(cid, await collect(store.get(cid)));
    }
    return {
      manifestCid: first.manifestCid!,
      manifest,
      plaintext,
      files,
      contributor,
      consumer,
      committee: await committeeReaderKey(signer, CHAIN_ID, SPLITTER),
      outsider,
      next: { manifestCid: second.manifestCid!, manifest: await readManifest(store, second.manifestCid!) },
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// As a script: one submission as JSON on stdout.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(submissionToJson(await makeSubmission({ bytes: Number(process.argv[2] ?? 300_000) })));
}

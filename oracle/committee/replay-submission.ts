// A committee node's run of one submission: open its private key envelope with the node's reader
// key, stream the raw files out of the content store through decryption (each checked against
// the manifest's commitment), and run the node's own pipeline over them against its dedup index.
import type { ReplayOutput } from "../audit/check-replay.ts";
import { nodeSha256, nodeXChaCha20Poly1305 } from "../crypto/files.ts";
import { openSealedFile, type FileCommitment, type Manifest } from "../manifest/index.ts";
import type { PipelineConfig } from "../pipeline/config.ts";
import type { DedupIndex } from "../pipeline/dedup/index.ts";
import type { Report } from "../protocol/report.ts";
import { filteredOutput } from "../pipeline/run/filtered-output.ts";
import { runPipeline } from "../pipeline/run/run.ts";
import type { PipelineWorkers } from "../pipeline/run/workers.ts";
import type { ContentStore } from "../store/index.ts";

export interface NodeReplay extends ReplayOutput {
  /** Packed fingerprints of the accepted documents (what the dedup state commits). */
  accepted: Uint32Array;
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of source) parts.push(p);
  return Buffer.concat(parts);
}

export async function replaySubmission(p: {
  manifest: Manifest;
  store: ContentStore;
  readerPrivateKey: Uint8Array;
  config: PipelineConfig;
  workers: PipelineWorkers;
  index: DedupIndex | null;
}): Promise<NodeReplay> {
  const m = p.manifest;
  if (!m.data.encryption) throw new Error("its data is not encrypted, so it was not made by a program oracle");
  // The raw files and the report (all a re-run reads) open with the private envelope, bound to this submission.
  const key = (await openSealedFile({ store: p.store, manifest: m, file: "raw", privateKey: p.readerPrivateKey, primitives: { sha256: nodeSha256, xchacha: nodeXChaCha20Poly1305 } }))!;
  try {
    const open = (file: FileCommitment) => key.decrypt(file).plaintext;
    const report = JSON.parse((await collect(open(m.data.report))).toString("utf8")) as Report;
    const names = report.submission?.inputs?.map((i) => i.name) ?? [];
    if (names.length !== m.data.raw.length) throw new Error(`the report names ${names.length} inputs, the manifest ${m.data.raw.length}`);
    const filtered = filteredOutput();
    const result = await runPipeline({
      config: p.config,
      inputs: m.data.raw.map((f, i) => ({ name: names[i]!, source: open(f) })),
      output: filtered.output,
      sequence: m.sequence,
      index: p.index,
      workers: p.workers,
    });
    return { report: result.report, ...(await filtered.end()), accepted: result.accepted };
  } finally {
    key.forget();
  }
}

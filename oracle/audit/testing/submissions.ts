// Real submissions for the replay tests: what the oracle does with an upload, done by hand with
// the project's libraries. The pipeline runs over the raw JSONL (dedup state carried across
// submissions), raw data, filtered data and report are encrypted under a fresh data key whose
// envelope lists the auditor's view key, the manifest is written and the committee attests it.
// A test can make the oracle lie: store other raw bytes than it ran, with or without committing to them.
import { createHash } from "node:crypto";
import { PassThrough } from "node:stream";
import type { Address } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import type { ContributionProof } from "../../protocol/contribution.ts";
import { hardhat } from "viem/chains";
import { createKeyEnvelope } from "../../crypto/key-envelope.ts";
import { encryptStream } from "../../crypto/encrypt-stream.ts";
import { generateDataKey } from "../../crypto/stream-format.ts";
import { buildManifest } from "../../manifest/build-manifest.ts";
import { privateKeyContext, submissionKeyContext } from "../../manifest/key-context.ts";
import { writeManifest } from "../../manifest/write-manifest.ts";
import type { PipelineConfig } from "../../pipeline/config.ts";
import { DedupIndex } from "../../pipeline/dedup/index.ts";
import type { Report } from "../../protocol/report.ts";
import { runPipeline } from "../../pipeline/run/run.ts";
import { PipelineWorkers } from "../../pipeline/run/workers.ts";
import { addJson } from "../../store/json.ts";
import { encodeJson } from "../../store/json.ts";
import { after, before } from "node:test";
import { Harness, type Program } from "./harness.ts";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export const jsonl = (texts: readonly string[]) => new TextEncoder().encode(texts.map((text) => JSON.stringify({ text }) + "\n").join(""));

export interface SubmitDataOptions {
  /** Store these raw bytes instead of the ones the pipeline ran over (the oracle lies). */
  storedRaw?: Uint8Array;
  /** With storedRaw: commit to the stored bytes (a consistent lie) instead of the ones run. */
  commitToStored?: boolean;
  /** Claim this many times the tokens the pipeline kept, in the report and the manifest alike (a consistent forgery). */
  inflate?: number;
  /** Store these filtered bytes (sealed like the real ones) but commit to the ones the pipeline wrote. */
  storedFiltered?: Uint8Array;
  /** Name this manifest as the previous one instead of the head of the log. */
  previous?: string | null;
  /** Sign the contribution with this wallet, or carry this signature, instead of the contributor's (a forgery); null: leave it unsigned. */
  signedBy?: PrivateKeyAccount | ContributionProof | null;
}

/** An oracle for one program: its pipeline workers and dedup state. */
export class TestOracle {
  readonly #program: Program;
  readonly #pool: PipelineWorkers;
  readonly #index: DedupIndex | null;
  readonly #config: PipelineConfig;
  readonly viewPublicKey: Uint8Array;

  private constructor(program: Program, pool: PipelineWorkers, config: PipelineConfig, viewPublicKey: Uint8Array) {
    this.#program = program;
    this.#pool = pool;
    this.#config = config;
    this.#index = pool.pipeline.dedup ? new DedupIndex(pool.pipeline.dedup) : null;
    this.viewPublicKey = viewPublicKey;
  }

  /** An oracle for `program`, on workers already started for `config` (shared between tests). */
  static for(program: Program, viewPublicKey: Uint8Array, pool: PipelineWorkers, config: PipelineConfig = {}): TestOracle {
    return new TestOracle(program, pool, config, viewPublicKey);
  }

  get pipelineId(): string {
    return this.#pool.pipeline.id.id;
  }

  async #encrypt(bytes: Uint8Array, dataKey: Uint8Array) {
    const { ciphertext, summary } = encryptStream(bytes, dataKey);
    const cid = (await this.#program.harness.store.add(ciphertext)).toString();
    const { plaintextSha256, plaintextBytes } = await summary;
    return { cid, plaintextSha256, plaintextBytes };
  }

  async submit(contributor: Address, raw: Uint8Array, name: string, options: SubmitDataOptions = {}): Promise<{ cid: string; report: Report }> {
    const program = this.#program;
    const at = program.position(contributor);
    const output = new PassThrough();
    const parts: Buffer[] = [];
    output.on("data", (c: Buffer) => parts.push(c));
    async function* once() {
      yield raw;
    }
    const result = await runPipeline({ config: this.#config, inputs: [{ source: once(), name }], output, sequence: at.sequence, index: this.#index, workers: this.#pool });
    output.end();
    let report = result.report;
    const stored = options.storedRaw ?? raw;
    if (options.commitToStored) {
      report = { ...report, submission: { ...report.submission, inputs: [{ name, bytes: stored.byteLength, sha256: sha(stored) }] } };
    }
    if (options.inflate) report = { ...report, tokens: { ...report.tokens, out: report.tokens.out * options.inflate } };

    // As the oracle seals (oracle/service/seal.ts): one data key for the filtered data, one for the
    // raw files and the report, each in its own envelope under its own context.
    const sharedKey = generateDataKey();
    const privateKey = generateDataKey();
    const rawFile = await this.#encrypt(stored, privateKey);
    const committedRaw = options.commitToStored ? rawFile : { ...rawFile, plaintextSha256: sha(raw), plaintextBytes: raw.byteLength };
    const written = Buffer.concat(parts);
    const sealed = await this.#encrypt(options.storedFiltered ?? written, sharedKey);
    const filtered = options.storedFiltered ? { ...sealed, plaintextSha256: sha(written), plaintextBytes: written.byteLength } : sealed;
    const reportFile = await this.#encrypt(encodeJson(report), privateKey);
    const position = { chainId: hardhat.id, splitter: program.splitter, sequence: at.sequence };
    const readers = [{ role: "auditor" as const, publicKey: this.viewPublicKey }];
    const keys = await addJson(program.harness.store, createKeyEnvelope(sharedKey, readers, submissionKeyContext(position)));
    const privateKeys = await addJson(program.harness.store, createKeyEnvelope(privateKey, readers, privateKeyContext(position)));

    const contribution = await program.contribution(contributor, [committedRaw], options.signedBy);
    const manifest = buildManifest({
      ...(contribution ? { contribution } : {}),
      program: { chainId: hardhat.id, splitter: program.splitter },
      contributor,
      sequence: at.sequence,
      contributorSequence: at.contributorSequence,
      previous: options.previous === undefined ? at.previous : options.previous,
      pipeline: this.#pool.pipeline.id,
      report,
      data: { raw: [committedRaw], filtered, report: reportFile, encryption: { scheme: "1tt/stream@1", keys, privateKeys } },
      previousCumulative: at.previousCumulative,
    });
    const cid = (await writeManifest(program.harness.store, manifest)).toString();
    program.record(manifest, cid);
    await program.attest(manifest, cid);
    return { cid, report };
  }
}

/** A harness and one pipeline worker, started before a test file's tests and closed after them. */
export function replayWorld(): { readonly h: Harness; readonly pool: PipelineWorkers } {
  const world = {} as { h: Harness; pool: PipelineWorkers };
  before(async () => {
    world.h = await Harness.start();
    world.pool = await PipelineWorkers.start({}, 1);
  });
  after(async () => {
    await world.pool?.close();
    await world.h?.close();
  });
  return world;
}

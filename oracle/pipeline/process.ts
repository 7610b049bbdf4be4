// The per-document half of the pipeline: normalize, count, quality blocks, fingerprint, redact,
// count again if the text changed. Pure and deterministic, so it runs in any worker thread; the
// sequential half (dedup decisions, output, report) is in run/run.ts.
import { ConfigError } from "./config-merge.ts";
import { pipelineIdOf, withDefaults, type PipelineConfig, type PipelineId } from "./config.ts";
import { resolveDedupConfig, type DedupConfig } from "./dedup/config.ts";
import { Fingerprinter } from "./dedup/fingerprint.ts";
import { fingerprintWords, packFingerprint } from "./dedup/packed.ts";
import { unitStarts, type PassageQuery } from "./dedup/passages.ts";
import { createQualityBlock, describeBlocks, QUALITY_BLOCKS, type QualityBlock, type QualityBlockName } from "./filter/chain.ts";
import { languageIdentifier } from "./filter/language.ts";
import { Normalize } from "./normalize/normalize.ts";
import { PiiRedact } from "./pii/pii.ts";
import { resolveReaderOptions, type ResolvedReaderOptions } from "./read/options.ts";
import { dedupStep, piiStep, qualityStep, tokensInStep, transformStep } from "./step-blocks.ts";
import { checkStepOrder, DEFAULT_STEPS, emptyStats, enabledOrder, type DocumentState, type Step, type StepName, type StepStats } from "./steps.ts";
import { createTokenCounter, type TokenCounter } from "./tokenize/counter.ts";

export { PIECE_TOO_LONG } from "./step-blocks.ts";
export { fingerprintWords } from "./dedup/packed.ts";

/** What the workers send back for a batch of documents, in the batch's order. */
export interface BatchResult {
  /** The rule that removed each document, or null when it passed every quality block. */
  removedBy: (string | null)[];
  /** Tokens of each document as normalized (before any block changed or removed it). */
  tokensIn: number[];
  /** The text to publish (after line rules and PII redaction); null for removed documents. */
  texts: (string | null)[];
  /** Tokens of `texts[i]`; 0 for removed documents. */
  tokensOut: number[];
  /** Per kept document (in order), fingerprintWords uint32: exact hash, shingle count, signature, band keys, passages. */
  fingerprints: Uint32Array;
  /** Per kept document (in order), its sampled passages by unit, to check containment (empty without dedup). */
  passages: PassageQuery[];
  /**
   * Per kept document (in order), the start of each unit in its published text (`texts[i]`), when
   * the text has as many units as the fingerprinted one: copied units can then be cut from it.
   */
  publishedUnits: (Uint32Array | null)[];
  /** PII redactions per kept document (null when none). */
  pii: (Record<string, number> | null)[];
  /** What each transform did over the whole batch, by transform name. */
  transforms: Record<string, Record<string, number>>;
  /** Each step's statistics over the batch, in step order (time is not part of any output). */
  steps: StepStats[];
}

export interface ResolvedPipeline {
  config: PipelineConfig;
  read: Omit<ResolvedReaderOptions, "tmpDir">;
  dedup: DedupConfig | null;
  /** The steps that run, in order (token counting included). */
  steps: string[];
  id: PipelineId;
}

/** Runs a block's constructor; any error it throws becomes a ConfigError naming the section. */
async function inSection<T>(section: string, build: () => T | Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (e) {
    throw e instanceof ConfigError ? e : new ConfigError(`config.${section}: ${(e as Error).message}`);
  }
}

/** The configured blocks by step name; a step whose section leaves it out is absent. */
interface Blocks {
  normalize: Normalize;
  quality: Map<QualityBlockName, QualityBlock>;
  dedup: Fingerprinter | null;
  pii: PiiRedact | null;
}

function stepOf(name: StepName, blocks: Blocks): Step {
  if (name === "normalize") return transformStep(blocks.normalize);
  if (name === "dedup") return dedupStep(blocks.dedup!);
  if (name === "pii") return piiStep(blocks.pii!);
  return qualityStep(blocks.quality.get(name)!);
}

export class DocumentProcessor {
  readonly pipeline: ResolvedPipeline;
  private readonly steps: Step[];
  private readonly normalizeName: string;
  private readonly counter: TokenCounter;

  private constructor(pipeline: ResolvedPipeline, steps: Step[], normalizeName: string, counter: TokenCounter) {
    this.pipeline = pipeline;
    this.steps = steps;
    this.normalizeName = normalizeName;
    this.counter = counter;
  }

  /** Builds every block from the config; configuration mistakes surface here as ConfigError. */
  static async create(userConfig: PipelineConfig = {}): Promise<DocumentProcessor> {
    const config = withDefaults(userConfig);
    const read = await inSection("read", () => resolveReaderOptions(config.read ?? {}));
    const normalize = await inSection("normalize", () => new Normalize(config.normalize));
    const quality = new Map<QualityBlockName, QualityBlock>();
    for (const name of QUALITY_BLOCKS) {
      const block = await inSection("quality", () => createQualityBlock(name, config.quality));
      if (block) quality.set(name, block);
    }
    const { enabled: piiOn = true, ...piiOptions } = config.pii ?? {};
    const pii = piiOn ? await inSection("pii", () => new PiiRedact(piiOptions)) : null;
    const { enabled: dedupOn = true, ...dedupOptions } = config.dedup ?? {};
    const dedup = dedupOn ? await inSection("dedup", () => resolveDedupConfig(dedupOptions)) : null;
    const encoding = config.tokenizer?.encoding ?? "o200k_base";
    const counter = await inSection("tokenizer", () => createTokenCounter(encoding));
    const { tmpDir: _runtimeOnly, ...readResolved } = read;
    const language = languageIdentifier();

    const enabled = new Set<StepName>(["normalize", ...quality.keys(), ...(dedup ? ["dedup" as const] : []), ...(pii ? ["pii" as const] : [])]);
    const order = enabledOrder(config.steps ? checkStepOrder(config.steps) : DEFAULT_STEPS, enabled);
    const defaultOrder = enabledOrder(DEFAULT_STEPS, enabled);
    const qualityInOrder = order.flatMap((s) => quality.get(s as QualityBlockName) ?? []);
    const resolved = {
      preset: config.preset,
      read: readResolved,
      normalize: normalize.config,
      quality: describeBlocks(qualityInOrder),
      // Hashed only when it differs from the order every earlier pipeline ran, so their ids stay valid.
      ...(order.join() === defaultOrder.join() ? {} : { steps: order }),
      dedup: dedup && { ...dedup, maxDocuments: undefined },
      pii: pii?.config ?? null,
      tokenizer: { encoding },
      libraries: { [language.name]: language.version, unicode: normalize.config.unicode },
    };
    const id = pipelineIdOf(resolved, { encoding, library: counter.library.name, version: counter.library.version });
    const blocks: Blocks = { normalize, quality, dedup: dedup && new Fingerprinter(dedup), pii };
    const steps = order.map((name) => stepOf(name, blocks));
    steps.splice(1, 0, tokensInStep(counter));
    const pipeline: ResolvedPipeline = { config, read: readResolved, dedup, steps: [...steps.map((s) => s.name), "tokens_out"], id };
    return new DocumentProcessor(pipeline, steps, normalize.name, counter);
  }

  /** Runs the steps over a batch of texts, each document until a step removes it. */
  processBatch(texts: readonly string[]): BatchResult {
    const n = texts.length;
    const result: BatchResult = {
      removedBy: new Array(n),
      tokensIn: new Array(n),
      texts: new Array(n),
      tokensOut: new Array(n),
      fingerprints: new Uint32Array(0),
      passages: [],
      publishedUnits: [],
      pii: new Array(n),
      transforms: { [this.normalizeName]: {} },
      steps: emptyStats(this.pipeline.steps),
    };
    const dedup = this.pipeline.dedup;
    const packed = new Uint32Array((dedup ? fingerprintWords(dedup) : 0) * n);
    const stats = result.steps;
    const last = stats[stats.length - 1];
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const doc: DocumentState = { text: texts[i], counted: null, tokensIn: 0, analysis: null, fingerprinted: null, pii: null };
      let removedBy: string | null = null;
      for (let s = 0; s < this.steps.length && removedBy === null; s++) {
        const t0 = performance.now();
        removedBy = this.steps[s].run(doc, result.transforms);
        const st = stats[s];
        st.ms += performance.now() - t0;
        st.documentsIn++;
        if (removedBy === null) st.documentsOut++;
        else st.removed[removedBy] = (st.removed[removedBy] ?? 0) + 1;
      }
      result.tokensIn[i] = doc.tokensIn;
      result.removedBy[i] = removedBy;
      if (removedBy !== null) {
        result.texts[i] = null;
        result.tokensOut[i] = 0;
        result.pii[i] = null;
        continue;
      }
      const t0 = performance.now();
      const { analysis, text } = doc;
      if (analysis && dedup) {
        packFingerprint(packed, kept, analysis.fingerprint, dedup);
        result.passages.push(analysis.query);
        const units = text === doc.fingerprinted ? analysis.query.unitStarts : unitStarts(text);
        result.publishedUnits.push(units.length === analysis.query.unitStarts.length ? units : null);
      }
      kept++;
      result.texts[i] = text;
      result.pii[i] = doc.pii;
      result.tokensOut[i] = text === doc.counted ? doc.tokensIn : this.counter.count(text);
      last.ms += performance.now() - t0;
      last.documentsIn++;
      last.documentsOut++;
    }
    result.fingerprints = packed.slice(0, kept * (dedup ? fingerprintWords(dedup) : 0));
    return result;
  }
}

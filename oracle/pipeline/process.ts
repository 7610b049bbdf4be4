// The per-document half of the pipeline: normalize, count, quality blocks, fingerprint, redact,
// count again if the text changed. Pure and deterministic, so it runs in any worker thread; the
// sequential half (dedup decisions, output, report) is in run/run.ts.
import { ConfigError } from "./config-merge.ts";
import { pipelineIdOf, withDefaults, type PipelineConfig, type PipelineId } from "./config.ts";
import { resolveDedupConfig, type DedupConfig } from "./dedup/config.ts";
import { fillerRule } from "./dedup/filler.ts";
import { Fingerprinter } from "./dedup/fingerprint.ts";
import { unitStarts, type PassageQuery } from "./dedup/passages.ts";
import { createQualityBlocks, describeBlocks, runQuality, type QualityBlock } from "./filter/chain.ts";
import { languageIdentifier } from "./filter/language.ts";
import { Normalize } from "./normalize/normalize.ts";
import { PiiRedact } from "./pii/pii.ts";
import { resolveReaderOptions, type ResolvedReaderOptions } from "./read/options.ts";
import { createTokenCounter, PieceTooLongError, type TokenCounter } from "./tokenize/counter.ts";

/** The rule of a document the counter refuses (one piece over MAX_PIECE_BYTES). */
export const PIECE_TOO_LONG = "tokenizer:piece_too_long";

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
}

export interface ResolvedPipeline {
  config: PipelineConfig;
  read: Omit<ResolvedReaderOptions, "tmpDir">;
  dedup: DedupConfig | null;
  id: PipelineId;
}

/** Words per packed fingerprint: [exactHi, exactLo, shingles, ...signature, ...bandKeys, ...passages]. */
export function fingerprintWords(dedup: DedupConfig): number {
  return 3 + dedup.bands * dedup.rows + dedup.bands + dedup.passageSlots;
}

/** Runs a block's constructor; any error it throws becomes a ConfigError naming the section. */
async function inSection<T>(section: string, build: () => T | Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (e) {
    throw e instanceof ConfigError ? e : new ConfigError(`config.${section}: ${(e as Error).message}`);
  }
}

export class DocumentProcessor {
  readonly pipeline: ResolvedPipeline;
  private readonly normalize: Normalize;
  private readonly quality: QualityBlock[];
  private readonly pii: PiiRedact | null;
  private readonly fingerprinter: Fingerprinter | null;
  private readonly counter: TokenCounter;

  private constructor(
    pipeline: ResolvedPipeline,
    normalize: Normalize,
    quality: QualityBlock[],
    pii: PiiRedact | null,
    fingerprinter: Fingerprinter | null,
    counter: TokenCounter,
  ) {
    this.pipeline = pipeline;
    this.normalize = normalize;
    this.quality = quality;
    this.pii = pii;
    this.fingerprinter = fingerprinter;
    this.counter = counter;
  }

  /** Builds every block from the config; configuration mistakes surface here as ConfigError. */
  static async create(userConfig: PipelineConfig = {}): Promise<DocumentProcessor> {
    const config = withDefaults(userConfig);
    const read = await inSection("read", () => resolveReaderOptions(config.read ?? {}));
    const normalize = await inSection("normalize", () => new Normalize(config.normalize));
    const quality = await inSection("quality", () => createQualityBlocks(config.quality));
    const { enabled: piiOn = true, ...piiOptions } = config.pii ?? {};
    const pii = piiOn ? await inSection("pii", () => new PiiRedact(piiOptions)) : null;
    const { enabled: dedupOn = true, ...dedupOptions } = config.dedup ?? {};
    const dedup = dedupOn ? await inSection("dedup", () => resolveDedupConfig(dedupOptions)) : null;
    const encoding = config.tokenizer?.encoding ?? "o200k_base";
    const counter = await inSection("tokenizer", () => createTokenCounter(encoding));
    const { tmpDir: _runtimeOnly, ...readResolved } = read;
    const language = languageIdentifier();
    const resolved = {
      preset: config.preset,
      read: readResolved,
      normalize: normalize.config,
      quality: describeBlocks(quality),
      dedup: dedup && { ...dedup, maxDocuments: undefined },
      pii: pii?.config ?? null,
      tokenizer: { encoding },
      libraries: { [language.name]: language.version, unicode: normalize.config.unicode },
    };
    const id = pipelineIdOf(resolved, { encoding, library: counter.library.name, version: counter.library.version });
    const pipeline: ResolvedPipeline = { config, read: readResolved, dedup, id };
    return new DocumentProcessor(pipeline, normalize, quality, pii, dedup && new Fingerprinter(dedup), counter);
  }

  /** The document's tokens, or null when one run in it is too long to count (the document is refused). */
  private countOrRefuse(text: string): number | null {
    try {
      return this.counter.count(text);
    } catch (e) {
      if (e instanceof PieceTooLongError) return null;
      throw e;
    }
  }

  /** Runs the per-document blocks over a batch of texts. */
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
      transforms: { [this.normalize.name]: {} },
    };
    const width = this.pipeline.dedup ? fingerprintWords(this.pipeline.dedup) : 0;
    const packed = new Uint32Array(width * n);
    let kept = 0;
    const remove = (i: number, rule: string) => {
      result.removedBy[i] = rule;
      result.texts[i] = null;
      result.tokensOut[i] = 0;
      result.pii[i] = null;
    };
    for (let i = 0; i < n; i++) {
      const normalized = this.normalize.apply(texts[i], result.transforms[this.normalize.name]);
      const tokensIn = this.countOrRefuse(normalized);
      result.tokensIn[i] = tokensIn ?? 0;
      if (tokensIn === null) {
        remove(i, PIECE_TOO_LONG);
        continue;
      }
      const q = runQuality(this.quality, normalized);
      for (const [name, counts] of Object.entries(q.counts)) {
        const into = (result.transforms[name] ??= {});
        for (const [k, v] of Object.entries(counts)) into[k] = (into[k] ?? 0) + v;
      }
      const analysis = q.removedBy === null && this.fingerprinter ? this.fingerprinter.analyze(q.text) : null;
      const removedBy = q.removedBy ?? (analysis && fillerRule(analysis.filler));
      if (removedBy !== null) {
        remove(i, removedBy);
        continue;
      }
      result.removedBy[i] = null;
      if (analysis) {
        const fp = analysis.fingerprint;
        const at = kept * width;
        packed[at] = fp.exact[0];
        packed[at + 1] = fp.exact[1];
        packed[at + 2] = fp.shingles;
        packed.set(fp.signature, at + 3);
        packed.set(fp.bandKeys, at + 3 + fp.signature.length);
        packed.set(fp.passages, at + 3 + fp.signature.length + fp.bandKeys.length);
        result.passages.push(analysis.query);
      }
      kept++;
      let out = q.text;
      let pii: Record<string, number> | null = null;
      if (this.pii) {
        const counts: Record<string, number> = {};
        out = this.pii.apply(q.text, counts);
        if (out !== q.text) pii = counts;
      }
      result.texts[i] = out;
      if (analysis) {
        const units = out === q.text ? analysis.query.unitStarts : unitStarts(out);
        result.publishedUnits.push(units.length === analysis.query.unitStarts.length ? units : null);
      }
      result.pii[i] = pii;
      result.tokensOut[i] = out === normalized ? tokensIn : this.counter.count(out);
    }
    result.fingerprints = packed.slice(0, kept * width);
    return result;
  }
}

// The quality stage in its default order, and a small runner for it (the pipeline's own runner
// may compose the same blocks itself). Order, and why:
//   1. language         first, so a non-English document is reported as such and not as
//                       "too few sentences" (C4 drops lines ending in "。"); cost is constant per
//                       document (one ELD call on 1,000 characters).
//   2. layout           re-flows hard-wrapped paragraphs, so every line rule after it judges
//                       paragraphs (layout.ts).
//   3. c4_lines         the other Transform: every later rule judges the text that will be kept
//                       and paid for.
//   4. c4_quality       substring and sentence-count rules: cheap.
//      data_lines       configuration and data dumps (prose preset).
//      code_quality     The Stack / StarCoder rules (code preset).
//   5. gopher_quality   one word split (shared, see doc-view.ts) and counters.
//   6. fineweb_quality  line scans, reusing the same word split.
//   7. gopher_repetition  paragraph/line/n-gram statistics: the costly part, run only on
//                       documents that survived everything else, reusing the word split.

import type { Filter, Transform } from "../block.ts";
import { C4LineTransform, C4QualityFilter, type C4LinesConfig, type C4QualityConfig } from "./c4.ts";
import type { Overrides } from "./config.ts";
import { FineWebQualityFilter, type FineWebQualityConfig } from "./fineweb-quality.ts";
import { GopherQualityFilter, type GopherQualityConfig } from "./gopher-quality.ts";
import { GopherRepetitionFilter, type GopherRepetitionConfig } from "./gopher-repetition.ts";
import { CodeQualityFilter, type CodeQualityConfig } from "./code-quality.ts";
import { DataLinesFilter, type DataLinesConfig } from "./data-lines.ts";
import { createLanguageFilter, type LanguageConfig } from "./language.ts";
import { createFastTextLanguageFilter, type FastTextLanguageConfig } from "./language-fasttext.ts";
import { LayoutTransform, type LayoutConfig } from "./layout.ts";

export type QualityBlock = Filter | Transform;

export interface QualityConfig {
  /** false leaves a block out of the chain; an object overrides some of its defaults. */
  readonly language?: Overrides<LanguageConfig> | false;
  /** fastText lid.176 as FineWeb runs it; when configured it takes the place of `language` (ELD). */
  readonly fastTextLanguage?: Overrides<FastTextLanguageConfig> | false;
  /** Off unless configured (the presets configure it). */
  readonly layout?: Overrides<LayoutConfig> | false;
  readonly c4Lines?: Overrides<C4LinesConfig> | false;
  readonly c4Quality?: Overrides<C4QualityConfig> | false;
  readonly gopherQuality?: Overrides<GopherQualityConfig> | false;
  readonly fineWebQuality?: Overrides<FineWebQualityConfig> | false;
  readonly gopherRepetition?: Overrides<GopherRepetitionConfig> | false;
  /** Off unless configured. */
  readonly dataLines?: Overrides<DataLinesConfig> | false;
  /** Off unless configured. */
  readonly codeQuality?: Overrides<CodeQualityConfig> | false;
}

/** The blocks a config may name, in chain order. */
export const QUALITY_BLOCKS = [
  "language", "fastTextLanguage", "layout", "c4Lines", "c4Quality", "dataLines", "codeQuality", "gopherQuality", "fineWebQuality", "gopherRepetition",
] as const;

export function isFilter(block: QualityBlock): block is Filter {
  return typeof (block as Filter).check === "function";
}

export type QualityBlockName = (typeof QUALITY_BLOCKS)[number];

const on = <T>(o: Overrides<T> | false | undefined): o is Overrides<T> | undefined => o !== false;
const given = <T>(o: Overrides<T> | false | undefined): o is Overrides<T> => o !== false && o !== undefined;

/** How each block is built from its section; null when the section leaves it out. */
const BUILD: { readonly [K in QualityBlockName]: (c: QualityConfig) => QualityBlock | null | Promise<QualityBlock | null> } = {
  language: (c) => (!given(c.fastTextLanguage) && on(c.language) ? createLanguageFilter(c.language) : null),
  fastTextLanguage: (c) => (given(c.fastTextLanguage) ? createFastTextLanguageFilter(c.fastTextLanguage) : null),
  layout: (c) => (given(c.layout) ? new LayoutTransform(c.layout) : null),
  c4Lines: (c) => (on(c.c4Lines) ? new C4LineTransform(c.c4Lines) : null),
  c4Quality: (c) => (on(c.c4Quality) ? new C4QualityFilter(c.c4Quality) : null),
  dataLines: (c) => (given(c.dataLines) ? new DataLinesFilter(c.dataLines) : null),
  codeQuality: (c) => (given(c.codeQuality) ? new CodeQualityFilter(c.codeQuality) : null),
  gopherQuality: (c) => (on(c.gopherQuality) ? new GopherQualityFilter(c.gopherQuality) : null),
  fineWebQuality: (c) => (on(c.fineWebQuality) ? new FineWebQualityFilter(c.fineWebQuality) : null),
  gopherRepetition: (c) => (on(c.gopherRepetition) ? new GopherRepetitionFilter(c.gopherRepetition) : null),
};

/** One block as its section configures it (published defaults unless overridden), or null when left out. */
export async function createQualityBlock(name: QualityBlockName, config: QualityConfig = {}): Promise<QualityBlock | null> {
  return BUILD[name](config);
}

/** The quality blocks in their default order, each with its published defaults unless overridden. */
export async function createQualityBlocks(config: QualityConfig = {}): Promise<QualityBlock[]> {
  const blocks: QualityBlock[] = [];
  for (const name of QUALITY_BLOCKS) {
    const block = await createQualityBlock(name, config);
    if (block) blocks.push(block);
  }
  return blocks;
}

export interface QualityResult {
  /** The text after the transforms that ran (the input when nothing changed it). */
  text: string;
  /** The rule that removed the document, or null if it was kept. */
  removedBy: string | null;
  /** What the transforms did, by transform name. */
  counts: Record<string, Record<string, number>>;
}

/** Runs the blocks in order; stops at the first filter that removes the document. */
export function runQuality(blocks: readonly QualityBlock[], text: string): QualityResult {
  const counts: Record<string, Record<string, number>> = {};
  for (const block of blocks) {
    if (isFilter(block)) {
      const rule = block.check(text);
      if (rule !== null) return { text, removedBy: rule, counts };
    } else {
      text = block.apply(text, (counts[block.name] ??= {}));
    }
  }
  return { text, removedBy: null, counts };
}

/** Name → resolved config of each block, for hashing into the pipeline id. */
export function describeBlocks(blocks: readonly QualityBlock[]): Array<{ name: string; config: Readonly<Record<string, unknown>> }> {
  return blocks.map((b) => ({ name: b.name, config: b.config as Readonly<Record<string, unknown>> }));
}

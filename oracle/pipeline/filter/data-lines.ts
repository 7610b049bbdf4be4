// Documents that are data, not text: configuration (YAML, INI, .env), JSON, key-value dumps
// left over in a contribution. The reference rules miss them when they are long enough and
// have a few English words: every line is short, but C4's sentence counter and Gopher's word
// rules see enough words. A data line is a "key: value" or "key = value" line whose value is at
// most three words (a line of dialogue or a labelled sentence has more), or a line with no
// letter at all (brackets, numbers, separators).

import type { Filter } from "../block.ts";
import { resolveConfig, type Overrides } from "./config.ts";

export type DataLinesConfig = {
  /** Share of non-blank lines that are data lines at or above this removes the document. */
  readonly maxDataLinesRatio: number | null;
};

export const DATA_LINES_DEFAULTS: DataLinesConfig = Object.freeze({ maxDataLinesRatio: 0.5 });

const NAME = "data_lines";
export const DATA_LINES_RULES = Object.freeze([`${NAME}:key_value_lines`] as const);
const LETTER = /\p{L}/u;
const DATA_LINE = /^\s*(- )?["']?[\w.$@\/-]{1,60}["']?\s*(:(\s|$)|=[^=])/;

export function isDataLine(line: string): boolean {
  if (!LETTER.test(line)) return true;
  if (!DATA_LINE.test(line)) return false;
  const value = line.slice(line.search(/[:=]/) + 1).trim();
  return value.length === 0 || value.split(/\s+/).length <= 3;
}

export class DataLinesFilter implements Filter {
  readonly name = NAME;
  readonly config: DataLinesConfig;
  readonly rules = DATA_LINES_RULES;

  constructor(overrides?: Overrides<DataLinesConfig>) {
    this.config = resolveConfig(NAME, DATA_LINES_DEFAULTS, overrides);
  }

  check(text: string): string | null {
    const max = this.config.maxDataLinesRatio;
    if (max === null) return null;
    let lines = 0;
    let data = 0;
    for (const line of text.split("\n")) {
      if (line.trim().length === 0) continue;
      lines++;
      if (isDataLine(line)) data++;
    }
    return lines > 0 && data / lines >= max ? `${NAME}:key_value_lines` : null;
  }
}

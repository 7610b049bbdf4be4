// Text layout, understood before any line rule runs. C4, Gopher and FineWeb judge lines, and
// their rules were tuned on web text where a line is a paragraph. In plain-text files, e-mail,
// licences and dictionaries a paragraph is hard-wrapped over several lines: judged line by line,
// the last words of a wrapped sentence fall under C4's "fewer than 3 words" rule and a whole
// document falls under FineWeb's line-punctuation ratio. This transform re-flows such paragraphs
// to one line each, so every later rule judges paragraphs, and a paragraph is kept or dropped
// whole, never cut in its middle.
//
// A line break is a wrap (and becomes a space) when all of these hold:
//   - both lines are ordinary text: outside fenced code, not a list item, heading, quote or
//     table row, not a data line ("key: value" with a short value, see data-lines.ts), and the first does not end in
//     a character that opens or ends a statement ({ [ ( ; = \);
//   - the first line is part of a block whose longest line is between `minWidth` and `maxWidth`
//     characters (a wrap width), and it is full: its length plus a space plus the next line's
//     first word exceeds `fullLine` (85%) of that width. A greedy wrapper breaks exactly when
//     the next word would not fit; people wrapping by hand (licences) leave a little slack;
//   - the next line is not indented more than the first (code, quotes, hanging lists);
//   - the first line does not end a sentence, or the next one starts in lower case: a break
//     after a full stop before a capital is left alone (lists of sentences, verse, dialogue).

import type { Transform } from "../block.ts";
import { resolveConfig, type Overrides } from "./config.ts";
import { isDataLine } from "./data-lines.ts";

export type LayoutConfig = {
  /** Re-flow hard-wrapped paragraphs to one line each. */
  readonly unwrap: boolean;
  /** The narrowest and widest line that can be a wrap width. */
  readonly minWidth: number;
  readonly maxWidth: number;
  /** Share of the wrap width a line plus the next word must exceed to count as full. */
  readonly fullLine: number;
};

export const LAYOUT_DEFAULTS: LayoutConfig = Object.freeze({ unwrap: true, minWidth: 40, maxWidth: 120, fullLine: 0.85 });

const FENCE = /^\s*(```|~~~)/;
const STRUCTURED_START = /^\s*([-*+•>#|]|\d{1,3}[.)]\s|[}\])])/;
const OPENS = /[{[(;=\\]$/;
const ENDS_SENTENCE = /[.!?]["'”’)]*$/;

interface Line {
  text: string;
  /** Trimmed length. */
  len: number;
  indent: number;
  /** May take part in a wrapped paragraph. */
  plain: boolean;
}

function describe(text: string, inFence: boolean): Line {
  const trimmed = text.trim();
  const indent = text.length - text.trimStart().length;
  const plain = !inFence && trimmed.length > 0 && !STRUCTURED_START.test(text) && !isDataLine(text);
  return { text, len: trimmed.length, indent, plain };
}

function firstWordLength(text: string): number {
  const t = text.trimStart();
  const space = t.search(/\s/);
  return space === -1 ? t.length : space;
}

export class LayoutTransform implements Transform {
  readonly name = "layout";
  readonly config: LayoutConfig;

  constructor(overrides?: Overrides<LayoutConfig>) {
    this.config = resolveConfig(this.name, LAYOUT_DEFAULTS, overrides);
  }

  apply(text: string, counts: Record<string, number>): string {
    if (!this.config.unwrap || !text.includes("\n")) return text;
    const raw = text.split("\n");
    const lines: Line[] = new Array(raw.length);
    let inFence = false;
    for (let i = 0; i < raw.length; i++) {
      const fence = FENCE.test(raw[i]);
      lines[i] = describe(raw[i], inFence || fence);
      if (fence) inFence = !inFence;
    }
    const out: string[] = [];
    let joined = 0;
    for (let start = 0; start < lines.length; ) {
      let end = start;
      while (end < lines.length && lines[end].len > 0) end++;
      if (end === start) {
        out.push(raw[start]);
        start++;
        continue;
      }
      let width = 0;
      for (let i = start; i < end; i++) if (lines[i].plain && lines[i].len > width) width = lines[i].len;
      const wrapped = width >= this.config.minWidth && width <= this.config.maxWidth;
      let current = raw[start];
      for (let i = start + 1; i < end; i++) {
        const a = lines[i - 1];
        const b = lines[i];
        if (wrapped && this.isWrap(a, b, width)) {
          current = `${current.trimEnd()} ${b.text.trimStart()}`;
          joined++;
        } else {
          out.push(current);
          current = raw[i];
        }
      }
      out.push(current);
      start = end;
    }
    if (joined > 0) counts.unwrapped_lines = (counts.unwrapped_lines ?? 0) + joined;
    return joined > 0 ? out.join("\n") : text;
  }

  private isWrap(a: Line, b: Line, width: number): boolean {
    if (!a.plain || !b.plain || b.indent > a.indent) return false;
    const aText = a.text.trimEnd();
    if (OPENS.test(aText)) return false;
    if (a.len + 1 + firstWordLength(b.text) <= width * this.config.fullLine) return false;
    if (ENDS_SENTENCE.test(aText)) {
      const c = b.text.trimStart().charAt(0);
      return c !== c.toUpperCase() && c === c.toLowerCase();
    }
    return true;
  }
}

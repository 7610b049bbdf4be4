// The "normalize" transform: one canonical form for the same visible text, so that dedup and
// token counts do not depend on how an editor saved a file. Steps run in a fixed order chosen so
// that normalizing twice changes nothing (see README.md for why each step is where it is):
//   1. line breaks  CRLF, CR, NEL, VT, FF, U+2028, U+2029 → "\n"
//   2. control characters removed (C0 but "\t" "\n", DEL, C1)
//   3. invisible characters removed (U+200B, U+2060, U+FEFF, U+00AD, U+180E; not ZWJ/ZWNJ)
//   4. Unicode NFC
//   5. Unicode spaces → " " (NBSP, U+2000–U+200A, U+202F, U+205F; not U+3000)
//   6. trailing whitespace removed at each line end
//   7. runs of blank lines capped
//   8. blank lines at the start and whitespace at the end removed
import type { Transform } from "../block.ts";

export interface NormalizeOptions {
  /** Unicode NFC (canonical composition). Default true. */
  nfc?: boolean;
  /** CRLF, CR, NEL, VT, FF, U+2028 and U+2029 become "\n". Default true. */
  lineEndings?: boolean;
  /** Remove C0 controls but tab and newline, DEL and C1 controls. Default true. */
  controlChars?: boolean;
  /** Remove U+200B, U+2060, U+FEFF (BOM), U+00AD (soft hyphen), U+180E. Default true. */
  invisibleChars?: boolean;
  /** NBSP, U+2000–U+200A, U+202F, U+205F become a plain space. Default true. */
  unicodeSpaces?: boolean;
  /** Remove spaces and tabs (any Zs) at the end of each line. Default true. */
  trailingWhitespace?: boolean;
  /** At most this many consecutive blank lines are kept; null keeps all. Default 1. */
  maxBlankLines?: number | null;
  /** Remove blank lines at the start and all whitespace at the end. Default true. */
  trim?: boolean;
}

export type NormalizeConfig = Required<NormalizeOptions> & {
  /** Unicode version of the runtime's ICU: NFC results depend on it, so it is part of the config. */
  unicode: string;
};

export const DEFAULT_NORMALIZE_OPTIONS: Required<NormalizeOptions> = {
  nfc: true,
  lineEndings: true,
  controlChars: true,
  invisibleChars: true,
  unicodeSpaces: true,
  trailingWhitespace: true,
  maxBlankLines: 1,
  trim: true,
};

/** The Unicode and ICU versions NFC depends on (for the pipeline id). */
export const unicodeVersions = (): { unicode: string; icu: string } => ({
  unicode: process.versions.unicode ?? "unknown",
  icu: process.versions.icu ?? "unknown",
});

const LINE_BREAK = /\r\n?|[\v\f\u0085\u2028\u2029]/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
const INVISIBLE = /[\u00ad\u180e\u200b\u2060\ufeff]/g;
const UNICODE_SPACE = /[\u00a0\u2000-\u200a\u202f\u205f]/g;

/**
 * Tab or a Unicode space separator (General_Category Zs, fixed list: the same on every runtime).
 * Hand-written scans instead of regular expressions like /[ \t]+$/: those backtrack
 * quadratically over a long run of spaces that is not at a line end.
 */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Removes spaces at the end of every line; returns the text and the number of lines changed. */
function stripTrailing(t: string): [string, number] {
  const parts: string[] = [];
  let last = 0;
  let pos = 0;
  for (;;) {
    let end = t.indexOf("\n", pos);
    if (end < 0) end = t.length;
    let e = end;
    while (e > pos && isSpace(t.charCodeAt(e - 1))) e--;
    if (e < end) {
      parts.push(t.slice(last, e));
      last = end;
    }
    if (end === t.length) break;
    pos = end + 1;
  }
  if (parts.length === 0) return [t, 0];
  parts.push(t.slice(last));
  return [parts.join(""), parts.length - 1];
}

/** Removes blank lines at the start and spaces and newlines at the end. */
function trimText(t: string): string {
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x0a) start = i + 1;
    else if (!isSpace(c)) break;
  }
  let end = t.length;
  while (end > start && (t.charCodeAt(end - 1) === 0x0a || isSpace(t.charCodeAt(end - 1)))) end--;
  return start === 0 && end === t.length ? t : t.slice(start, end);
}
/** Text below U+0300 is already NFC: no combining marks, no decomposable sequences to compose. */
const MAY_NEED_NFC = /[^\u0000-\u02ff]/;

/** Replaces every match, adding the number of matches to counts[key]. */
function replaceCounting(text: string, re: RegExp, by: string, counts: Record<string, number>, key: string): string {
  re.lastIndex = 0;
  if (!re.test(text)) return text;
  let n = 0;
  const out = text.replace(re, () => {
    n++;
    return by;
  });
  add(counts, key, n);
  return out;
}

function add(counts: Record<string, number>, key: string, n: number): void {
  if (n > 0) counts[key] = (counts[key] ?? 0) + n;
}

/**
 * A regular expression that matches, in text made only of tab, newline and printable ASCII,
 * everything the slow path would change under this config. No match (and nothing outside that
 * alphabet) means the text is already normalized.
 */
function fastCheck(o: Required<NormalizeOptions>): RegExp {
  const parts = ["[^\\t\\n\\x20-\\x7e]"];
  if (o.trailingWhitespace) parts.push("[\\t ](?:\\n|$)");
  if (o.maxBlankLines !== null) parts.push(`\\n{${o.maxBlankLines + 2},}`);
  if (o.trim) parts.push("^[\\t ]*\\n", "\\s$");
  return new RegExp(parts.join("|"));
}

export class Normalize implements Transform {
  readonly name = "normalize";
  readonly config: Readonly<NormalizeConfig>;
  private readonly options: Required<NormalizeOptions>;
  private readonly needsWork: RegExp;
  private readonly blankRun: RegExp | null;

  constructor(options: NormalizeOptions = {}) {
    const o = { ...DEFAULT_NORMALIZE_OPTIONS, ...options };
    if (o.maxBlankLines !== null && !(Number.isInteger(o.maxBlankLines) && o.maxBlankLines >= 0)) {
      throw new TypeError(`maxBlankLines must be a non-negative integer or null, got ${o.maxBlankLines}`);
    }
    this.options = o;
    this.config = Object.freeze({ ...o, unicode: unicodeVersions().unicode });
    this.needsWork = fastCheck(o);
    this.blankRun = o.maxBlankLines === null ? null : new RegExp(`\\n{${o.maxBlankLines + 2},}`, "g");
  }

  apply(text: string, counts: Record<string, number>): string {
    if (!this.needsWork.test(text)) return text;
    return this.normalizeFully(text, counts);
  }

  /** Every step, without the fast check (exported for tests that compare both paths). */
  normalizeFully(text: string, counts: Record<string, number>): string {
    const o = this.options;
    let t = text;
    if (o.lineEndings) t = replaceCounting(t, LINE_BREAK, "\n", counts, "line_endings");
    if (o.controlChars) t = replaceCounting(t, CONTROL, "", counts, "control_chars");
    if (o.invisibleChars) t = replaceCounting(t, INVISIBLE, "", counts, "invisible_chars");
    if (o.nfc && MAY_NEED_NFC.test(t)) {
      const composed = t.normalize("NFC");
      if (composed !== t) {
        add(counts, "nfc", 1);
        t = composed;
      }
    }
    if (o.unicodeSpaces) t = replaceCounting(t, UNICODE_SPACE, " ", counts, "unicode_spaces");
    if (o.trailingWhitespace) {
      const [stripped, lines] = stripTrailing(t);
      add(counts, "trailing_whitespace", lines);
      t = stripped;
    }
    if (this.blankRun !== null) {
      const keep = "\n".repeat(o.maxBlankLines! + 1);
      let removed = 0;
      this.blankRun.lastIndex = 0;
      if (this.blankRun.test(t)) {
        t = t.replace(this.blankRun, (run) => {
          removed += run.length - keep.length;
          return keep;
        });
      }
      add(counts, "blank_lines", removed);
    }
    if (o.trim) {
      const trimmed = trimText(t);
      if (trimmed !== t) add(counts, "trimmed", 1);
      t = trimmed;
    }
    return t;
  }
}

/** The normalization transform with the given options (defaults above). */
export const createNormalize = (options: NormalizeOptions = {}): Normalize => new Normalize(options);

// tiktoken's pre-tokenizer for any text, as a code point scanner over Unicode 16 class tables.
//
// Why not the regex: V8 keeps one backtracking entry per code point a greedy class loop takes,
// so a run of a few million letters overflows its stack ("Maximum call stack size exceeded")
// and takes the whole submission down. This scanner follows the same pattern (pretokenize.ts
// TIKTOKEN_PATTERNS) with the backtracking worked out by hand, in constant stack, linear time:
// - `UP* LOW+`: UP* takes the longest run; if the next code point is not LOW, UP* gives code
//   points back until LOW+ can start, i.e. the piece ends after the run's last LOW code point;
// - `\s*[\r\n]+` ends after the white-space run's last \r or \n;
// - `\s+(?!\S)` ends one code point before a white-space run that a non-space follows;
// - optional prefixes (`[^\r\n\p{L}\p{N}]?`, ` ?`) are tried taken first, then not.
// The regex stays the specification: the fuzz tests hold this scanner to it and to tiktoken.
import { contractionEnd } from "./pretokenize.ts";
import { parseRanges, TABLES } from "./unicode-classes.ts";

const LETTER = 1;
const NUMBER = 2;
const WHITE = 4;
const UP = 8; // \p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}
const LOW = 16; // \p{Ll}\p{Lm}\p{Lo}\p{M}
const BREAK = 32; // \r or \n

let classes: Uint8Array | null = null;

/** One byte of class bits per code point (1.1 MB, built once per thread). */
function classTable(): Uint8Array {
  if (classes) return classes;
  const t = new Uint8Array(0x110000);
  parseRanges(TABLES.letter, t, LETTER);
  parseRanges(TABLES.number, t, NUMBER);
  parseRanges(TABLES.whiteSpace, t, WHITE);
  parseRanges(TABLES.upperish, t, UP);
  parseRanges(TABLES.lowerish, t, LOW);
  t[10] |= BREAK;
  t[13] |= BREAK;
  classes = t;
  return t;
}

/** Scans pieces of a well-formed string; `end(i)` is where the piece starting at i ends. */
export class PieceScanner {
  private readonly t = classTable();
  private readonly o200k: boolean;
  private text = "";
  private len = 0;

  constructor(o200k: boolean) {
    this.o200k = o200k;
  }

  /** End of the piece that starts at i (< text.length) of a well-formed `text`. */
  end(text: string, i: number): number {
    this.text = text;
    this.len = text.length;
    return this.o200k ? this.o200kPiece(i) : this.cl100kPiece(i);
  }

  private cls(i: number): number {
    return this.t[this.text.codePointAt(i)!];
  }

  private step(i: number): number {
    return this.text.charCodeAt(i) >= 0xd800 && this.text.charCodeAt(i) < 0xdc00 ? i + 2 : i + 1;
  }

  /** End of the longest run of code points having any of `bits`, from i. */
  private run(i: number, bits: number): number {
    while (i < this.len && (this.cls(i) & bits) !== 0) i = this.step(i);
    return i;
  }

  /** `[^\r\n\p{L}\p{N}]` at i? Returns where it ends, or -1. */
  private prefix(i: number): number {
    return (this.cls(i) & (LETTER | NUMBER | BREAK)) === 0 ? this.step(i) : -1;
  }

  /** `UP* LOW+ C?` from i, or -1. */
  private upperThenLower(i: number): number {
    if (i >= this.len) return -1;
    const k = this.run(i, UP);
    if (k < this.len && (this.cls(k) & LOW) !== 0) return contractionEnd(this.text, this.run(k, LOW));
    let lastLow = -1;
    for (let j = i; j < k; j = this.step(j)) if ((this.cls(j) & LOW) !== 0) lastLow = j;
    return lastLow < 0 ? -1 : contractionEnd(this.text, this.step(lastLow));
  }

  /** `UP+ LOW* C?` from i, or -1. */
  private upperRun(i: number): number {
    if (i >= this.len) return -1;
    const k = this.run(i, UP);
    return k === i ? -1 : contractionEnd(this.text, this.run(k, LOW));
  }

  /** Tries `[^\r\n\p{L}\p{N}]? X` with the prefix taken first. */
  private withPrefix(i: number, x: (at: number) => number): number {
    const p = this.prefix(i);
    if (p >= 0) {
      const e = x.call(this, p);
      if (e >= 0) return e;
    }
    return x.call(this, i);
  }

  /** ` ?[^\s\p{L}\p{N}]+` then `[\r\n/]*` (o200k) or `[\r\n]*`, or -1. */
  private punctuation(i: number): number {
    const other = (at: number) => at < this.len && (this.cls(at) & (WHITE | LETTER | NUMBER)) === 0;
    let s = i;
    if (this.text.charCodeAt(i) === 32 && other(i + 1)) s = i + 1;
    else if (!other(i)) return -1;
    let e = s;
    while (other(e)) e = this.step(e);
    for (;;) {
      const c = this.text.charCodeAt(e);
      if (e < this.len && (c === 10 || c === 13 || (this.o200k && c === 47))) e++;
      else return e;
    }
  }

  /** `\s*[\r\n]+ | \s+(?!\S) | \s+` from i (text[i] is white space). */
  private whiteSpace(i: number): number {
    let lastBreak = -1;
    let e = i;
    let before = i;
    while (e < this.len) {
      const c = this.cls(e);
      if ((c & WHITE) === 0) break;
      if ((c & BREAK) !== 0) lastBreak = e;
      before = e;
      e = this.step(e);
    }
    if (lastBreak >= 0) return lastBreak + 1;
    if (e === this.len || before === i) return e;
    return before;
  }

  private digits(i: number): number {
    let e = i;
    for (let n = 0; n < 3 && e < this.len && (this.cls(e) & NUMBER) !== 0; n++) e = this.step(e);
    return e;
  }

  private o200kPiece(i: number): number {
    let e = this.withPrefix(i, this.upperThenLower);
    if (e < 0) e = this.withPrefix(i, this.upperRun);
    return e >= 0 ? e : this.tail(i);
  }

  private cl100kPiece(i: number): number {
    const c = contractionEnd(this.text, i);
    if (c > i) return c;
    const p = this.prefix(i);
    if (p >= 0 && p < this.len && (this.cls(p) & LETTER) !== 0) return this.run(p, LETTER);
    if ((this.cls(i) & LETTER) !== 0) return this.run(i, LETTER);
    return this.tail(i);
  }

  /** The alternatives both patterns end with: numbers, punctuation, white space. */
  private tail(i: number): number {
    if ((this.cls(i) & NUMBER) !== 0) return this.digits(i);
    const p = this.punctuation(i);
    if (p >= 0) return p;
    return this.whiteSpace(i);
  }
}

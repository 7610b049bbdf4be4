// The five character classes of tiktoken's patterns, pinned to Unicode 16 (the tables tiktoken
// 1.0.22's core was built with), as compact JavaScript regex class expressions.
//
// The running Node's `\p{…}` follows its ICU (Unicode 16 in Node 22.13, 17 in 22.23), and
// characters added since would split pieces differently. Spelling every class out as ranges is
// exact but makes a ~30 kB pattern that V8 runs ten times slower, so each class is written as
// the runtime property corrected by the few code points where the runtime and Unicode 16
// disagree: `[[\p{L}--[extra]][missing]]` (regex `v` flag). The corrections for the Unicode
// version of the Node that ran the generator are stored; for any other version they are computed
// once, on first use (a few hundred ms).
import { LETTER, LOWERISH, NUMBER, RUNTIME_CORRECTIONS, UPPERISH, WHITE_SPACE } from "./unicode16.ts";

export type ClassName = "letter" | "number" | "upperish" | "lowerish" | "whiteSpace";

export const TABLES: Record<ClassName, string> = {
  letter: LETTER,
  number: NUMBER,
  upperish: UPPERISH,
  lowerish: LOWERISH,
  whiteSpace: WHITE_SPACE,
};

/** The runtime property each class is built from. */
export const PROPERTIES: Record<ClassName, string> = {
  letter: String.raw`\p{L}`,
  number: String.raw`\p{N}`,
  upperish: String.raw`\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}`,
  lowerish: String.raw`\p{Ll}\p{Lm}\p{Lo}\p{M}`,
  whiteSpace: String.raw`\p{White_Space}`,
};

export interface Correction {
  /** Code point ranges the runtime property has and Unicode 16 does not. */
  extra: string;
  /** Code point ranges Unicode 16 has and the runtime property does not. */
  missing: string;
}

const MAX = 0x110000;

/** Sets `value` (default 1) at every code point of a ranges list ("41-5a,61"). */
export function parseRanges(list: string, into: Uint8Array, value = 1): void {
  if (list === "") return;
  for (const r of list.split(",")) {
    const [a, b] = r.split("-").map((x) => parseInt(x, 16));
    for (let cp = a; cp <= (b ?? a); cp++) into[cp] |= value;
  }
}

function formatRanges(want: (cp: number) => boolean): string {
  const out: string[] = [];
  for (let cp = 0; cp < MAX; cp++) {
    if (!want(cp)) continue;
    let end = cp;
    while (end + 1 < MAX && want(end + 1)) end++;
    out.push(cp === end ? cp.toString(16) : `${cp.toString(16)}-${end.toString(16)}`);
    cp = end;
  }
  return out.join(",");
}

let allScalars: string[] | null = null;

/** Every Unicode scalar value in order, as two strings (below and above the surrogates). */
function scalars(): string[] {
  if (allScalars) return allScalars;
  const chunk = (from: number, to: number): string => {
    const parts: string[] = [];
    for (let c = from; c < to; c += 4096) {
      const cps: number[] = [];
      for (let k = c; k < Math.min(c + 4096, to); k++) cps.push(k);
      parts.push(String.fromCodePoint(...cps));
    }
    return parts.join("");
  };
  allScalars = [chunk(0, 0xd800), chunk(0xe000, MAX)];
  return allScalars;
}

/** Where the running engine's property and the Unicode 16 table disagree. */
export function computeCorrection(name: ClassName): Correction {
  const runtime = new Uint8Array(MAX);
  const re = new RegExp(`[${PROPERTIES[name]}]+`, "gv");
  for (const s of scalars()) {
    for (const m of s.matchAll(re)) {
      const run = m[0];
      const lastUnit = run.charCodeAt(run.length - 1);
      const lastAt = lastUnit >= 0xdc00 && lastUnit < 0xe000 ? run.length - 2 : run.length - 1;
      runtime.fill(1, run.codePointAt(0)!, run.codePointAt(lastAt)! + 1);
    }
  }
  const table = new Uint8Array(MAX);
  parseRanges(TABLES[name], table);
  return {
    extra: formatRanges((cp) => runtime[cp] === 1 && table[cp] === 0),
    missing: formatRanges((cp) => runtime[cp] === 0 && table[cp] === 1),
  };
}

/** "41-5a,61" -> "\u{41}-\u{5a}\u{61}" (inside a class). */
export function rangesToClassBody(list: string): string {
  if (list === "") return "";
  return list
    .split(",")
    .map((r) =>
      r
        .split("-")
        .map((cp) => `\\u{${cp}}`)
        .join("-"),
    )
    .join("");
}

const corrections = new Map<ClassName, Correction>();

/** The correction for this runtime: stored for known Unicode versions, else computed once. */
export function correctionFor(name: ClassName, unicodeVersion: string = process.versions.unicode ?? ""): Correction {
  const stored = RUNTIME_CORRECTIONS[unicodeVersion]?.[name];
  if (stored) return stored;
  let c = corrections.get(name);
  if (!c) {
    c = computeCorrection(name);
    corrections.set(name, c);
  }
  return c;
}

/** A `v`-mode class operand (nested class) matching exactly the Unicode 16 class. */
export function classExpr(name: ClassName): string {
  const { extra, missing } = correctionFor(name);
  let expr = extra === "" ? `[${PROPERTIES[name]}]` : `[[${PROPERTIES[name]}]--[${rangesToClassBody(extra)}]]`;
  if (missing !== "") expr = `[${expr}[${rangesToClassBody(missing)}]]`;
  return expr;
}

// tiktoken (WASM) as the reference the tests compare with. Never hard-coded counts.
import { createRequire } from "node:module";
import type { EncodingName } from "./ranks.ts";

const require = createRequire(import.meta.url);
const tiktoken = require("tiktoken") as typeof import("tiktoken");

const encoders = new Map<EncodingName, ReturnType<typeof tiktoken.get_encoding>>();

/** tiktoken's ordinary encoding length: the number the pipeline must reproduce. */
export function referenceCount(encoding: EncodingName, text: string): number {
  let enc = encoders.get(encoding);
  if (!enc) {
    enc = tiktoken.get_encoding(encoding);
    encoders.set(encoding, enc);
  }
  return enc.encode_ordinary(text).length;
}

/** `encode(text, [], [])`: no special token allowed, none disallowed. Must equal the above. */
export function referenceEncodeNoSpecials(encoding: EncodingName, text: string): number {
  referenceCount(encoding, "");
  return encoders.get(encoding)!.encode(text, [], []).length;
}

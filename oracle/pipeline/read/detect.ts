// Which format and compression an input has: named by its extension, confirmed by its first bytes.
// A name that disagrees with the bytes is an error, never silently "fixed": the same bytes under
// the same name must give the same result on every machine, and a wrong name usually means a
// wrong upload.
import { open } from "node:fs/promises";
import { ReaderError } from "./errors.ts";

export type Format = "jsonl" | "text" | "csv" | "tsv" | "parquet";
export type Compression = "none" | "gzip" | "zstd";

export interface DetectedFormat {
  format: Format;
  compression: Compression;
}

const FORMAT_BY_EXTENSION: Record<string, Format> = {
  jsonl: "jsonl",
  ndjson: "jsonl",
  txt: "text",
  text: "text",
  md: "text",
  csv: "csv",
  tsv: "tsv",
  parquet: "parquet",
  pq: "parquet",
};

const COMPRESSION_BY_EXTENSION: Record<string, Compression> = {
  gz: "gzip",
  gzip: "gzip",
  zst: "zstd",
  zstd: "zstd",
};

/** Bytes needed by `sniff`. */
export const MAGIC_LENGTH = 4;

/** What the first bytes say: a compression, Parquet, or nothing in particular. */
export function sniff(head: Uint8Array): Compression | "parquet" | "plain" {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    return "zstd";
  }
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) {
    return "parquet"; // "PAR1"
  }
  return "plain";
}

const hex = (head: Uint8Array): string =>
  Array.from(head.subarray(0, MAGIC_LENGTH), (b) => b.toString(16).padStart(2, "0")).join(" ") || "(empty)";

const SUPPORTED = ".jsonl/.ndjson, .txt/.md, .csv/.tsv, .parquet, each optionally .gz or .zst";

/**
 * Format and compression from a file name alone (no bytes read). `forced` overrides the format
 * part of the name (the compression is still taken from the name).
 */
export function formatFromName(name: string, forced?: Format): DetectedFormat {
  const parts = name.toLowerCase().split("/").pop()!.split(".");
  let compression: Compression = "none";
  if (parts.length > 1 && COMPRESSION_BY_EXTENSION[parts[parts.length - 1]]) {
    compression = COMPRESSION_BY_EXTENSION[parts.pop()!];
  }
  const format = forced ?? (parts.length > 1 ? FORMAT_BY_EXTENSION[parts[parts.length - 1]] : undefined);
  if (!format) {
    throw new ReaderError(
      "unknown_format",
      name,
      "cannot tell the format from the file name.",
      `Name it with one of ${SUPPORTED}, or set the reader's format option.`,
    );
  }
  return { format, compression };
}

/**
 * Checks the name against the first bytes of the (still compressed) input and returns the
 * detected format. Throws ReaderError("extension_mismatch") when they disagree.
 */
export function checkMagic(name: string, detected: DetectedFormat, head: Uint8Array): DetectedFormat {
  const seen = sniff(head);
  const mismatch = (what: string, hint: string): never => {
    throw new ReaderError("extension_mismatch", name, `${what} (first bytes: ${hex(head)}).`, hint);
  };
  if (detected.compression === "none") {
    if (seen === "gzip" || seen === "zstd") {
      mismatch(`is ${seen}-compressed but its name has no .${seen === "gzip" ? "gz" : "zst"} extension`,
        `Add the extension (e.g. ${name}.${seen === "gzip" ? "gz" : "zst"}) or upload it uncompressed.`);
    }
    checkInner(name, detected.format, head);
  } else if (seen !== detected.compression) {
    mismatch(`is named as ${detected.compression}-compressed but is not`,
      "Remove the compression extension if the file is not compressed, or compress it with that tool.");
  }
  return detected;
}

/** Checks the (decompressed) first bytes against the format. */
export function checkInner(name: string, format: Format, head: Uint8Array): void {
  const seen = sniff(head);
  if (format === "parquet" && seen !== "parquet" && head.length > 0) {
    throw new ReaderError("extension_mismatch", name, `is named as Parquet but does not start with "PAR1" (first bytes: ${hex(head)}).`,
      "Check that the file is a Parquet file, or rename it to what it is.");
  }
  if (format !== "parquet" && seen !== "plain") {
    throw new ReaderError("extension_mismatch", name, `is named as ${format} but its content is ${seen === "parquet" ? "Parquet" : `${seen}-compressed`} (first bytes: ${hex(head)}).`,
      seen === "parquet" ? "Rename it to .parquet." : "Decompress it once more, or name it with every compression extension it has.");
  }
}

/** Reads the first bytes of a file and returns its checked format. */
export async function detectFormat(path: string, displayName: string = path, forced?: Format): Promise<DetectedFormat> {
  const detected = formatFromName(displayName, forced);
  const handle = await open(path, "r");
  try {
    const head = new Uint8Array(MAGIC_LENGTH);
    const { bytesRead } = await handle.read(head, 0, MAGIC_LENGTH, 0);
    return checkMagic(displayName, detected, head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

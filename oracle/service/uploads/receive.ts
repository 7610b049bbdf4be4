// Receives one uploaded file: streamed to disk while hashed, never held whole in memory.
// Checked on the way, so a bad upload is refused before any job exists:
// - the total size limit, enforced as the bytes arrive (the rest is not read);
// - the format named by the file name and confirmed by the first bytes (the pipeline's own
//   detection, so the job would read it the same way);
// - a compressed file is inflated alongside (output counted, then dropped) to refuse a
//   decompression bomb: too many bytes out, or too high a ratio once past a floor. The job
//   later reads the very same bytes (their sha256 is checked), so the guard holds for it too;
// - an empty file, and a file that is binary rather than text (NUL bytes in its first 8 KiB).
import { createHash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { createGunzip, createZstdDecompress, type Gunzip, type ZstdDecompress } from "node:zlib";
import { ReaderError, formatFromName, type DetectedFormat } from "../../pipeline/read/index.ts";
import { checkInner, checkMagic, MAGIC_LENGTH } from "../../pipeline/read/detect.ts";
import type { UploadLimits } from "../config.ts";
import { ApiError } from "../errors.ts";

const HEAD_BYTES = 8192;

export interface ReceivedFile {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
}

const mib = (n: number) => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MiB`;
const readable = (n: number) => (n >= 1048576 ? mib(n) : `${n} bytes`);

/** Refusal for an upload over the size limit. */
export function tooLarge(limit: number): ApiError {
  return new ApiError(413, "upload_too_large", `the upload is larger than this oracle accepts (${readable(limit)} in all, every file together).`,
    "Split the data into several uploads under the limit, or compress it (.gz or .zst).");
}

/** The format of a file from its name; a name the pipeline cannot read is refused (415). */
export function formatOf(name: string): DetectedFormat {
  try {
    return formatFromName(name);
  } catch (e) {
    if (e instanceof ReaderError) throw new ApiError(415, e.code, `${name}: cannot tell the format from the file name.`, e.hint);
    throw e;
  }
}

/**
 * A file name safe to show and record: the last path segment, printable, bounded, in Unicode
 * NFC (so café.jsonl is one name however the client's system spells it), without the
 * direction controls that make `report‮lsonj.exe` read as something else.
 */
export function cleanName(raw: string | undefined): string {
  const base = (raw ?? "").normalize("NFC").split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  if (base === "" || base === "." || base === "..") {
    throw new ApiError(400, "missing_file_name", "a file in the upload has no name.", "Send each file with a file name that ends in its format, e.g. data.jsonl or data.csv.gz.");
  }
  if (base.length > 255) throw new ApiError(400, "file_name_too_long", "a file name is longer than 255 characters.", "Rename the file.");
  return base;
}

/** Counts what a compressed stream inflates to, and keeps its first bytes. */
class InflateGuard {
  readonly head: Buffer[] = [];
  #headBytes = 0;
  out = 0;
  #in = 0;
  #failed: ApiError | null = null;
  #broken = false;
  readonly #inflater: Gunzip | ZstdDecompress;
  readonly #name: string;
  readonly #limits: UploadLimits;

  constructor(name: string, compression: "gzip" | "zstd", limits: UploadLimits) {
    this.#name = name;
    this.#limits = limits;
    this.#inflater = compression === "gzip" ? createGunzip({ chunkSize: 64 * 1024 }) : createZstdDecompress({ chunkSize: 64 * 1024 });
    this.#inflater.on("data", (chunk: Buffer) => this.#count(chunk));
    // Damaged compressed data is not refused here: the pipeline keeps what comes before the
    // damage and reports the rest, and this guard only has to bound what comes out.
    this.#inflater.on("error", () => (this.#broken = true));
  }

  #count(chunk: Buffer): void {
    if (this.#failed) return;
    if (this.#headBytes < HEAD_BYTES) {
      this.head.push(chunk.subarray(0, HEAD_BYTES - this.#headBytes));
      this.#headBytes += Math.min(chunk.length, HEAD_BYTES - this.#headBytes);
    }
    this.out += chunk.length;
    const l = this.#limits;
    const ratio = this.out / Math.max(this.#in, 1);
    if (this.out > l.maxDecompressedBytes || (this.out > l.ratioFloorBytes && ratio > l.maxCompressionRatio)) {
      this.#failed = new ApiError(413, "decompression_limit",
        `${this.#name} expands to more than ${this.out > l.maxDecompressedBytes ? readable(l.maxDecompressedBytes) : `${l.maxCompressionRatio} times its compressed size`} ` +
          `when decompressed; it looks like a decompression bomb and was refused.`,
        "Upload real data; if it is, split it into smaller files or upload it uncompressed.");
      this.#inflater.destroy();
    }
  }

  async push(chunk: Buffer): Promise<void> {
    this.#in += chunk.length;
    if (this.#failed) throw this.#failed;
    if (this.#broken) return;
    if (!this.#inflater.write(chunk)) await Promise.race([once(this.#inflater, "drain"), once(this.#inflater, "close")]);
    if (this.#failed) throw this.#failed;
  }

  async end(): Promise<void> {
    if (this.#failed) throw this.#failed;
    if (!this.#broken && !this.#inflater.destroyed) {
      this.#inflater.end();
      await Promise.race([once(this.#inflater, "end"), once(this.#inflater, "close")]).catch(() => {});
    }
    if (this.#failed) throw this.#failed;
  }

  destroy(): void {
    this.#inflater.destroy();
  }
}

const binary = (name: string) =>
  new ApiError(422, "binary_file", `${name} is a binary file, not text (it contains NUL bytes).`,
    "Upload text: JSON Lines, plain text, CSV/TSV or Parquet, as UTF-8, optionally .gz or .zst compressed.");

/**
 * Streams `source` into `path`. `budget` is how many bytes the upload may still use; going
 * over it throws 413 at once. On any error the partly written file is the caller's to remove.
 */
export async function receiveFile(source: Readable & { truncated?: boolean }, path: string, name: string, budget: number, limits: UploadLimits, onBytes?: (n: number) => void): Promise<ReceivedFile> {
  const detected = formatOf(name);
  const hash = createHash("sha256");
  const out: WriteStream = createWriteStream(path, { flags: "wx" });
  const guard = detected.compression === "none" ? null : new InflateGuard(name, detected.compression, limits);
  const head: Buffer[] = [];
  let headBytes = 0;
  let bytes = 0;
  let outError: Error | null = null;
  out.on("error", (e) => (outError = e));
  try {
    for await (const piece of source) {
      const chunk = piece as Buffer;
      bytes += chunk.length;
      if (bytes > budget) throw tooLarge(limits.maxBytes);
      onBytes?.(chunk.length);
      hash.update(chunk);
      if (headBytes < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
        headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
      }
      if (!out.write(chunk)) await once(out, "drain");
      if (outError) throw outError;
      if (guard) await guard.push(chunk);
    }
    if (source.truncated) throw tooLarge(limits.maxBytes);
    if (guard) await guard.end();
    out.end();
    await once(out, "close");
    if (outError) throw outError;
  } catch (e) {
    out.destroy();
    guard?.destroy();
    throw e;
  }

  if (bytes === 0) {
    throw new ApiError(422, "empty_file", `${name} is empty (0 bytes).`, "Upload a file with at least one non-empty text.");
  }
  const raw = Buffer.concat(head);
  const inner = guard ? Buffer.concat(guard.head) : raw;
  try {
    checkMagic(name, detected, raw.subarray(0, MAGIC_LENGTH));
    if (guard) checkInner(name, detected.format, inner.subarray(0, MAGIC_LENGTH));
  } catch (e) {
    // At the door every reader error is a file whose bytes are not of the type its name says.
    if (e instanceof ReaderError) throw new ApiError(415, e.code, e.shortMessage, e.hint);
    throw e;
  }
  if (guard && guard.out === 0) {
    throw new ApiError(422, "empty_file", `${name} decompresses to nothing (0 bytes).`, "Upload a file with at least one non-empty text.");
  }
  if (detected.format !== "parquet" && inner.includes(0)) throw binary(name);
  return { name, path, sha256: hash.digest("hex"), bytes };
}

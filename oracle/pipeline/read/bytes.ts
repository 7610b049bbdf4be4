// Bytes in: a file or a stream, counted for progress, decompressed when the name says so.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createZstdDecompress } from "node:zlib";
import type { ReaderSink } from "../block.ts";
import type { Compression } from "./detect.ts";

export type ByteSource = string | AsyncIterable<Uint8Array>;

const toBuffer = (c: Uint8Array): Buffer =>
  Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);

/** The raw (possibly compressed) bytes of a source, each chunk counted into sink.bytes. */
export async function* rawChunks(source: ByteSource, sink: ReaderSink): AsyncGenerator<Buffer> {
  const iterable: AsyncIterable<Uint8Array> =
    typeof source === "string" ? createReadStream(source, { highWaterMark: 256 * 1024 }) : source;
  for await (const chunk of iterable) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : toBuffer(chunk);
    if (buf.length === 0) continue;
    sink.bytes(buf.length);
    yield buf;
  }
}

/**
 * The first `n` bytes (fewer if the input is shorter) and an iterable that yields all bytes,
 * those included.
 */
export async function peek(chunks: AsyncIterable<Buffer>, n: number): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const it = chunks[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    seen.push(r.value);
    length += r.value.length;
  }
  const head = Buffer.concat(seen).subarray(0, n);
  async function* all(): AsyncGenerator<Buffer> {
    yield* seen;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, all: all() };
}

/**
 * Cuts the input into fixed-size pieces, so that a decompressor sees the same writes whatever
 * the source's own chunking (a file, an HTTP upload): what it emits before a corrupt spot is
 * then the same on every run and machine.
 */
export async function* rechunk(chunks: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    let c = chunk;
    while (length + c.length >= size) {
      const take = size - length;
      pending.push(c.subarray(0, take));
      yield pending.length === 1 ? pending[0] : Buffer.concat(pending, size);
      pending = [];
      length = 0;
      c = c.subarray(take);
    }
    if (c.length > 0) {
      pending.push(c);
      length += c.length;
    }
  }
  if (length > 0) yield Buffer.concat(pending, length);
}

/** Thrown by `decompress` when the compressed data is corrupt or truncated. */
export class CorruptInput extends Error {
  override readonly name = "CorruptInput";
}

const PIECE = 64 * 1024;

/** The decompressed bytes of a compressed input (the input itself when `compression` is "none"). */
export async function* decompress(chunks: AsyncIterable<Buffer>, compression: Compression): AsyncGenerator<Buffer> {
  if (compression === "none") {
    yield* chunks;
    return;
  }
  const inflater = compression === "gzip" ? createGunzip({ chunkSize: PIECE }) : createZstdDecompress({ chunkSize: PIECE });
  const source = Readable.from(rechunk(chunks, PIECE));
  // The source's own errors (a failed read) pass through unchanged; the decompressor's become CorruptInput.
  let sourceError: unknown = null;
  source.on("error", (e) => (sourceError = e));
  source.pipe(inflater);
  source.on("error", (e) => inflater.destroy(e));
  try {
    for await (const out of inflater) yield out as Buffer;
  } catch (e) {
    if (sourceError !== null) throw sourceError;
    throw new CorruptInput(`${compression} data is corrupt or truncated (${(e as Error).message})`);
  } finally {
    source.destroy();
    inflater.destroy();
  }
}

/** Writes the bytes to a fresh temporary file; `cleanup` removes it. */
export async function spool(chunks: AsyncIterable<Buffer>, dir: string | undefined): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const folder = await mkdtemp(join(dir ?? tmpdir(), "1tt-read-"));
  const path = join(folder, "input.parquet");
  const cleanup = () => rm(folder, { recursive: true, force: true });
  try {
    await pipeline(Readable.from(chunks), createWriteStream(path));
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { path, cleanup };
}

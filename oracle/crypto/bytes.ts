// Byte helpers shared by the module. Runs in Node and in browsers: no node: imports.
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";

/** What the streaming functions accept: the same shapes as the content store's `add`. */
export type ByteSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** A 0x-prefixed hex string, as viem and the chain use. */
export type Hex = `0x${string}`;

/** `length` bytes from the platform CSPRNG (crypto.getRandomValues, Node ≥ 19 and browsers). */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let at = 0; at < length; at += 65536) globalThis.crypto.getRandomValues(out.subarray(at, at + 65536));
  return out;
}

/** Source of randomness; tests inject a deterministic one, production uses `randomBytes`. */
export type RandomSource = (length: number) => Uint8Array;

/** An incremental sha256, as both @noble/hashes and node:crypto's createHash("sha256") provide. */
export interface Sha256Hasher {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}
/** Makes a fresh Sha256Hasher; files.ts passes node:crypto's (native, several times faster). */
export type Sha256Factory = () => Sha256Hasher;

/**
 * An XChaCha20-Poly1305 implementation: @noble/ciphers' `xchacha20poly1305` by default (runs
 * anywhere); in Node, files.ts's `nodeXChaCha20Poly1305` (native ChaCha20-Poly1305) gives the same
 * bytes several times faster. `decrypt` throws when the tag does not authenticate.
 */
export type XChaChaFactory = (
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
) => { encrypt(plaintext: Uint8Array, output?: Uint8Array): Uint8Array; decrypt(sealed: Uint8Array): Uint8Array };

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** Equality whose time depends only on the lengths, for comparing MACs and key checks. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export const toHex = (bytes: Uint8Array): Hex => `0x${bytesToHex(bytes)}`;
export const toPlainHex = (bytes: Uint8Array): string => bytesToHex(bytes);

/** Parses 0x-hex (or plain hex) of exactly `length` bytes; null when it is not that. */
export function parseHex(value: unknown, length?: number): Uint8Array | null {
  if (typeof value !== "string") return null;
  const digits = value.startsWith("0x") ? value.slice(2) : value;
  if (!/^[0-9a-fA-F]*$/.test(digits) || digits.length % 2 !== 0) return null;
  if (length !== undefined && digits.length !== length * 2) return null;
  return hexToBytes(digits);
}

/** Accepts bytes or hex for a key of `length` bytes; throws a TypeError naming `what` otherwise. */
export function keyBytes(value: Uint8Array | string, length: number, what: string): Uint8Array {
  const bytes = typeof value === "string" ? parseHex(value, length) : value;
  if (!(bytes instanceof Uint8Array) || bytes.byteLength !== length) {
    throw new TypeError(`${what} must be ${length} bytes (a Uint8Array or 0x-hex), got ${describe(value)}.`);
  }
  return bytes;
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  if (typeof value === "string") return `a string of ${value.length} characters`;
  return typeof value;
}

/** Iterates any ByteSource as an async stream, checking every piece is bytes. */
export async function* pieces(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const piece of source as AsyncIterable<Uint8Array>) {
    if (!(piece instanceof Uint8Array)) throw new TypeError(`Expected a stream of Uint8Array, got ${typeof piece}.`);
    if (piece.byteLength > 0) yield piece;
  }
}

/**
 * Reads exact byte counts from a stream of arbitrary pieces, holding at most one piece plus the
 * bytes asked for. A read that fits inside the current piece returns a view, not a copy; the view
 * is valid until the next read.
 */
export class ByteReader {
  readonly #source: AsyncIterator<Uint8Array>;
  #piece: Uint8Array = new Uint8Array(0);
  #done = false;
  /** Bytes handed out so far. */
  consumed = 0;

  constructor(source: ByteSource) {
    this.#source = pieces(source)[Symbol.asyncIterator]();
  }

  /** Exactly `length` bytes, or fewer when the stream ends first. */
  async read(length: number): Promise<Uint8Array> {
    if (this.#piece.byteLength === 0) await this.#next();
    if (this.#piece.byteLength >= length) return this.#take(length);
    // Spans pieces: gather into one buffer.
    const out = new Uint8Array(length);
    let at = 0;
    while (at < length) {
      if (this.#piece.byteLength === 0 && !(await this.#next())) return out.subarray(0, at);
      const part = this.#take(Math.min(length - at, this.#piece.byteLength));
      out.set(part, at);
      at += part.byteLength;
    }
    return out;
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return this.#piece.byteLength === 0 && !(await this.#next());
  }

  /** Counts and discards the rest of the stream, up to `limit` bytes. */
  async skipRest(limit: number): Promise<number> {
    let skipped = this.#piece.byteLength;
    this.#piece = new Uint8Array(0);
    while (skipped < limit && (await this.#next())) {
      skipped += this.#piece.byteLength;
      this.#piece = new Uint8Array(0);
    }
    return skipped;
  }

  async close(): Promise<void> {
    if (!this.#done) {
      this.#done = true;
      await this.#source.return?.();
    }
  }

  #take(length: number): Uint8Array {
    const part = this.#piece.subarray(0, length);
    this.#piece = this.#piece.subarray(length);
    this.consumed += length;
    return part;
  }

  async #next(): Promise<boolean> {
    if (this.#done) return false;
    const { value, done } = await this.#source.next();
    if (done) {
      this.#done = true;
      return false;
    }
    this.#piece = value;
    return true;
  }
}

// One shape for every byte source the store accepts.

export type ByteSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Largest piece handed on at once; a big Uint8Array is cut into views, never copied. */
const PIECE = 1 << 20;

/**
 * The source as an async stream of non-empty pieces of at most 1 MiB, except that an empty
 * source yields one empty piece (so every consumer sees a file, even of zero bytes).
 */
export async function* toPieces(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    if (source.byteLength === 0) yield source;
    for (let at = 0; at < source.byteLength; at += PIECE) yield source.subarray(at, at + PIECE);
    return;
  }
  let any = false;
  for await (const chunk of source as AsyncIterable<Uint8Array>) {
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError(`The content store takes bytes (Uint8Array), got ${typeof chunk}.`);
    }
    for (let at = 0; at < chunk.byteLength; at += PIECE) {
      any = true;
      yield chunk.subarray(at, at + PIECE);
    }
  }
  if (!any) yield new Uint8Array(0);
}

/** Reads a whole stream into one array, refusing more than `maxBytes`. */
export async function collect(source: AsyncIterable<Uint8Array>, maxBytes = Infinity): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const part of source) {
    length += part.byteLength;
    if (length > maxBytes) throw new RangeError(`More than ${maxBytes} bytes.`);
    parts.push(part);
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

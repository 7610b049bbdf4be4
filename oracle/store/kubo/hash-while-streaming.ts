// Tee: hand a byte stream on (to the Kubo upload) and compute its CID locally from the same
// pieces, without reading the source twice or holding it. The hasher runs behind the upload
// by at most `highWater` pieces (1 MiB each), so memory stays bounded whatever the size.
import type { CID } from "multiformats/cid";
import { computeCid } from "../compute-cid.ts";

class Channel {
  readonly #queue: Uint8Array[] = [];
  readonly #highWater: number;
  #ended = false;
  #error: unknown = undefined;
  #wakeConsumer: (() => void) | undefined;
  #wakeProducer: (() => void) | undefined;

  constructor(highWater: number) {
    this.#highWater = highWater;
  }

  get ended(): boolean {
    return this.#ended;
  }

  async push(piece: Uint8Array): Promise<void> {
    while (this.#queue.length >= this.#highWater && !this.#ended) {
      await new Promise<void>((resolve) => (this.#wakeProducer = resolve));
    }
    if (this.#ended) return; // the hasher has failed; the upload side learns it from `cid`
    this.#queue.push(piece);
    this.#wake();
  }

  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = error;
    this.#wake();
  }

  #wake(): void {
    this.#wakeConsumer?.();
    this.#wakeConsumer = undefined;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const piece = this.#queue.shift();
        if (piece !== undefined) {
          this.#wakeProducer?.();
          this.#wakeProducer = undefined;
          yield piece;
          continue;
        }
        if (this.#ended) {
          if (this.#error !== undefined) throw this.#error;
          return;
        }
        await new Promise<void>((resolve) => (this.#wakeConsumer = resolve));
      }
    } finally {
      // If the hasher stops early, never leave the producer waiting for room.
      this.#ended = true;
      this.#wakeProducer?.();
    }
  }
}

export interface HashingTee {
  /** The same pieces as the source, to be consumed by exactly one reader. */
  stream: AsyncGenerator<Uint8Array>;
  /** The unixfs-v1-2025 CID of everything `stream` yielded, once it has ended. */
  cid: Promise<CID>;
  /** Stops the hasher (e.g. when the upload failed before reading everything). */
  abort(reason: unknown): void;
  /** The error the source itself threw, if it did (the real cause of a failed upload). */
  sourceError(): unknown;
}

export function hashWhileStreaming(source: AsyncIterable<Uint8Array>, highWater = 8): HashingTee {
  const channel = new Channel(highWater);
  const cid = computeCid(channel);
  cid.catch(() => {}); // the caller awaits it; a failure before that must not crash the process
  let sourceError: unknown = undefined;
  async function* stream(): AsyncGenerator<Uint8Array> {
    let finished = false;
    try {
      for await (const piece of source) {
        await channel.push(piece);
        yield piece;
      }
      finished = true;
      channel.end();
    } catch (err) {
      sourceError = err;
      channel.end(err);
      throw err;
    } finally {
      if (!finished) channel.end(new Error("The upload stopped before the end of the data."));
    }
  }
  return { stream: stream(), cid, abort: (reason) => channel.end(reason), sourceError: () => sourceError };
}

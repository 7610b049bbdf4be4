// The filtered JSONL's sha256 and byte count are what a manifest commits to and what every replay
// compares: they are taken here, once, as the output streams, whether the oracle keeps the bytes
// in a file or the audit and a committee member only hash them.
import { createHash } from "node:crypto";
import { Transform, type Writable } from "node:stream";
import { finished } from "node:stream/promises";

export interface FilteredDigest {
  filteredSha256: string;
  filteredBytes: number;
}

export interface FilteredOutput {
  /** Where the pipeline writes its filtered JSONL. */
  output: Writable;
  /** Ends the output, waits until `destination` (if any) has every byte, and gives the digest. */
  end(): Promise<FilteredDigest>;
}

/** Hashes and counts the filtered output, passing it on to `destination` when one is given. */
export function filteredOutput(destination?: Writable): FilteredOutput {
  const hash = createHash("sha256");
  let bytes = 0;
  const output = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // With nowhere to go, the bytes are dropped once hashed; otherwise they would fill the buffer
  // and stop the pipeline, which waits for "drain".
  if (destination) output.pipe(destination);
  else output.resume();
  return {
    output,
    async end() {
      output.end();
      await finished(destination ?? output);
      return { filteredSha256: hash.digest("hex"), filteredBytes: bytes };
    },
  };
}

// Splits a byte stream into regions of whole lines, whatever the chunking: a line (or a UTF-8
// character) cut between two chunks is carried over and handed on whole. A line longer than
// the limit is dropped as it streams (never buffered) and reported once.

/**
 * Receives bytes holding whole lines, each ending in "\n" except possibly the last one of the
 * input; `firstLine` is the 1-based number of its first line. Returns how many lines it held.
 */
export type RegionHandler = (region: Buffer, firstLine: number) => number;

const NL = 10;

export class LineSplitter {
  private readonly maxLineBytes: number;
  private readonly onRegion: RegionHandler;
  private readonly onOversize: (line: number) => void;
  private carry: Buffer[] = [];
  private carryLength = 0;
  /** Lines completed so far. */
  private lines = 0;
  /** Inside a line that was already too long: drop bytes up to its newline. */
  private skipping = false;

  constructor(maxLineBytes: number, onRegion: RegionHandler, onOversize: (line: number) => void) {
    this.maxLineBytes = maxLineBytes;
    this.onRegion = onRegion;
    this.onOversize = onOversize;
  }

  push(chunk: Buffer): void {
    const last = chunk.lastIndexOf(NL);
    if (last < 0) {
      if (this.skipping) return;
      this.carry.push(chunk);
      this.carryLength += chunk.length;
      if (this.carryLength > this.maxLineBytes) this.dropCarry();
      return;
    }
    let start = 0;
    if (this.skipping) {
      start = chunk.indexOf(NL) + 1;
      this.lines += 1;
      this.skipping = false;
    }
    if (start <= last) {
      let region: Buffer;
      if (this.carryLength > 0) {
        this.carry.push(chunk.subarray(start, last + 1));
        region = Buffer.concat(this.carry, this.carryLength + last + 1 - start);
      } else {
        region = chunk.subarray(start, last + 1);
      }
      this.lines += this.onRegion(region, this.lines + 1);
    }
    this.carry = [];
    this.carryLength = 0;
    if (last + 1 < chunk.length) {
      // Copy: a small tail must not keep the whole chunk alive.
      this.carry.push(Buffer.from(chunk.subarray(last + 1)));
      this.carryLength = chunk.length - last - 1;
      if (this.carryLength > this.maxLineBytes) this.dropCarry();
    }
  }

  /** The input ended: hands on a last line that had no newline. */
  end(): void {
    if (this.skipping || this.carryLength === 0) return;
    const region = Buffer.concat(this.carry, this.carryLength);
    this.carry = [];
    this.carryLength = 0;
    this.lines += this.onRegion(region, this.lines + 1);
  }

  /** Number of lines completed so far (for errors that cut the input short). */
  get lineCount(): number {
    return this.lines;
  }

  private dropCarry(): void {
    this.onOversize(this.lines + 1);
    this.carry = [];
    this.carryLength = 0;
    this.skipping = true;
  }
}

/**
 * Calls `line(bytes, number)` for each line of a region (without its "\n"); returns the count.
 * The empty piece after a final "\n" is not a line.
 */
export function eachLine(region: Buffer, firstLine: number, line: (bytes: Buffer, n: number) => void): number {
  let start = 0;
  let n = firstLine;
  while (start < region.length) {
    let end = region.indexOf(NL, start);
    if (end < 0) end = region.length;
    line(region.subarray(start, end), n++);
    start = end + 1;
  }
  return n - firstLine;
}

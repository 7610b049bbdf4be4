// A one-line progress display on stderr: bytes, documents per second (when counted), MB/s and time left.
// On a terminal the line redraws in place; elsewhere (logs, CI) a line is printed every few seconds.
import { formatBytes } from "../protocol/format.ts";

export interface ProgressFigures {
  bytesRead: number;
  bytesTotal: number;
  /** Documents read and kept, for commands that count them (preprocess); left out of the line otherwise. */
  documents?: number;
  kept?: number;
}

const MB = 1024 * 1024;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--:--";
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m` : `${m}:${String(s % 60).padStart(2, "0")}`;
}

export class ProgressLine {
  private readonly started = performance.now();
  private lastDraw = 0;
  private readonly tty: boolean;
  private readonly stream: NodeJS.WriteStream;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.stream = stream;
    this.tty = Boolean(stream.isTTY);
  }

  update(f: ProgressFigures, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < (this.tty ? 200 : 5000)) return;
    this.lastDraw = now;
    const secs = (now - this.started) / 1000;
    const mbps = f.bytesRead / MB / Math.max(secs, 1e-3);
    const frac = f.bytesTotal > 0 ? Math.min(1, f.bytesRead / f.bytesTotal) : 0;
    const eta = frac > 0 ? (secs / frac) * (1 - frac) : Infinity;
    const width = 24;
    const filled = Math.round(frac * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const line =
      `${bar} ${(frac * 100).toFixed(1).padStart(5)}% ${formatBytes(f.bytesRead)}/${formatBytes(f.bytesTotal)}` +
      (f.documents === undefined ? "" : ` · ${f.documents} docs (${Math.round(f.documents / Math.max(secs, 1e-3))}/s), ${f.kept ?? 0} kept`) +
      ` · ${mbps.toFixed(1)} MB/s · ETA ${formatDuration(eta)}`;
    if (this.tty) this.stream.write(`\r\x1b[2K${line}`);
    else this.stream.write(line + "\n");
  }

  done(): void {
    if (this.tty) this.stream.write("\n");
  }
}

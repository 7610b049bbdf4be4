// How a decrypted download reaches the disk. Large files stream into a file the user picks
// (File System Access API, Chromium browsers): the browser writes to a temporary file and puts it
// in place only on close, so a failed or cancelled download leaves nothing. Elsewhere, and for
// smaller files, the pieces stay in memory until decryption has finished, then become one Blob
// saved through an object URL and an <a download>.
import type { PlaintextSink } from "./download.ts";

/** Above this many bytes the page asks for a file to stream into, where the browser can. */
export const LARGE_DOWNLOAD_BYTES = 200_000_000;

export interface SaveTarget {
  /** Whether to ask the user for a file first (a large file, and a browser that can). */
  wantsFile(bytes: number): boolean;
  /** Asks where to save (needs a user gesture) and returns a sink writing there. */
  openFile(name: string): Promise<PlaintextSink>;
  /** Saves finished pieces as a download; returns an object URL to offer again, or undefined. */
  saveParts(parts: Uint8Array[], name: string): string | undefined;
  /** Frees what saveParts kept. */
  release(url: string): void;
}

interface SaveFilePickerOptions {
  suggestedName?: string;
  types?: { description: string; accept: Record<string, string[]> }[];
}
type SaveFilePicker = (options?: SaveFilePickerOptions) => Promise<FileSystemFileHandle>;

const picker = (): SaveFilePicker | undefined => (globalThis as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;

export const browserSave: SaveTarget = {
  wantsFile: (bytes) => bytes > LARGE_DOWNLOAD_BYTES && typeof picker() === "function",
  async openFile(name) {
    const handle = await picker()!({ suggestedName: name, types: [{ description: "JSON Lines", accept: { "application/jsonl": [".jsonl"] } }] });
    const file = await handle.createWritable();
    return {
      write: (chunk) => file.write(chunk as Uint8Array<ArrayBuffer>),
      close: () => file.close(),
      abort: () => file.abort(),
    };
  },
  saveParts(parts, name) {
    const url = URL.createObjectURL(new Blob(parts as Uint8Array<ArrayBuffer>[], { type: "application/jsonl" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    return url;
  },
  release: (url) => URL.revokeObjectURL(url),
};

// One submission's "Download filtered data": the button, what is happening (manifest, key,
// decryption with a progress bar and speed), cancel, and the outcome. The work is download.ts,
// loaded on the first click so the ciphers never weigh on a page that does not download.
// Independent of wagmi: the reader key comes from `getKey` (DownloadButton passes the wallet's).
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { ReaderKeyPair, ReaderRole } from "../../../oracle/crypto/index.ts";
import { formatBytes, shortId } from "../chain/format.ts";
import type { DownloadProgress, DownloadSource, PlaintextSink, PreparedDownload } from "./download.ts";
import { ProblemNote } from "./ProblemNote.tsx";
import { browserSave, type SaveTarget } from "./save.ts";

export interface DownloadControlProps {
  manifestCid: string;
  program: { chainId: number; splitter: string };
  source: DownloadSource;
  /** The reader key; may ask the wallet. */
  getKey: () => Promise<ReaderKeyPair>;
  /** What the key step is waiting for (e.g. "Sign in your wallet (1 of 2)"), while it waits. */
  keyStatus?: string;
  /** Shown under a key error: another way to get a key (a keystore file); `retry` starts over. */
  keyFallback?: (retry: () => void) => ReactNode;
  save?: SaveTarget;
}

type State =
  | { phase: "idle" }
  | { phase: "preparing"; waitingForKey: boolean }
  | { phase: "choose-file"; prepared: PreparedDownload }
  | { phase: "decrypting" }
  | { phase: "done"; bytes: number; role: ReaderRole; name: string; url?: string; toFile: boolean }
  | { phase: "cancelled" }
  | { phase: "error"; error: unknown; keyProblem: boolean };

const PROGRESS_EVERY_MS = 100;

const speed = (p: DownloadProgress) => (p.elapsedMs < 250 ? undefined : `${formatBytes(Math.round((p.bytes * 1000) / p.elapsedMs))}/s`);
const isAbort = (e: unknown) => (e as Error | null)?.name === "AbortError";

export function DownloadControl({ manifestCid, program, source, getKey, keyStatus, keyFallback, save = browserSave }: DownloadControlProps) {
  const [state, setState] = useState<State>({ phase: "idle" });
  const [progress, setProgress] = useState<DownloadProgress>();
  const controller = useRef<AbortController | null>(null);
  const shown = useRef(0);
  const latest = useRef<DownloadProgress | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const kept = useRef<string | undefined>(undefined);
  const label = shortId(manifestCid);

  const release = () => {
    if (kept.current) save.release(kept.current);
    kept.current = undefined;
  };
  // Leaving the page (or another account: DownloadButton remounts this) stops the download.
  useEffect(
    () => () => {
      controller.current?.abort(new DOMException("The page left the download.", "AbortError"));
      clearTimeout(timer.current);
      release();
    },
    [], // eslint-disable-line react-hooks/exhaustive-deps
  );

  // At most one repaint of the figures per PROGRESS_EVERY_MS, always ending on the latest ones.
  const report = (p: DownloadProgress) => {
    latest.current = p;
    if (timer.current !== undefined) return;
    timer.current = setTimeout(
      () => {
        timer.current = undefined;
        shown.current = performance.now();
        setProgress(latest.current);
      },
      Math.max(0, shown.current + PROGRESS_EVERY_MS - performance.now()),
    );
  };

  const fail = (error: unknown, keyProblem = false) => setState(isAbort(error) ? { phase: "cancelled" } : { phase: "error", error, keyProblem });

  async function start() {
    release();
    const abort = new AbortController();
    controller.current = abort;
    setProgress(undefined);
    setState({ phase: "preparing", waitingForKey: false });
    let keyFailed = false;
    try {
      const { prepareDownload } = await import("./download.ts");
      const prepared = await prepareDownload({
        manifestCid,
        program,
        source,
        signal: abort.signal,
        readerKey: async () => {
          setState({ phase: "preparing", waitingForKey: true });
          try {
            return await getKey();
          } catch (error) {
            keyFailed = true;
            throw error;
          } finally {
            setState({ phase: "preparing", waitingForKey: false });
          }
        },
      });
      if (save.wantsFile(prepared.file.plaintextBytes)) setState({ phase: "choose-file", prepared });
      else await decrypt(prepared, null);
    } catch (error) {
      fail(error, keyFailed);
    }
  }

  async function chooseFile(prepared: PreparedDownload) {
    let sink: PlaintextSink;
    try {
      sink = await save.openFile(prepared.fileName);
    } catch (error) {
      // Closing the picker without a file is not an error: the choice stays open.
      if (!isAbort(error)) {
        prepared.dataKey.fill(0);
        fail(error);
      }
      return;
    }
    await decrypt(prepared, sink);
  }

  async function decrypt(prepared: PreparedDownload, file: PlaintextSink | null) {
    const abort = controller.current ?? new AbortController();
    setState({ phase: "decrypting" });
    try {
      const { decryptDownload, memorySink } = await import("./download.ts");
      const memory = file ? null : memorySink();
      const result = await decryptDownload(prepared, {
        source,
        sink: file ?? memory!,
        signal: abort.signal,
        onProgress: report,
      });
      const url = memory?.parts ? save.saveParts(memory.parts, prepared.fileName) : undefined;
      kept.current = url;
      setState({ phase: "done", bytes: result.bytes, role: result.role, name: prepared.fileName, url, toFile: file !== null });
    } catch (error) {
      fail(error);
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  const cancel = () => {
    if (state.phase === "choose-file") {
      state.prepared.dataKey.fill(0);
      setState({ phase: "cancelled" });
    }
    controller.current?.abort(new DOMException("Download cancelled.", "AbortError"));
  };

  const busy = state.phase === "preparing" || state.phase === "decrypting" || state.phase === "choose-file";
  const total = state.phase === "choose-file" ? state.prepared.file.plaintextBytes : (progress?.total ?? 0);

  return (
    <div className="download" data-testid={`download-box-${manifestCid}`} data-state={state.phase}>
      <div className="download-actions">
        <button
          type="button"
          onClick={start}
          disabled={busy}
          aria-label={`Download filtered data of ${label}`}
          data-testid={`download-${manifestCid}`}
        >
          Download
        </button>
        {state.phase === "choose-file" && (
          <button type="button" className="primary" onClick={() => chooseFile(state.prepared)} data-testid="download-save">
            Choose where to save ({formatBytes(total)})
          </button>
        )}
        {busy && (
          <button type="button" onClick={cancel} aria-label={`Cancel the download of ${label}`} data-testid="download-cancel">
            Cancel
          </button>
        )}
      </div>
      {state.phase === "decrypting" && (
        <progress
          max={Math.max(total, 1)}
          value={progress?.bytes ?? 0}
          aria-label={`Decrypting the filtered data of ${label}`}
          data-testid="download-progress"
        />
      )}
      <p className="download-status" role="status" data-testid="download-status">
        {state.phase === "preparing" && (state.waitingForKey ? (keyStatus ?? "Waiting for your reader key…") : "Fetching the manifest and the key envelope…")}
        {state.phase === "choose-file" && `${formatBytes(total)} to decrypt: choose a file to stream it into.`}
        {state.phase === "decrypting" && "Downloading and decrypting…"}
        {state.phase === "done" && (
          <>
            {state.toFile ? (
              "Saved to your file"
            ) : (
              <>
                Saved as <code title={state.name}>{`${label}-filtered.jsonl`}</code>
              </>
            )}: {formatBytes(state.bytes)}, matching the
            manifest's sha256 (read as {state.role}).{" "}
            {state.url && (
              <a href={state.url} download={state.name}>
                Save again
              </a>
            )}
          </>
        )}
        {state.phase === "cancelled" && "Download cancelled; nothing was saved."}
      </p>
      {state.phase === "decrypting" && (
        // Not a live region: the figures change ten times a second.
        <p className="download-figures" data-testid="download-figures">
          {progress ? `${formatBytes(progress.bytes)} of ${formatBytes(progress.total)}${speed(progress) ? ` · ${speed(progress)}` : ""}` : "…"}
        </p>
      )}
      {state.phase === "error" && <ProblemNote error={state.error} />}
      {state.phase === "error" && state.keyProblem && keyFallback?.(start)}
    </div>
  );
}

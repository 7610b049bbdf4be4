// `1tt fetch <manifest-cid> --out <dir>`: a reader of a submission (its contributor, a consumer,
// an auditor, a committee member) downloads and decrypts it. The manifest is read and checked
// against its CID; the key envelope it names is checked against its CID and opened with the
// reader's key, bound to this submission's context; each chosen file is stream-decrypted, every
// chunk authenticated and the whole checked against the manifest's plaintext commitment, into a
// `.partial` file that gets its name only when complete.
// Exit code: 0 every file written and verified, 1 a failure, 2 a usage error.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CommanderError, type Command } from "commander";
import { readReaderKeyFile } from "../audit/node/view-key.ts";
import { decryptStream, encodePublicKey, KeyEnvelopeError, STREAM_SCHEME } from "../crypto/index.ts";
import { decryptToFile, nodeSha256, nodeXChaCha20Poly1305 } from "../crypto/files.ts";
import { envelopeOf, KeyEnvelopeUnreadableError, openSealedFile, readManifest, type FileCommitment, type Manifest, type SealedFile, type SealedFileKey } from "../manifest/index.ts";
import { OneTTError } from "../protocol/errors.ts";
import { cidKey, parseCid, InvalidCidError, type ContentStore } from "../store/index.ts";
import { passphraseOrPrompt } from "./passphrase.ts";
import { ProgressLine } from "./progress.ts";
import { openStoreSource, STORE_SOURCE_HELP, type StoreSourceOptions } from "./store-source.ts";
import { UsageError } from "./usage.ts";
import { meaningOf } from "../protocol/error-codes.ts";

interface FetchOptions extends StoreSourceOptions {
  out?: string;
  key?: string;
  passphraseFile?: string;
  what: string;
  force?: boolean;
  progress: boolean;
}

export const PASSPHRASE_ENV = "ONETT_KEY_PASSPHRASE";
const PARTS = ["filtered", "report", "raw"] as const;
type Part = (typeof PARTS)[number];
const FIXED = { filtered: { label: "filtered data", name: "filtered.jsonl" }, report: { label: "report", name: "report.json" } } as const;
/** Key envelopes hold one entry (about 300 bytes) per reader. */

/** The submission cannot be fetched as asked (plaintext manifest, unknown scheme, forged envelope). */
export class FetchError extends OneTTError {
  override name = "FetchError";
}

function parseWhat(value: string): Set<Part> {
  const parts = value.split(",").map((p) => p.trim().toLowerCase()).filter(Boolean);
  const unknown = parts.filter((p) => !PARTS.includes(p as Part));
  if (parts.length === 0 || unknown.length > 0) {
    throw new UsageError(`--what takes a comma-separated list of ${PARTS.join(", ")} (got "${value}")`);
  }
  return new Set(parts as Part[]);
}

/**
 * A contributor's file name as a safe name inside the output folder: its last path component,
 * without control or reserved characters, leading dots or trailing dots and spaces, at most 200
 * bytes; `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback: string): string {
  let s = (name.split(/[\\/]/).pop() ?? "")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "_")
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(s)) s = `_${s}`;
  const encoder = new TextEncoder();
  while (encoder.encode(s).byteLength > 200) s = Array.from(s).slice(0, -1).join("");
  return s || fallback;
}

/** One safe, distinct name per raw file (case-insensitively distinct, for macOS and Windows). */
export function rawFileNames(names: readonly (string | undefined)[], count: number): string[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const fallback = `input-${i + 1}`;
    let name = safeFileName(names[i] ?? "", fallback);
    if (taken.has(name.toLowerCase())) name = `${i + 1}-${name}`;
    while (taken.has(name.toLowerCase())) name = `_${name}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** What a user is told of a key envelope whose bytes are not the envelope the manifest names. */
function envelopeUnreadable(cid: string, e: KeyEnvelopeUnreadableError): FetchError {
  if (e.reason === "cid_mismatch") {
    return new FetchError(`The key envelope served for ${cid} is not that envelope.`, {
      details: e.details,
      hint: "The source altered it or served other content: read from another gateway, or from the oracle itself.",
    });
  }
  return new FetchError(`The key envelope ${cid} is not a key envelope.`, { details: e.details, hint: "Check that the manifest is a 1TT submission manifest.", cause: e });
}

interface Target {
  /** What it is, for messages: "filtered data", "report", "raw file 2 (part-1.jsonl)". */
  label: string;
  /** As the user will see it (under --out as given). */
  shown: string;
  path: string;
  file: FileCommitment;
  /** Which envelope opens it. */
  part: SealedFile;
}

function checkFree(targets: readonly Pick<Target, "path" | "shown">[], force: boolean): void {
  if (force) return;
  const present = targets.filter((t) => existsSync(t.path));
  if (present.length > 0) {
    throw new UsageError(`${present.map((t) => t.shown).join(", ")} already exist${present.length === 1 ? "s" : ""}; nothing was written. Give another --out folder, or --force to replace ${present.length === 1 ? "it" : "them"}.`);
  }
}

/** Rewrites a failure of one file so that it says which file, keeping the original advice. */
function inFile(target: Target, e: unknown): unknown {
  if (!(e instanceof OneTTError)) return e;
  return new FetchError(`${target.label} (${target.file.cid}): ${e.shortMessage}`, { details: e.details, hint: e.hint, cause: e });
}

interface Progress {
  add(bytes: number): void;
  end(): void;
}

function progressBar(enabled: boolean, total: number): Progress {
  const bar = enabled ? new ProgressLine() : null;
  let done = 0;
  return {
    add(bytes) {
      done += bytes;
      bar?.update({ bytesRead: done, bytesTotal: total });
    },
    end() {
      if (!bar) return;
      bar.update({ bytesRead: done, bytesTotal: total }, true);
      bar.done();
    },
  };
}

async function fetchSubmission(cidArg: string, opts: FetchOptions, signal: AbortSignal, written: string[]): Promise<void> {
  if (!opts.out) throw new UsageError("--out <dir> is required (the folder the decrypted files are written to)");
  if (!opts.key) throw new UsageError("--key <file> is required (your reader key: a 1tt/keystore@1 file, or 32 bytes of hex)");
  if (!existsSync(opts.key) || !statSync(opts.key).isFile()) throw new UsageError(`--key ${opts.key}: no such file`);
  const what = parseWhat(opts.what);
  let manifestCid: string;
  try {
    manifestCid = cidKey(parseCid(cidArg));
  } catch (e) {
    if (e instanceof InvalidCidError) throw new UsageError(`${JSON.stringify(cidArg)} is not a CID: give the manifest's CID (bafk… or bafy…), as the attestation or the oracle names it`);
    throw e;
  }
  const outDir = resolve(opts.out);
  const force = Boolean(opts.force);
  const place = (...parts: string[]): Pick<Target, "path" | "shown"> => ({ path: join(outDir, ...parts), shown: join(opts.out!, ...parts) });
  const fixed = (["filtered", "report"] as const).filter((part) => what.has(part));
  checkFree(fixed.map((part) => place(FIXED[part].name)), force);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`--out ${opts.out} is a file, not a folder`);

  const key = await readReaderKeyFile(opts.key, () => passphraseOrPrompt({ file: opts.passphraseFile, env: PASSPHRASE_ENV }, { question: `Passphrase of ${opts.key}: ` }), {
    label: "reader key",
    option: "--key",
    passphraseFrom: `a file named by --passphrase-file or the ${PASSPHRASE_ENV} environment variable`,
  });
  const store = (await openStoreSource(opts, { required: true }))!;
  const dataKeys = new Map<string, Uint8Array>();
  try {
    const manifest = await readManifest(store, manifestCid, { signal });
    const encryption = manifest.data.encryption;
    if (encryption === null) {
      const cids = [...manifest.data.raw.map((f) => f.cid), manifest.data.filtered.cid, manifest.data.report.cid];
      throw new FetchError(`Manifest ${manifestCid} stores its data in the clear (data.encryption is null): it was written before submissions were encrypted.`, {
        details: `Its files: ${cids.join(", ")}.`,
        hint: "There is nothing to decrypt: read these CIDs with any IPFS tool (e.g. `ipfs cat <cid>`, or <gateway>/ipfs/<cid>) and check each file's sha256 against the manifest.",
      });
    }
    if (encryption.scheme !== STREAM_SCHEME) {
      throw new FetchError(`Manifest ${manifestCid} is encrypted with ${encryption.scheme}, which this 1tt does not read (it reads ${STREAM_SCHEME}).`, { hint: "Update 1TT." });
    }
    // Each file opens with its own envelope (oracle/manifest key-context.ts): the filtered data's
    // lists every reader, the raw files' and report's every reader but the consumers.
    const keyOf = async (part: SealedFile): Promise<Uint8Array> => {
      const { cid } = envelopeOf(manifest, part)!;
      const cached = dataKeys.get(cid);
      if (cached) return cached;
      let opened: SealedFileKey;
      try {
        opened = (await openSealedFile({ store, manifest, file: part, privateKey: key.privateKey, signal }))!;
      } catch (e) {
        if (e instanceof KeyEnvelopeUnreadableError) throw envelopeUnreadable(cid, e);
        if (part !== "filtered" && e instanceof KeyEnvelopeError && e.code === "not_a_reader" && cid !== encryption.keys) {
          throw new FetchError(`Your reader key does not open the raw files and the report of submission ${manifest.sequence}.`, {
            details: `They are encrypted for the contributor, the committee and the auditors only (envelope ${cid}); the consumers read the filtered data.`,
            hint: "Fetch the filtered data (--what filtered, the default), or use a contributor, committee or auditor key.",
            cause: e,
          });
        }
        throw e;
      }
      dataKeys.set(cid, opened.dataKey);
      if (dataKeys.size === 1) {
        const me = encodePublicKey(key.publicKey);
        const roles = [...new Set(opened.envelope.readers.filter((r) => r.publicKey.toLowerCase() === me).map((r) => r.role))];
        console.error(
          `1tt fetch: submission ${manifest.sequence} of ${manifest.contributor} (program ${manifest.program.splitter} on chain ${manifest.program.chainId}); ` +
            `your key ${me} reads it as ${roles.join(", ")}`,
        );
      }
      return opened.dataKey;
    };
    const parts = [...fixed, ...(what.has("raw") ? (["raw"] as const) : [])];
    for (const part of parts) await keyOf(part); // every key before any byte is written

    const targets: Target[] = fixed.map((part) => ({ label: FIXED[part].label, part, ...place(FIXED[part].name), file: manifest.data[part] }));
    // Raw files are named as the contributor named them, and the names are in the (encrypted)
    // report: it is read first, so that every name is known and free before anything is written.
    const total = [...targets.map((t) => t.file), ...(what.has("raw") ? [manifest.data.report, ...manifest.data.raw] : [])].reduce((n, f) => n + f.plaintextBytes, 0);
    const progress = progressBar(opts.progress, total);
    try {
      if (what.has("raw")) {
        const raw = rawTargets(manifest, await decryptToMemory(store, manifest, await keyOf("report"), signal, progress), place);
        checkFree(raw, force);
        targets.push(...raw);
      }
      mkdirSync(outDir, { recursive: true });
      if (what.has("raw")) mkdirSync(join(outDir, "raw"), { recursive: true });
      for (const target of targets) {
        let before = 0;
        try {
          const summary = await decryptToFile(store.get(target.file.cid, { signal }), target.path, await keyOf(target.part), {
            expectedSha256: target.file.plaintextSha256,
            overwrite: force,
            mode: 0o600, // confidential: readable by whoever fetched it only
            onProgress: (bytes) => {
              progress.add(bytes - before);
              before = bytes;
            },
          });
          written.push(`${target.shown}  ${summary.plaintextBytes} bytes  sha256 ${summary.plaintextSha256} verified`);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new UsageError(`${target.shown} appeared while it was being fetched; it was left as it is. Give --force to replace it.`);
          throw inFile(target, e);
        }
      }
    } finally {
      progress.end();
    }
  } finally {
    for (const k of dataKeys.values()) k.fill(0);
    key.privateKey.fill(0);
    await store.close();
  }
}

/** The report's plaintext, for the raw files' names. */
async function decryptToMemory(store: ContentStore, manifest: Manifest, dataKey: Uint8Array, signal: AbortSignal, progress: Progress): Promise<Uint8Array> {
  const file = manifest.data.report;
  const target: Target = { label: "report", shown: "report", path: "", file, part: "report" };
  try {
    const { plaintext } = decryptStream(store.get(file.cid, { signal }), dataKey, { expectedSha256: file.plaintextSha256, sha256: nodeSha256, xchacha: nodeXChaCha20Poly1305 });
    const parts: Uint8Array[] = [];
    for await (const piece of plaintext) {
      parts.push(piece);
      progress.add(piece.byteLength);
    }
    return Buffer.concat(parts);
  } catch (e) {
    throw inFile(target, e);
  }
}

function rawTargets(manifest: Manifest, reportBytes: Uint8Array, place: (...parts: string[]) => Pick<Target, "path" | "shown">): Target[] {
  let names: (string | undefined)[] = [];
  try {
    const inputs = (JSON.parse(new TextDecoder().decode(reportBytes)) as { submission?: { inputs?: { name?: unknown }[] } }).submission?.inputs ?? [];
    names = inputs.map((i) => (typeof i?.name === "string" ? i.name : undefined));
  } catch {
    // a report that is not JSON: the files get numbered names
  }
  return rawFileNames(names, manifest.data.raw.length).map((name, i) => ({
    label: `raw file ${i + 1} (${names[i] ?? name})`,
    ...place("raw", name),
    file: manifest.data.raw[i],
    part: "raw" as const,
  }));
}

export function registerFetch(program: Command): void {
  program
    .command("fetch")
    .description("download and decrypt a submission you are a reader of (contributor, consumer, auditor or committee member)")
    .argument("<manifest-cid>", "the submission's manifest CID (as in its attestation)")
    .option("--out <dir>", "folder to write filtered.jsonl, report.json and raw/<file> into")
    .option("--gateway <url>", STORE_SOURCE_HELP.gateway)
    .option("--ipfs <url>", STORE_SOURCE_HELP.ipfs)
    .option("--store <dir>", STORE_SOURCE_HELP.store)
    .option("--key <file>", "your reader key: a 1tt/keystore@1 file (1tt keys new) or a file holding the 32-byte X25519 private key in hex")
    .option("--passphrase-file <file>", `file holding the keystore's passphrase (else ${PASSPHRASE_ENV}, else asked on a terminal)`)
    .option("--what <parts>", `what to fetch, comma-separated: ${PARTS.join(", ")}`, "filtered")
    .option("--force", "replace files already in the --out folder")
    .option("--no-progress", "do not draw the progress bar")
    .addHelpText(
      "after",
      `\nExample:\n  ${PASSPHRASE_ENV}=… 1tt fetch bafkrei… --gateway http://oracle-host:8787 --key keystore.json --out sub-7 --what filtered,report\n` +
        "Exit code: 0 every file written and verified, 1 a failure (nothing half-written is kept), 2 a usage error.",
    )
    .exitOverride((err: CommanderError) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    })
    .action(async (cid: string, opts: FetchOptions) => {
      const abort = new AbortController();
      const interrupted = () => abort.abort(new Error("interrupted"));
      process.once("SIGINT", interrupted);
      const written: string[] = [];
      try {
        await fetchSubmission(cid, opts, abort.signal, written);
        for (const line of written) console.log(line);
        process.exitCode = 0;
      } catch (e) {
        if (written.length > 0) console.error(`1tt fetch: written and verified before the failure:\n${written.map((l) => `  ${l}`).join("\n")}`);
        if (abort.signal.aborted) {
          console.error("1tt fetch: interrupted; no partial file was kept");
          process.exitCode = 130;
        } else if (e instanceof OneTTError) {
          console.error(`1tt fetch: ${e.message}`);
          process.exitCode = meaningOf(e.code).exit;
        } else {
          const err = e as { message?: string };
          console.error(`1tt fetch: the fetch could not run: ${err?.message ?? String(e)}`);
          process.exitCode = 1;
        }
      } finally {
        process.off("SIGINT", interrupted);
      }
    });
}

// Reading a reader key from a file: either a passphrase keystore ("1tt/keystore@1", oracle/crypto)
// or a bare 32-byte X25519 private key in hex. The auditor's view key (1tt audit --view-key) and
// any reader's key (1tt fetch --key) are read the same way. Node only.
import { readFile } from "node:fs/promises";
import { CryptoError, type CryptoErrorParameters } from "../../crypto/errors.ts";
import { decryptKeystore } from "../../crypto/keystore.ts";
import { readerKeyFromPrivateKey, type ReaderKeyPair } from "../../crypto/reader-key.ts";
import { ReplayUnavailableError } from "../errors.ts";

/** How the command that reads the key names it, so the errors say what to change. */
export interface KeyFileNaming {
  /** e.g. "view key", "reader key". */
  label: string;
  /** The option naming the file, e.g. "--view-key". */
  option: string;
  /** Where a passphrase can come from, e.g. "the VIEW_KEY_PASSPHRASE environment variable (or …)". */
  passphraseFrom: string;
  /** The error to throw for a file that cannot be used (default CryptoError). */
  error?: (shortMessage: string, parameters: CryptoErrorParameters) => Error;
}

/** What a key file holds: a bare private key, or keystore JSON (still encrypted). */
export type KeyFileContent = { kind: "hex"; privateKey: Uint8Array } | { kind: "keystore"; json: unknown };

/** Tells the two forms apart; null when the text is neither hex of 32 bytes nor JSON. */
export function parseKeyFileText(text: string): KeyFileContent | null {
  const trimmed = text.trim();
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(trimmed)) return { kind: "hex", privateKey: Uint8Array.from(Buffer.from(trimmed.replace(/^0x/, ""), "hex")) };
  try {
    return { kind: "keystore", json: JSON.parse(trimmed) };
  } catch {
    return null;
  }
}

/**
 * The reader key pair in `path`. A keystore needs a passphrase: `passphrase` is the string, or a
 * function asked only when the file is a keystore (e.g. a prompt); KeystoreError from
 * oracle/crypto when it does not open the keystore.
 */
export async function readReaderKeyFile(
  path: string,
  passphrase: string | undefined | (() => Promise<string | undefined>),
  naming: KeyFileNaming,
): Promise<ReaderKeyPair> {
  const fail = naming.error ?? ((message: string, parameters: CryptoErrorParameters) => new CryptoError(message, parameters));
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw fail(`Cannot read the ${naming.label} file ${path}.`, { details: (cause as Error).message, hint: `Check the path given to ${naming.option}.`, cause });
  }
  const content = parseKeyFileText(text);
  if (content === null) {
    throw fail(`${path} is neither a keystore nor a hex private key.`, {
      hint: `Give a 1tt/keystore@1 JSON file (with its passphrase in ${naming.passphraseFrom}) or a file holding the 32-byte reader key in hex.`,
    });
  }
  if (content.kind === "hex") return readerKeyFromPrivateKey(content.privateKey);
  const secret = typeof passphrase === "function" ? await passphrase() : passphrase;
  if (!secret) {
    throw fail(`The ${naming.label} ${path} is a keystore and no passphrase was given.`, { hint: `Put the passphrase in ${naming.passphraseFrom}.` });
  }
  return decryptKeystore(content.json, secret);
}

/** The auditor's view key (1tt audit --replay --view-key): its private key. */
export async function readViewKeyFile(path: string, passphrase?: string): Promise<Uint8Array> {
  const { privateKey } = await readReaderKeyFile(path, passphrase, {
    label: "view key",
    option: "--view-key",
    passphraseFrom: "the VIEW_KEY_PASSPHRASE environment variable (or a file named by --view-key-passphrase-file)",
    error: (message, parameters) => new ReplayUnavailableError(message, parameters),
  });
  return privateKey;
}

// Errors of the encryption module. Each has a machine-readable `code`, a short message, the
// details that tell one case from another, and what to do about it; `message` joins the three so
// a log line carries all of it. Callers match on the class and `code`, never on the text.
import { OneTTError, type OneTTErrorParameters } from "../protocol/errors.ts";

export type CryptoErrorParameters = OneTTErrorParameters;

export class CryptoError extends OneTTError {
  override name = "CryptoError";
}

/**
 * Why an encrypted stream was refused:
 * - `bad_header`: not a 1TT encrypted stream, an unsupported version, or a header that was edited;
 * - `wrong_key`: the header was made with another data key;
 * - `truncated`: the stream ends before its final chunk (cut mid-chunk or at a chunk boundary);
 * - `tampered`: a chunk fails authentication (flipped, dropped, reordered, duplicated or forged
 *   chunk) or bytes follow the final chunk;
 * - `commitment_mismatch`: the plaintext decrypted fine but its sha256 is not the expected one.
 */
export type DecryptionErrorCode = "bad_header" | "wrong_key" | "truncated" | "tampered" | "commitment_mismatch";

const DECRYPTION_HINTS: Record<DecryptionErrorCode, string> = {
  bad_header:
    "Check that this is the ciphertext the manifest names (a 1TT encrypted stream starts with \"1TTe\") and that this library supports its version.",
  wrong_key: "Use the data key of this submission: open the submission's key envelope with your reader key.",
  truncated: "Download the ciphertext again; the copy you have is incomplete.",
  tampered: "Do not use this data. Fetch the ciphertext again by its CID from a store you trust.",
  commitment_mismatch:
    "The data is not the data the manifest attests to. Do not use it for a replay; report the manifest.",
};

export class DecryptionError extends CryptoError {
  override name = "DecryptionError";
  declare readonly code: DecryptionErrorCode;
  /** Index of the chunk that failed, when a chunk failed. */
  readonly chunk: number | undefined;

  constructor(code: DecryptionErrorCode, shortMessage: string, { details, chunk }: { details?: string; chunk?: number } = {}) {
    super(shortMessage, { details, hint: DECRYPTION_HINTS[code] });
    this.code = code;
    this.chunk = chunk;
  }
}

/**
 * Why a key envelope could not be made or opened:
 * - `malformed`: not a `1tt/keys@1` JSON document (a field missing or of the wrong shape);
 * - `not_a_reader`: the key you hold is not one of the envelope's readers;
 * - `context_mismatch`: the envelope was made for another context (another submission);
 * - `unwrap_failed`: your entry does not authenticate (edited entry, or a forged one);
 * - `bad_public_key`: a reader public key is not a usable X25519 key.
 */
export type KeyEnvelopeErrorCode = "malformed" | "not_a_reader" | "context_mismatch" | "unwrap_failed" | "bad_public_key";

export class KeyEnvelopeError extends CryptoError {
  override name = "KeyEnvelopeError";
  declare readonly code: KeyEnvelopeErrorCode;

  constructor(code: KeyEnvelopeErrorCode, shortMessage: string, parameters: CryptoErrorParameters = {}) {
    super(shortMessage, parameters);
    this.code = code;
  }
}

/**
 * Why a reader key could not be derived:
 * - `bad_signature`: not a 65-byte secp256k1 signature (r, s, v), e.g. a smart-contract wallet's;
 * - `bad_parameters`: chain id, program or account not usable in the key message.
 */
export type ReaderKeyErrorCode = "bad_signature" | "bad_parameters";

export class ReaderKeyError extends CryptoError {
  override name = "ReaderKeyError";
  declare readonly code: ReaderKeyErrorCode;

  constructor(code: ReaderKeyErrorCode, shortMessage: string, parameters: CryptoErrorParameters = {}) {
    super(shortMessage, parameters);
    this.code = code;
  }
}

/**
 * Why a keystore could not be opened:
 * - `wrong_passphrase`: the passphrase does not open it (or its scrypt parameters were edited);
 * - `damaged`: the file is not valid keystore JSON, or its encrypted key was altered;
 * - `unsupported`: a schema or algorithm this library does not know;
 * - `not_found`: no file at that path (Node helpers only).
 */
export type KeystoreErrorCode = "wrong_passphrase" | "damaged" | "unsupported" | "not_found";

export class KeystoreError extends CryptoError {
  override name = "KeystoreError";
  declare readonly code: KeystoreErrorCode;

  constructor(code: KeystoreErrorCode, shortMessage: string, parameters: CryptoErrorParameters = {}) {
    super(shortMessage, parameters);
    this.code = code;
  }
}

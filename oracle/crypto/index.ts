// The encryption module's public API for Node and browsers (no node: imports here or below).
// Node-only helpers (files, keystore files) are in files.ts. README.md documents the formats.
export type { ByteSource, Hex, RandomSource, Sha256Factory, Sha256Hasher } from "./bytes.ts";
export { randomBytes } from "./bytes.ts";
export { decryptStream, type DecryptOptions, type DecryptedStream } from "./decrypt-stream.ts";
export { encryptStream, type EncryptOptions, type EncryptedStream, type StreamSummary } from "./encrypt-stream.ts";
export {
  CryptoError,
  DecryptionError,
  KeyEnvelopeError,
  KeystoreError,
  ReaderKeyError,
  type DecryptionErrorCode,
  type KeyEnvelopeErrorCode,
  type KeystoreErrorCode,
  type ReaderKeyErrorCode,
} from "./errors.ts";
export {
  KEY_ENVELOPE_SCHEMA,
  READER_ROLES,
  checkReaderPublicKey,
  createKeyEnvelope,
  openKeyEnvelope,
  parseKeyEnvelope,
  type EnvelopeReader,
  type KeyEnvelope,
  type ReaderRole,
  type ReaderSpec,
} from "./key-envelope.ts";
export { KEYSTORE_SCHEMA, decryptKeystore, encryptKeystore, parseKeystore, type Keystore, type KeystoreOptions } from "./keystore.ts";
export { encodePublicKey, generateReaderKey, readerKeyFromPrivateKey, type ReaderKeyPair } from "./reader-key.ts";
export { DEFAULT_CHUNK_SIZE, HEADER_BYTES, MAX_CHUNK_SIZE, STREAM_SCHEME, generateDataKey } from "./stream-format.ts";
export { readerKeyFromSignature, readerKeyFromWallet, readerKeyMessage, type MessageSigner, type ReaderKeyMessageParameters } from "./wallet-key.ts";

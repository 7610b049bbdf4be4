// The key envelope: a submission's data key wrapped for each of its readers, as public JSON.
// Each entry is an HPKE-like single-shot seal (RFC 9180's DHKEM(X25519, HKDF-SHA256) idea,
// simplified, close to age's X25519 stanza): a fresh ephemeral X25519 key, HKDF-SHA256 over the
// shared secret with both public keys and the envelope's context in the info, and
// ChaCha20-Poly1305 over the 32-byte data key with the entry's role and id as associated data.
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { x25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concat, constantTimeEqual, keyBytes, parseHex, randomBytes, toHex, utf8, type Hex, type RandomSource } from "./bytes.ts";
import { KeyEnvelopeError } from "./errors.ts";
import { DATA_KEY_BYTES } from "./stream-format.ts";

export const KEY_ENVELOPE_SCHEMA = "1tt/keys@1";
export const READER_ROLES = ["contributor", "consumer", "committee", "auditor"] as const;
export type ReaderRole = (typeof READER_ROLES)[number];

export interface EnvelopeReader {
  role: ReaderRole;
  /** Who this is when a role has several readers, e.g. a committee member's signer address. */
  id?: string;
  /** The reader's X25519 public key, 0x-hex. */
  publicKey: Hex;
  /** The sender's one-time X25519 public key for this entry, 0x-hex. */
  ephemeralPublicKey: Hex;
  /** ChaCha20-Poly1305 of the data key: 32 bytes + 16-byte tag, 0x-hex. */
  wrappedKey: Hex;
}

export interface KeyEnvelope {
  schema: typeof KEY_ENVELOPE_SCHEMA;
  /** What the data key is for (e.g. "1tt/submission/8453/0xsplitter/0xcontributor/7"); bound into every entry. */
  context: string;
  readers: EnvelopeReader[];
}

export interface ReaderSpec {
  role: ReaderRole;
  id?: string;
  publicKey: Uint8Array | string;
}

/** Wraps `dataKey` for every reader. `random` is for tests; production uses the CSPRNG. */
export function createKeyEnvelope(
  dataKey: Uint8Array,
  readers: readonly ReaderSpec[],
  context: string,
  { random = randomBytes }: { random?: RandomSource } = {},
): KeyEnvelope {
  if (!(dataKey instanceof Uint8Array) || dataKey.byteLength !== DATA_KEY_BYTES) throw new TypeError(`A data key is ${DATA_KEY_BYTES} bytes.`);
  checkContext(context);
  if (readers.length === 0) throw new KeyEnvelopeError("malformed", "A key envelope needs at least one reader.");
  return {
    schema: KEY_ENVELOPE_SCHEMA,
    context,
    readers: readers.map((reader) => {
      checkRole(reader.role);
      const recipient = publicKeyOf(reader.publicKey);
      const ephemeralPrivate = random(32);
      const ephemeralPublic = x25519.getPublicKey(ephemeralPrivate);
      const shared = sharedSecret(ephemeralPrivate, recipient);
      const { key, nonce } = wrapKeys(shared, ephemeralPublic, recipient, context);
      const wrapped = chacha20poly1305(key, nonce, entryAad(reader.role, reader.id)).encrypt(dataKey);
      ephemeralPrivate.fill(0);
      shared.fill(0);
      return {
        role: reader.role,
        ...(reader.id === undefined ? {} : { id: reader.id }),
        publicKey: toHex(recipient),
        ephemeralPublicKey: toHex(ephemeralPublic),
        wrappedKey: toHex(wrapped),
      };
    }),
  };
}

/**
 * The data key, unwrapped with a reader's private key. Finds the entries listing this key's
 * public key; fails with `not_a_reader` when there is none. Pass `context` to insist the
 * envelope was made for it (recommended: the submission you are about to decrypt).
 */
export function openKeyEnvelope(envelope: unknown, privateKey: Uint8Array | string, { context }: { context?: string } = {}): Uint8Array {
  const parsed = parseKeyEnvelope(envelope);
  if (context !== undefined && parsed.context !== context) {
    throw new KeyEnvelopeError("context_mismatch", "This key envelope belongs to another submission.", {
      details: `Its context is ${JSON.stringify(parsed.context)}, expected ${JSON.stringify(context)}.`,
      hint: "Fetch the key envelope the manifest of this submission names.",
    });
  }
  const secret = keyBytes(privateKey, 32, "A reader private key");
  const publicKey = x25519.getPublicKey(secret);
  const mine = parsed.readers.filter((r) => constantTimeEqual(parseHex(r.publicKey, 32)!, publicKey));
  if (mine.length === 0) {
    throw new KeyEnvelopeError("not_a_reader", "Your reader key is not one of this envelope's readers.", {
      details: `Your public key is ${toHex(publicKey)}; the envelope lists ${parsed.readers.map((r) => `${r.role} ${r.publicKey}`).join(", ")}.`,
      hint: "Use the key whose public key the program published for you, or ask the oracle to add your key for future submissions.",
    });
  }
  for (const entry of mine) {
    const ephemeralPublic = parseHex(entry.ephemeralPublicKey, 32)!;
    let shared: Uint8Array;
    try {
      shared = x25519.getSharedSecret(secret, ephemeralPublic);
    } catch {
      continue; // a low-order ephemeral key: a forged entry
    }
    const { key, nonce } = wrapKeys(shared, ephemeralPublic, publicKey, parsed.context);
    shared.fill(0);
    try {
      return chacha20poly1305(key, nonce, entryAad(entry.role, entry.id)).decrypt(parseHex(entry.wrappedKey, DATA_KEY_BYTES + 16)!);
    } catch {
      // try the next entry listing this key, if any
    }
  }
  throw new KeyEnvelopeError("unwrap_failed", "Your entry in the key envelope does not authenticate.", {
    details: "The entry, its role or id, or the envelope's context was changed after the envelope was made.",
    hint: "Fetch the envelope again by its CID; if it still fails, report the submission to the oracle.",
  });
}

/** Checks the shape of a parsed JSON value and returns it typed; `malformed` otherwise. */
export function parseKeyEnvelope(value: unknown): KeyEnvelope {
  const fail = (details: string): never => {
    throw new KeyEnvelopeError("malformed", "This is not a 1TT key envelope.", {
      details,
      hint: `A key envelope is JSON with schema "${KEY_ENVELOPE_SCHEMA}", a context and a list of readers.`,
    });
  };
  if (typeof value !== "object" || value === null) return fail(`Expected an object, got ${value === null ? "null" : typeof value}.`);
  const v = value as Record<string, unknown>;
  if (v.schema !== KEY_ENVELOPE_SCHEMA) return fail(`schema is ${JSON.stringify(v.schema)}.`);
  if (typeof v.context !== "string") return fail("context is missing.");
  if (!Array.isArray(v.readers) || v.readers.length === 0) return fail("readers is missing or empty.");
  v.readers.forEach((r: unknown, i) => {
    const e = r as Record<string, unknown>;
    if (typeof e !== "object" || e === null) return fail(`readers[${i}] is not an object.`);
    if (!READER_ROLES.includes(e.role as ReaderRole)) return fail(`readers[${i}].role is ${JSON.stringify(e.role)}.`);
    if (e.id !== undefined && typeof e.id !== "string") return fail(`readers[${i}].id is not a string.`);
    if (!parseHex(e.publicKey, 32) || !parseHex(e.ephemeralPublicKey, 32)) return fail(`readers[${i}] has a key that is not 32-byte hex.`);
    if (!parseHex(e.wrappedKey, DATA_KEY_BYTES + 16)) return fail(`readers[${i}].wrappedKey is not ${DATA_KEY_BYTES + 16}-byte hex.`);
  });
  return v as unknown as KeyEnvelope;
}

/**
 * A reader public key as it is published (0x + 64 lowercase hex), after checking it can receive
 * a wrapped key: 32 bytes and not a low-order X25519 point. Throws KeyEnvelopeError
 * `bad_public_key` otherwise.
 */
export function checkReaderPublicKey(value: Uint8Array | string): Hex {
  const publicKey = publicKeyOf(value);
  const probe = randomBytes(32);
  sharedSecret(probe, publicKey).fill(0);
  probe.fill(0);
  return toHex(publicKey);
}

function wrapKeys(shared: Uint8Array, ephemeralPublic: Uint8Array, recipient: Uint8Array, context: string) {
  // Both public keys in the info, as HPKE's kem_context and age's salt do: the wrap key belongs
  // to this exchange only. The context comes last, so the fixed-length fields need no framing.
  const info = concat(utf8("1tt/keys@1 x25519 wrap\0"), ephemeralPublic, recipient, utf8(context));
  const okm = hkdf(sha256, shared, utf8("1tt/keys@1"), info, 32 + 12);
  return { key: okm.subarray(0, 32), nonce: okm.subarray(32) };
}

const entryAad = (role: string, id: string | undefined): Uint8Array => utf8(JSON.stringify([role, id ?? null]));

function sharedSecret(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  try {
    return x25519.getSharedSecret(privateKey, publicKey);
  } catch (cause) {
    throw new KeyEnvelopeError("bad_public_key", `Reader public key ${toHex(publicKey)} is not usable.`, {
      details: "It is a low-order X25519 point: the shared secret would be zero.",
      hint: "Check the published public key of this reader.",
      cause,
    });
  }
}

function publicKeyOf(value: Uint8Array | string): Uint8Array {
  try {
    return keyBytes(value, 32, "A reader public key");
  } catch (cause) {
    throw new KeyEnvelopeError("bad_public_key", "A reader public key is not 32 bytes.", { details: (cause as Error).message, cause });
  }
}

function checkRole(role: string): void {
  if (!READER_ROLES.includes(role as ReaderRole)) {
    throw new KeyEnvelopeError("malformed", `Unknown reader role ${JSON.stringify(role)}.`, { hint: `Use one of ${READER_ROLES.join(", ")}.` });
  }
}

function checkContext(context: string): void {
  if (typeof context !== "string" || context.length === 0) {
    throw new KeyEnvelopeError("malformed", "A key envelope needs a non-empty context.", {
      hint: 'Name what the key is for, e.g. "1tt/submission/<chainId>/<program>/<contributor>/<sequence>".',
    });
  }
}

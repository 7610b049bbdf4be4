// Errors of the content store. Each has a short message, the details a reader needs to tell
// one case from another, and what to do about it. `message` joins the three, so a log line
// carries all of it; callers match on the class (or `name`), never on the text.
import { OneTTError, type OneTTErrorParameters } from "../protocol/errors.ts";

export type StoreErrorParameters = OneTTErrorParameters;

export class StoreError extends OneTTError {
  static override readonly code: string = "store_failed";
  override name = "StoreError";
}

/** A string that is not a CID, or a CID the store cannot hold (unsupported codec or hash). */
export class InvalidCidError extends StoreError {
  static override readonly code = "invalid_cid";
  override name = "InvalidCidError";
  readonly input: string;

  constructor(input: string, { details, cause }: { details?: string; cause?: unknown } = {}) {
    super(`Not a valid CID: ${JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input)}.`, {
      details: details ?? (cause instanceof Error ? cause.message : undefined),
      hint: "Pass a CIDv1 string such as bafkrei… or bafybei… as printed by the oracle.",
      cause,
    });
    this.input = input;
  }
}

/** The content (or one block of its DAG) is not in the store. */
export class CidNotFoundError extends StoreError {
  static override readonly code = "not_found";
  override name = "CidNotFoundError";
  readonly cid: string;
  /** The block that is missing when it is not the root itself. */
  readonly missing: string | undefined;

  constructor(cid: string, { where, missing, cause }: { where: string; missing?: string; cause?: unknown }) {
    super(
      missing && missing !== cid
        ? `Content ${cid} is incomplete in ${where}: block ${missing} is missing.`
        : `Content ${cid} is not in ${where}.`,
      {
        hint: "Add the data again (the same bytes give the same CID), or import a CAR file that holds it.",
        cause,
      },
    );
    this.cid = cid;
    this.missing = missing;
  }
}

/** A block whose bytes do not hash to its CID: disk corruption, or a forged CAR file. */
export class BlockCorruptError extends StoreError {
  override name = "BlockCorruptError";
  readonly cid: string;

  constructor(cid: string, { where }: { where: string }) {
    super(`Block ${cid} in ${where} does not match its hash.`, {
      details: "The bytes stored or received under this CID hash to a different CID.",
      hint: "Do not use this data. Re-add it from the original bytes or import it from a trusted CAR file.",
    });
    this.cid = cid;
  }
}

/** A DAG this store does not read: only UnixFS files (dag-pb + raw, sha2-256) are supported. */
export class UnsupportedDagError extends StoreError {
  override name = "UnsupportedDagError";
  readonly cid: string;

  constructor(cid: string, details: string) {
    super(`Content ${cid} is not a UnixFS file this store can read.`, {
      details,
      hint: "The content store holds UnixFS files made with the unixfs-v1-2025 profile; add the bytes with add().",
    });
    this.cid = cid;
  }
}

/** The IPFS node computed a different CID than the oracle for the same bytes. */
export class CidMismatchError extends StoreError {
  override name = "CidMismatchError";
  readonly expected: string;
  readonly actual: string;

  constructor({ expected, actual, url }: { expected: string; actual: string; url: string }) {
    super(`The IPFS node at ${url} returned CID ${actual}, but the oracle computed ${expected}.`, {
      details:
        "The node imported the bytes with different settings than the unixfs-v1-2025 profile " +
        "(chunker, raw leaves, CID version, hash or max links). The content was added unpinned and is not used.",
      hint:
        "Run a Kubo that supports the add options cid-version, raw-leaves, chunker and max-file-links " +
        "(Kubo 0.35 or later), ideally initialised with `ipfs init --profile=unixfs-v1-2025`.",
    });
    this.expected = expected;
    this.actual = actual;
  }
}

/** The IPFS node cannot be reached (connection refused, DNS failure, reset, timeout). */
export class StoreUnreachableError extends StoreError {
  static override readonly code = "store_unavailable";
  override name = "StoreUnreachableError";
  readonly url: string;

  constructor(url: string, { cause }: { cause?: unknown } = {}) {
    super(`Cannot reach the IPFS node's RPC API at ${url}.`, {
      details: describeCause(cause),
      hint:
        "Start the Kubo daemon (`ipfs daemon`) and check that IPFS_API_URL points at its RPC address " +
        "(Addresses.API, usually http://127.0.0.1:5001), or unset IPFS_API_URL to use the embedded store.",
      cause,
    });
    this.url = url;
  }
}

/** The IPFS node answered a request with an error. */
export class StoreRequestError extends StoreError {
  override name = "StoreRequestError";
  readonly endpoint: string;

  constructor(endpoint: string, { url, message, cause }: { url: string; message: string; cause?: unknown }) {
    super(`The IPFS node at ${url} refused ${endpoint}.`, {
      details: message,
      hint: "Read the node's message above; the daemon's log may say more.",
      cause,
    });
    this.endpoint = endpoint;
  }
}

/** A configuration value (environment variable or option) that cannot be used. */
export class InvalidStoreConfigError extends StoreError {
  override name = "InvalidStoreConfigError";
  readonly variable: string;

  constructor(variable: string, value: string, reason: string, hint: string) {
    super(`${variable}=${JSON.stringify(value)} cannot be used: ${reason}.`, { hint });
    this.variable = variable;
  }
}

function describeCause(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  const inner = (cause as { cause?: unknown }).cause;
  const code = (inner as { code?: string } | undefined)?.code ?? (cause as { code?: string }).code;
  const innerMessage = inner instanceof Error ? inner.message : undefined;
  return [code, innerMessage ?? cause.message].filter(Boolean).join(": ");
}

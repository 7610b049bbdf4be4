// Errors of the manifest layer: a short message, the details that tell one case from another,
// and what to do. `message` joins the three so a log line carries everything; callers match on
// the class (or `name`), never on the text.
import { OneTTError, type OneTTErrorParameters } from "../protocol/errors.ts";

export type ManifestErrorParameters = OneTTErrorParameters;

export class ManifestError extends OneTTError {
  override name = "ManifestError";
}

/** One thing wrong with a manifest: where (a dotted path such as `data.raw[0].cid`) and what. */
export interface ManifestIssue {
  path: string;
  message: string;
}

/** A manifest that does not match the "1tt/manifest@1" schema. */
export class ManifestInvalidError extends ManifestError {
  override name = "ManifestInvalidError";
  readonly issues: readonly ManifestIssue[];
  /** The CID it was read from, when it was read. */
  readonly cid: string | undefined;

  constructor(issues: readonly ManifestIssue[], { cid, stage }: { cid?: string; stage: "write" | "read" | "build" }) {
    const first = issues[0];
    super(
      `Manifest${cid ? ` ${cid}` : ""} is invalid: ${first ? `${first.path || "(root)"}: ${first.message}` : "unknown reason"}.`,
      {
        details: issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; "),
        hint:
          stage === "read"
            ? "Do not trust counts from this manifest; it was not written by a conforming oracle."
            : "Fix the values passed to the manifest builder; nothing was stored.",
      },
    );
    this.issues = issues;
    this.cid = cid;
  }
}

/** The bytes stored under a CID do not hash to it (a lying gateway or store). */
export class ManifestCidMismatchError extends ManifestError {
  override name = "ManifestCidMismatchError";
  readonly cid: string;
  readonly actual: string;

  constructor(cid: string, actual: string) {
    super(`The content served for manifest ${cid} hashes to ${actual}.`, {
      hint: "Fetch the manifest from another IPFS node or gateway; do not use these bytes.",
    });
    this.cid = cid;
    this.actual = actual;
  }
}

/** The bytes are JSON but not the canonical encoding, so the CID could not be recomputed from the value. */
export class ManifestNotCanonicalError extends ManifestError {
  override name = "ManifestNotCanonicalError";
  readonly cid: string;

  constructor(cid: string) {
    super(`Manifest ${cid} is not canonical JSON.`, {
      details: "Manifests are written with sorted keys and no whitespace (RFC 8785: oracle/protocol/canonical-json.ts).",
      hint: "Rewrite it with writeManifest; a conforming oracle never stores another encoding.",
    });
    this.cid = cid;
  }
}

/** The content at a CID is not JSON at all, or not UTF-8. */
export class ManifestNotJsonError extends ManifestError {
  override name = "ManifestNotJsonError";
  readonly cid: string;

  constructor(cid: string, details: string, cause?: unknown) {
    super(`Content ${cid} is not a JSON manifest.`, { details, hint: "Check that the CID names a manifest.", cause });
    this.cid = cid;
  }
}

/** A CID that cannot be anchored on chain (not CIDv1, not sha2-256, not raw/dag-pb, or bad bytes). */
export class ManifestCidBytesError extends ManifestError {
  override name = "ManifestCidBytesError";
  constructor(input: string, details: string, cause?: unknown) {
    super(`Not a manifest CID: ${input.length > 90 ? `${input.slice(0, 90)}…` : input}.`, {
      details,
      hint: "Manifest CIDs are CIDv1 (raw or dag-pb, sha2-256), as computed by the oracle's content store.",
      cause,
    });
  }
}

/** The chain of manifests cannot be followed: a missing link, a sequence gap, a different program. */
export class ManifestChainBrokenError extends ManifestError {
  override name = "ManifestChainBrokenError";
  /** The manifest whose `previous` (or whose own content) breaks the chain. */
  readonly at: string;

  constructor(at: string, details: string, cause?: unknown) {
    super(`The manifest chain is broken at ${at}.`, {
      details,
      hint: "An auditor must not accept counts past a broken chain; report it to the program's oracle operators.",
      cause,
    });
    this.at = at;
  }
}

/** Following `previous` comes back to a manifest already visited. */
export class ManifestChainCycleError extends ManifestError {
  override name = "ManifestChainCycleError";
  readonly at: string;

  constructor(at: string, steps: number) {
    super(`The manifest chain loops back to ${at} after ${steps} steps.`, {
      hint: "A content-addressed chain cannot loop unless a store lies: fetch the manifests from another node.",
    });
    this.at = at;
  }
}

/** The walk reached its step limit before the first manifest. */
export class ManifestChainTooLongError extends ManifestError {
  override name = "ManifestChainTooLongError";
  constructor(maxSteps: number, at: string) {
    super(`The manifest chain is longer than ${maxSteps} manifests (stopped at ${at}).`, {
      hint: "Pass a larger maxSteps if the program really has that many submissions.",
    });
  }
}

/** Why a key envelope named by a manifest cannot be used (the store's own errors pass through). */
export type KeyEnvelopeUnreadableReason = "too_large" | "cid_mismatch" | "not_json" | "malformed";

/** The bytes served for a key envelope's CID are not a usable key envelope. */
export class KeyEnvelopeUnreadableError extends ManifestError {
  override name = "KeyEnvelopeUnreadableError";
  readonly reason: KeyEnvelopeUnreadableReason;
  readonly cid: string;

  constructor(cid: string, reason: KeyEnvelopeUnreadableReason, details: string, cause?: unknown) {
    super(`The key envelope ${cid} cannot be used: ${details}`, {
      details,
      hint: "The source altered it or served other content: read it from another gateway, or from the oracle itself.",
      cause,
    });
    this.reason = reason;
    this.cid = cid;
  }
}

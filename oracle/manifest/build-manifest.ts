// Builds the manifest of one accepted submission from the pipeline's report and the CIDs the
// content store returned. Pure: no store, no clock; the service decides the log position.
import { getAddress, type Address, type Hex } from "viem";
import type { ContributionProof } from "../protocol/contribution.ts";
import type { CID } from "multiformats/cid";
import type { PipelineId } from "../pipeline/config.ts";
import type { Report } from "../protocol/report.ts";
import { cumulativeTokens, MAX_CUMULATIVE_TOKENS } from "../protocol/tokens.ts";
import { ManifestInvalidError, type ManifestIssue } from "./errors.ts";
import { MANIFEST_SCHEMA, type FileCommitment, type Manifest, type ManifestSummary } from "./schema.ts";
import { validateManifest } from "./validate-manifest.ts";

/** A stored file as the caller has it: the CID may be an object or a string. */
export interface StoredFile {
  cid: CID | string;
  plaintextSha256: string;
  plaintextBytes: number;
}

export interface BuildManifestParameters {
  program: { chainId: number | bigint; splitter: Address };
  contributor: Address;
  /** Position in the global log of accepted submissions (0 for the first). */
  sequence: number;
  /** Position among this contributor's accepted submissions (0 for the first). */
  contributorSequence: number;
  /** The manifest with `sequence - 1`; null for sequence 0. */
  previous: CID | string | null;
  pipeline: PipelineId;
  report: Report;
  data: {
    /** The uploaded files, in the order of `report.submission.inputs`. */
    raw: readonly StoredFile[];
    filtered: StoredFile;
    report: StoredFile;
    /** The envelope scheme and the key envelope's CID; null when stored in the clear. */
    encryption: { scheme: string; keys: CID | string; privateKeys?: CID | string } | null;
  };
  /** The contributor's cumulative tokens before this submission (0 for their first). */
  previousCumulative: number | bigint;
  /** The attestation nonce (oracle/attest nextNonce); recorded only when it is not contributorSequence + 1. */
  nonce?: bigint;
  /** The contributor's signature of the upload (oracle/protocol/contribution.ts). */
  contribution?: ContributionProof;
}

/** The public part of a report: counts only, no excerpts, no file names. */
export function summarizeReport(report: Report): ManifestSummary {
  const tally = (t: { documents: number; tokens: number }) => ({ documents: t.documents, tokens: t.tokens });
  return {
    documents: { in: report.documents.in, out: report.documents.out },
    tokens: { in: report.tokens.in, out: report.tokens.out },
    removed: Object.fromEntries(Object.entries(report.removed).map(([rule, t]) => [rule, tally(t)])),
    duplicates: {
      exact: { within: tally(report.duplicates.exact.within), across: tally(report.duplicates.exact.across) },
      near: { within: tally(report.duplicates.near.within), across: tally(report.duplicates.near.across) },
      // Reports of pipelines before 1.1.0 have no passage duplicates.
      ...(report.duplicates.passages
        ? { passages: { within: tally(report.duplicates.passages.within), across: tally(report.duplicates.passages.across) } }
        : {}),
    },
    pii: { ...report.pii },
    readerIssues: report.readerIssues.total,
  };
}

const file = (f: StoredFile): FileCommitment => ({
  cid: String(f.cid),
  plaintextSha256: f.plaintextSha256,
  plaintextBytes: f.plaintextBytes,
});

/**
 * The manifest for one submission, validated. Throws ManifestInvalidError (stage "build") when
 * the inputs disagree with each other: the report of another pipeline or log position, raw
 * commitments that are not the report's inputs, or a count out of range.
 */
export function buildManifest(p: BuildManifestParameters): Manifest {
  const issues: ManifestIssue[] = [];
  if (p.report.pipelineId !== p.pipeline.id) {
    issues.push({ path: "pipeline.id", message: `the report was made by ${p.report.pipelineId}, not ${p.pipeline.id}` });
  }
  if (p.report.submission.sequence !== p.sequence) {
    issues.push({ path: "sequence", message: `the report was made at dedup sequence ${p.report.submission.sequence}, not ${p.sequence}` });
  }
  const inputs = p.report.submission.inputs;
  if (inputs.length !== p.data.raw.length) {
    issues.push({ path: "data.raw", message: `the report read ${inputs.length} input files, ${p.data.raw.length} are given` });
  } else {
    inputs.forEach((input, i) => {
      const raw = p.data.raw[i]!;
      if (input.sha256 !== raw.plaintextSha256 || input.bytes !== raw.plaintextBytes) {
        issues.push({ path: `data.raw[${i}]`, message: "does not match the sha256 and size of the report's input" });
      }
    });
  }
  const cumulative = cumulativeTokens(p.previousCumulative, p.report.tokens.out);
  if (cumulative > MAX_CUMULATIVE_TOKENS) issues.push({ path: "tokens.cumulative", message: "is too large" });
  if (issues.length > 0) throw new ManifestInvalidError(issues, { stage: "build" });

  let contributor: Address = p.contributor;
  let splitter: Address = p.program.splitter;
  try {
    contributor = getAddress(p.contributor);
    splitter = getAddress(p.program.splitter);
  } catch {
    // left as given: validation names the field
  }
  return validateManifest(
    {
      schema: MANIFEST_SCHEMA,
      program: { chainId: Number(p.program.chainId), splitter },
      contributor,
      sequence: p.sequence,
      contributorSequence: p.contributorSequence,
      ...(p.nonce !== undefined && p.nonce !== BigInt(p.contributorSequence) + 1n ? { nonce: Number(p.nonce) } : {}),
      previous: p.previous === null ? null : String(p.previous),
      pipeline: {
        id: p.pipeline.id,
        version: p.pipeline.version,
        configHash: p.pipeline.configHash,
        tokenizer: { ...p.pipeline.tokenizer },
      },
      data: {
        encryption:
          p.data.encryption === null
            ? null
            : {
                scheme: p.data.encryption.scheme,
                keys: String(p.data.encryption.keys),
                ...(p.data.encryption.privateKeys === undefined ? {} : { privateKeys: String(p.data.encryption.privateKeys) }),
              },
        raw: p.data.raw.map(file),
        filtered: file(p.data.filtered),
        report: file(p.data.report),
      },
      ...(p.contribution ? { contribution: { issuedAt: p.contribution.issuedAt, signature: p.contribution.signature.toLowerCase() as Hex } } : {}),
      summary: summarizeReport(p.report),
      tokens: { added: p.report.tokens.out, cumulative: Number(cumulative) },
    },
    { stage: "build" },
  );
}

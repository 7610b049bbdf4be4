// The one check of a replayed submission against its manifest, used by the audit's replay and by
// every committee node before it signs: the submission sits where the verifier's own state says
// the next one must (sequence, previous manifest, the contributor's count of submissions), was
// made by the verifier's pipeline, and the verifier's own run gives exactly the manifest's
// tokens, cumulative count, filtered data, report and summary; its nonce is above the
// contributor's previous one. Pure and browser-safe: it compares, the caller ran the pipeline.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { summarizeReport } from "../manifest/build-manifest.ts";
import { manifestNonce, type Manifest } from "../manifest/schema.ts";
import type { Report } from "../protocol/report.ts";
import { canonicalJson, canonicalJsonBytes } from "../protocol/canonical-json.ts";
import { cumulativeTokens } from "../protocol/tokens.ts";

/** What replaying a submission through the pipeline gives (the audit's replay, a committee member's). */
export interface ReplayOutput {
  report: Report;
  /** sha256 (hex) and length of the filtered JSONL the pipeline wrote. */
  filteredSha256: string;
  filteredBytes: number;
}

/** What the verifier's own state says about the contributor before this submission. */
export interface ContributorBefore {
  /** Their accepted submissions so far (the manifest's contributorSequence must equal it). */
  submissions: number;
  cumulative: number;
  /** The nonce of their previous manifest (0 before the first). */
  nonce: bigint;
}

export interface VerifySubmissionParameters {
  cid: string;
  manifest: Manifest;
  /** The verifier's pipeline id. */
  pipelineId: string;
  /** The global position the verifier expects next, and the CID it verified there before. */
  sequence: number;
  previous: string | null;
  contributor: ContributorBefore;
  /** The verifier's own run of the submission's raw data. */
  output: ReplayOutput;
}

export interface SubmissionDifference {
  code: string;
  message: string;
}

/** Every way the manifest differs from what the verifier computed; empty when it agrees. */
export function verifySubmission(p: VerifySubmissionParameters): SubmissionDifference[] {
  const { manifest: m, output: out } = p;
  const at = `manifest ${p.cid} (sequence ${m.sequence}, ${m.contributor})`;
  const found: SubmissionDifference[] = [];
  const differ = (code: string, message: string) => found.push({ code: `replay.${code}`, message });
  if (m.pipeline.id !== p.pipelineId) differ("pipeline_mismatch", `${at} was made by pipeline ${m.pipeline.id}; this verifier runs ${p.pipelineId}.`);
  if (m.sequence !== p.sequence) differ("sequence_mismatch", `${at} has sequence ${m.sequence}; the next one expected is ${p.sequence}.`);
  if (m.previous !== p.previous) differ("previous_mismatch", `${at} follows ${m.previous ?? "nothing"}; the manifest verified before it is ${p.previous ?? "none"}.`);
  if (m.contributorSequence !== p.contributor.submissions) {
    differ("contributor_sequence_mismatch", `${at} is the contributor's submission ${m.contributorSequence}; they have ${p.contributor.submissions} before it.`);
  }
  if (out.report.tokens.out !== m.tokens.added) differ("tokens_mismatch", `Replaying ${at} keeps ${out.report.tokens.out} tokens; the manifest (and so the attestation) says ${m.tokens.added}.`);
  const cumulative = Number(cumulativeTokens(p.contributor.cumulative, out.report.tokens.out));
  if (cumulative !== m.tokens.cumulative) differ("cumulative_mismatch", `Replaying ${at} gives ${m.contributor} ${cumulative} cumulative tokens; the manifest says ${m.tokens.cumulative}.`);
  const nonce = manifestNonce(m);
  if (nonce <= p.contributor.nonce) differ("nonce_not_increasing", `${at} has nonce ${nonce}, not above the contributor's previous ${p.contributor.nonce}.`);
  if (out.filteredSha256 !== m.data.filtered.plaintextSha256) {
    differ("filtered_mismatch", `Replaying ${at} gives filtered data with sha256 ${out.filteredSha256}; the manifest commits to ${m.data.filtered.plaintextSha256}.`);
  }
  const reportSha = bytesToHex(sha256(canonicalJsonBytes(out.report, "report")));
  if (reportSha !== m.data.report.plaintextSha256) differ("report_mismatch", `Replaying ${at} gives a report with sha256 ${reportSha}; the manifest commits to ${m.data.report.plaintextSha256}.`);
  const summary = canonicalJson(summarizeReport(out.report));
  if (summary !== canonicalJson(m.summary)) differ("summary_mismatch", `Replaying ${at} gives the summary ${summary}; the manifest says ${canonicalJson(m.summary)}.`);
  return found;
}

/** Each contributor's position after a run of verified manifests, as verifySubmission expects it. */
export class ContributorPositions {
  readonly #by = new Map<string, ContributorBefore>();

  get(contributor: string): ContributorBefore {
    return this.#by.get(contributor.toLowerCase()) ?? { submissions: 0, cumulative: 0, nonce: 0n };
  }

  /** Records a manifest that was verified. */
  advance(m: Manifest): void {
    this.#by.set(m.contributor.toLowerCase(), { submissions: m.contributorSequence + 1, cumulative: m.tokens.cumulative, nonce: manifestNonce(m) });
  }
}

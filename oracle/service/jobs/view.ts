// How a job is shown over HTTP (GET /jobs/:id, the SSE "done" event, lists), and its schema.
import { jobView as jobViewShape, type JobView, type SignedAttestation } from "../../protocol/oracle-api.ts";
import { sharedAnswer } from "../wire-schema.ts";
import type { Job } from "./job-store.ts";

export type { JobView };

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function jobView(job: Job): JobView {
  const s = job.stored;
  return {
    id: job.id,
    contributor: job.contributor,
    state: job.state,
    stage: job.stage,
    attempts: job.attempts,
    createdAt: iso(job.createdAt)!,
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    files: job.files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
    bytes: job.bytes,
    progress: job.progress,
    result:
      s && job.sequence !== null && job.report
        ? {
            sequence: job.sequence,
            documents: job.report.documents.out,
            tokens: { in: job.report.tokens.in, out: job.report.tokens.out },
            cumulativeTokens: s.cumulativeTokens,
            manifestCid: s.manifestCid,
            keysCid: s.keysCid ?? null,
            privateKeysCid: s.privateKeysCid ?? s.keysCid ?? null,
            reportCid: s.reportCid,
            filteredCid: s.filteredCid,
            rawCids: s.rawCids,
            attestation: job.attestation as SignedAttestation | null,
          }
        : null,
    error: job.error,
  };
}

/** A job, as every route that answers one names it (one component of /openapi.json). */
export const jobSchema = sharedAnswer("Job", jobViewShape);

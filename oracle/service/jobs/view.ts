// How a job is shown over HTTP (GET /jobs/:id, the SSE "done" event, lists), and its schema.
import type { JobView, SignedAttestation } from "../../protocol/oracle-api.ts";
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

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: "null" }] });

const progressSchema = {
  type: "object",
  properties: {
    stage: { type: "string" },
    bytesRead: { type: "integer" },
    bytesTotal: { type: "integer" },
    documents: { type: "integer" },
    kept: { type: "integer" },
    removed: { type: "integer" },
    removedByRule: { type: "object", additionalProperties: { type: "integer" } },
    duplicates: { type: "integer" },
    tokensIn: { type: "integer" },
    tokensOut: { type: "integer" },
  },
};

export const jobSchema = {
  $id: "Job",
  type: "object",
  required: ["id", "contributor", "state", "stage", "attempts", "createdAt", "files", "bytes"],
  properties: {
    id: { type: "string" },
    contributor: { type: "string" },
    state: { type: "string", enum: ["queued", "processing", "accepted", "failed"] },
    stage: { type: "string", enum: ["queued", "reading", "finishing", "storing", "committing", "publishing", "done"] },
    attempts: { type: "integer" },
    createdAt: { type: "string", format: "date-time" },
    startedAt: nullable({ type: "string", format: "date-time" }),
    finishedAt: nullable({ type: "string", format: "date-time" }),
    files: {
      type: "array",
      items: { type: "object", properties: { name: { type: "string" }, bytes: { type: "integer" }, sha256: { type: "string" } } },
    },
    bytes: { type: "integer" },
    progress: nullable(progressSchema),
    result: nullable({
      type: "object",
      properties: {
        sequence: { type: "integer" },
        documents: { type: "integer" },
        tokens: { type: "object", properties: { in: { type: "integer" }, out: { type: "integer" } } },
        cumulativeTokens: { type: "integer" },
        manifestCid: nullable({ type: "string" }),
        keysCid: nullable({ type: "string", description: "the filtered data's key envelope: its data key wrapped for each reader" }),
        privateKeysCid: nullable({ type: "string", description: "the raw files' and report's key envelope (every reader but the consumers)" }),
        reportCid: { type: "string" },
        filteredCid: { type: "string" },
        rawCids: { type: "array", items: { type: "string" } },
        attestation: {},
      },
    }),
    error: nullable({
      type: "object",
      properties: { code: { type: "string" }, message: { type: "string" }, hint: { type: "string" }, status: { type: "integer" } },
    }),
  },
} as const;

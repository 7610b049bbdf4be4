// Uploads and jobs: POST /uploads, the live progress of a job over Server-Sent Events, its report.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Address } from "viem";
import type { TypedDataSigner } from "../../../oracle/protocol/contribution.ts";
import { signedUploadForm } from "../../../oracle/protocol/oracle-client.ts";
import { oracle, type Job, type JobProgress } from "./client.ts";

/**
 * Hashes the files, has the wallet sign them as the contributor's (EIP-712, for the page's program
 * on the oracle's chain) and uploads them with the signature, which the oracle checks and the
 * manifest keeps.
 */
export async function uploadFiles({ files, signer, program }: { files: readonly File[]; signer: TypedDataSigner; program: Address }): Promise<{ job: Job; existing: boolean }> {
  const { program: served } = await oracle.stats();
  // Never sign for a program other than the page's; an oracle that runs none (development) takes the zero address.
  if (served.splitter && served.splitter.toLowerCase() !== program.toLowerCase()) {
    throw new Error(`This oracle counts uploads for the program ${served.splitter}, not for this page's ${program}: upload through the oracle of this program.`);
  }
  const form = await signedUploadForm(signer, served, files.map((f) => ({ name: f.name, data: f })));
  return oracle.upload(form);
}

export interface LiveJob {
  stage?: string;
  /** The last stage the job was seen working in (kept when `done` arrives), to say where a failure happened. */
  lastWorkingStage?: string;
  state?: string;
  progress?: JobProgress;
  /** The finished job (the `done` event). */
  done?: Job;
  /** The stream broke before `done` (the browser retries on its own). */
  interrupted: boolean;
}

/** Follows GET /jobs/:id/events until `done`. */
export function useJobEvents(jobId: string | undefined): LiveJob {
  const [live, setLive] = useState<LiveJob>({ interrupted: false });
  useEffect(() => {
    setLive({ interrupted: false });
    if (!jobId) return;
    const source = new EventSource(oracle.eventsUrl(jobId), { withCredentials: true });
    const parse = (e: Event) => JSON.parse((e as MessageEvent<string>).data);
    source.addEventListener("stage", (e) => {
      const d = parse(e) as { state: string; stage: string };
      setLive((l) => ({ ...l, state: d.state, stage: d.stage, lastWorkingStage: d.stage, interrupted: false }));
    });
    source.addEventListener("progress", (e) => setLive((l) => ({ ...l, progress: parse(e) as JobProgress, interrupted: false })));
    source.addEventListener("done", (e) => {
      const job = parse(e) as Job;
      setLive((l) => ({ ...l, done: job, state: job.state, stage: job.stage, progress: job.progress ?? l.progress, interrupted: false }));
      source.close();
    });
    source.onerror = () => setLive((l) => (l.done ? l : { ...l, interrupted: true }));
    return () => source.close();
  }, [jobId]);
  return live;
}

export function useMyJobs(enabled: boolean) {
  return useQuery({ queryKey: ["oracle", "jobs"], enabled, queryFn: async () => (await oracle.jobs()).jobs });
}

export function useReport(jobId: string | undefined, enabled: boolean) {
  return useQuery({ queryKey: ["oracle", "report", jobId], enabled: Boolean(jobId) && enabled, queryFn: () => oracle.report(jobId!) });
}

export function useSubmissions(contributor: string) {
  return useQuery({
    queryKey: ["oracle", "submissions", contributor],
    queryFn: () => oracle.submissions(contributor),
  });
}

export function useOracleStats() {
  return useQuery({ queryKey: ["oracle", "stats"], queryFn: () => oracle.stats() });
}


export type StageChip = { stage: string; status: "past" | "current" | "failed" | "later" };

/**
 * The stage chips of a job: the stages it went through, the one it is in, and for a failed job the
 * stage it failed in, marked as such, and no "done": a failed job never looks finished.
 */
export function stageChips(stages: readonly string[], live: Pick<LiveJob, "stage" | "lastWorkingStage" | "done">): StageChip[] {
  if (live.done?.state === "failed") {
    const failedAt = live.lastWorkingStage ?? "queued";
    const at = stages.indexOf(failedAt);
    return [
      ...stages.filter((s) => s !== "done").map((stage, i): StageChip => ({ stage, status: i < at ? "past" : i === at ? "failed" : "later" })),
      { stage: "failed", status: "failed" },
    ];
  }
  const stage = live.done?.stage ?? live.stage ?? "queued";
  const at = stages.indexOf(stage);
  return stages.map((s, i) => ({ stage: s, status: stage === "done" || i < at ? "past" : i === at ? "current" : "later" }));
}

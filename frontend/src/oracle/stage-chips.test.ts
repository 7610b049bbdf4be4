import { describe, expect, it } from "vitest";
import { JOB_STAGES, type Job } from "./client.ts";
import { stageChips } from "./jobs.ts";

const done = (state: "accepted" | "failed") => ({ state, stage: "done" }) as Job;
const statuses = (chips: ReturnType<typeof stageChips>) => chips.map((c) => `${c.stage}:${c.status}`);

describe("stage chips", () => {
  it("mark the stages a running job went through and the one it is in", () => {
    expect(statuses(stageChips(JOB_STAGES, { stage: "storing" }))).toEqual([
      "queued:past", "reading:past", "finishing:past", "storing:current", "committing:later", "publishing:later", "done:later",
    ]);
  });

  it("show an accepted job as done", () => {
    expect(stageChips(JOB_STAGES, { stage: "publishing", lastWorkingStage: "publishing", done: done("accepted") }).every((c) => c.status === "past")).toBe(true);
  });

  it("never show a failed job as finished: the stage it failed in, then 'failed', and no 'done'", () => {
    expect(statuses(stageChips(JOB_STAGES, { stage: "done", lastWorkingStage: "finishing", done: done("failed") }))).toEqual([
      "queued:past", "reading:past", "finishing:failed", "storing:later", "committing:later", "publishing:later", "failed:failed",
    ]);
  });

  it("show a failed job whose stages were not seen (the page opened after it ended) as failed from the start", () => {
    const chips = stageChips(JOB_STAGES, { done: done("failed") });
    expect(chips.some((c) => c.status === "past")).toBe(false);
    expect(chips.at(-1)).toEqual({ stage: "failed", status: "failed" });
  });
});

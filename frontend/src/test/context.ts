// What the global setup (global-setup.ts) hands to every test file.
import { inject } from "vitest";
import type { PipelineReports } from "./reports.ts";
import type { World, WorldName } from "./world.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** JSON-RPC URL of the Hardhat node (chain 31337). */
    rpcUrl: string;
    worlds: Record<WorldName, World>;
    reports: PipelineReports;
    /** Prose documents of the pipeline's labelled test set. */
    documents: string[];
  }
}

export const rpcUrl = () => inject("rpcUrl");
/** The chain state a test file starts from; no other file changes it. */
export const world = (name: WorldName): World => inject("worlds")[name];
export const pipelineReports = () => inject("reports");
export const sampleDocuments = () => inject("documents");

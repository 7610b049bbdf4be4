// The service's dedup index: the PostgreSQL one, checked against the state's ledger of accepted
// submissions. The first start on a state that kept its index in memory (dedup-index.bin, or
// only the saved fingerprints) moves it into the database once; later starts load nothing.
import type { ResolvedPipeline } from "../../pipeline/process.ts";
import { PipelineState, StateError } from "../../ledger/state.ts";
import type { Database } from "../database/database.ts";
import { importIndex } from "./import.ts";
import { PostgresDedupIndex } from "./postgres.ts";

/** Null when the pipeline does no dedup. The state in `stateDir` must not be open in this process. */
export async function openDedupIndex(db: Database, stateDir: string, pipeline: ResolvedPipeline): Promise<PostgresDedupIndex | null> {
  if (!pipeline.dedup) return null;
  const ledger = PipelineState.open(stateDir, pipeline, { index: false });
  const committed = ledger.sequence;
  const documents = ledger.log.reduce((n, e) => n + e.documents, 0);
  ledger.release();
  let index = await PostgresDedupIndex.open(db, pipeline.dedup, { committed });
  if (index.size === 0 && documents > 0) {
    const held = PipelineState.open(stateDir, pipeline); // loads dedup-index.bin, or rebuilds it from the fingerprints
    try {
      await importIndex(db, held.index!);
    } finally {
      held.release();
    }
    index = await PostgresDedupIndex.open(db, pipeline.dedup, { committed });
  }
  if (index.size !== documents) {
    throw new StateError(
      `the database's dedup index holds ${index.size} documents, but the ${committed} submissions in ${stateDir} accepted ${documents}: ` +
        `the database and the state are from different runs. Restore both from the same backup.`,
    );
  }
  return index;
}

// Says where the page's history was read from. When the indexer does not answer the page still
// works (from the chain's logs), but slower and with more requests to the RPC: the user is told.
import { indexerUrl } from "../config.ts";
import type { Address } from "viem";
import { useHistorySource } from "./live.ts";

export function HistorySourceNote({ program }: { program: Address }) {
  const source = useHistorySource(program).data;
  if (!source) return null;
  if (source.kind === "indexer") {
    return (
      <span className="muted" data-history-source="indexer">
        History from the indexer, through block {source.through.toString()}
      </span>
    );
  }
  if (source.reason === null) return <span className="muted" data-history-source="logs">History read from the chain's logs</span>;
  return (
    <p role="status" className="note note-warn" data-history-source="logs">
      History is read from the chain's logs, not from the indexer at {indexerUrl}: {source.reason}. Pages load slower.
    </p>
  );
}

// What the indexer keeps: the programs the factory created and every event of each, arguments
// as JSON with amounts as decimal strings (oracle/protocol/indexer-api.ts reads them back).
import { index, onchainTable, primaryKey } from "ponder";

export const program = onchainTable("program", (t) => ({
  address: t.hex().primaryKey(),
  asset: t.hex().notNull(),
  owner: t.hex().notNull(),
  alphaBps: t.bigint().notNull(),
  index: t.bigint().notNull(),
  createdBlock: t.bigint().notNull(),
}));

export const programEvent = onchainTable(
  "program_event",
  (t) => ({
    program: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    eventName: t.text().notNull(),
    transactionHash: t.hex().notNull(),
    args: t.json().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.program, table.blockNumber, table.logIndex] }),
    byName: index().on(table.program, table.eventName),
  }),
);

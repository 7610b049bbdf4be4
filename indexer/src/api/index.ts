// The indexer's HTTP API: the routes the dApp reads (oracle/protocol/indexer-api.ts), and Ponder's
// GraphQL and SQL-over-HTTP for anyone else. Read-only and public, so any origin may read it.
import { Hono } from "hono";
import { cors } from "hono/cors";
import { and, asc, client, eq, graphql, gt, or } from "ponder";
import { db } from "ponder:api";
import schema from "ponder:schema";
import {
  eventCursor,
  INDEXER_PAGE_SIZE,
  IndexerAnswerError,
  indexerPaths,
  parseEventCursor,
  type IndexedEvent,
  type IndexedEventPage,
  type IndexedProgram,
} from "../../../oracle/protocol/indexer-api.ts";

const app = new Hono();
app.use("*", cors());
app.use("/graphql", graphql({ db, schema }));
app.use("/sql/*", client({ db, schema }));

app.get(indexerPaths.programs, async (c) => {
  const rows = await db.select().from(schema.program).orderBy(asc(schema.program.index));
  const programs: IndexedProgram[] = rows.map((r) => ({
    program: r.address,
    asset: r.asset,
    owner: r.owner,
    alphaBps: r.alphaBps.toString(),
    index: r.index.toString(),
    createdBlock: r.createdBlock.toString(),
  }));
  return c.json({ programs });
});

app.get("/programs/:program/events", async (c) => {
  const address = c.req.param("program").toLowerCase();
  if (!/^0x[0-9a-f]{40}$/.test(address)) return c.json({ error: `"${address}" is not a program address (0x and 40 hex digits).` }, 400);
  let after: { blockNumber: bigint; logIndex: number } | undefined;
  const cursor = c.req.query("after");
  try {
    after = cursor ? parseEventCursor(cursor) : undefined;
  } catch (error) {
    if (error instanceof IndexerAnswerError) return c.json({ error: error.message }, 400);
    throw error;
  }
  const e = schema.programEvent;
  const rows = await db
    .select()
    .from(e)
    .where(
      and(
        eq(e.program, address as `0x${string}`),
        after ? or(gt(e.blockNumber, after.blockNumber), and(eq(e.blockNumber, after.blockNumber), gt(e.logIndex, after.logIndex))) : undefined,
      ),
    )
    .orderBy(asc(e.blockNumber), asc(e.logIndex))
    .limit(INDEXER_PAGE_SIZE + 1);
  const events: IndexedEvent[] = rows.slice(0, INDEXER_PAGE_SIZE).map((r) => ({
    program: r.program,
    eventName: r.eventName as IndexedEvent["eventName"],
    blockNumber: r.blockNumber.toString(),
    logIndex: r.logIndex,
    transactionHash: r.transactionHash,
    args: r.args as IndexedEvent["args"],
  }));
  const last = events[events.length - 1];
  const page: IndexedEventPage = { events, next: rows.length > INDEXER_PAGE_SIZE && last ? eventCursor(last.blockNumber, last.logIndex) : null };
  return c.json(page);
});

export default app;

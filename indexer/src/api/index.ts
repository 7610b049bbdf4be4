// The indexer's HTTP API: the routes the dApp reads (oracle/protocol/indexer-api.ts), and Ponder's
// GraphQL and SQL-over-HTTP for anyone else. Read-only and public: Ponder's server answers every
// origin (CORS), so a dApp served from anywhere may read it.
import { Hono } from "hono";
import { and, asc, client, eq, graphql, gt, gte, or } from "ponder";
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
import { indexerSettings } from "../../settings.ts";

const FACTORY = indexerSettings(process.env).factory;

const app = new Hono();
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
  const from = c.req.query("fromBlock") ?? "0";
  if (!/^\d{1,20}$/.test(from)) return c.json({ error: `fromBlock="${from}" is not a block number (decimal digits).` }, 400);
  const limit = Number(c.req.query("limit") ?? INDEXER_PAGE_SIZE);
  if (!Number.isInteger(limit) || limit < 1 || limit > INDEXER_PAGE_SIZE) return c.json({ error: `limit="${c.req.query("limit")}" is not a page size from 1 to ${INDEXER_PAGE_SIZE}.` }, 400);
  let after: { blockNumber: bigint; logIndex: number } | undefined;
  const cursor = c.req.query("after");
  try {
    after = cursor ? parseEventCursor(cursor) : undefined;
  } catch (error) {
    if (error instanceof IndexerAnswerError) return c.json({ error: error.message }, 400);
    throw error;
  }
  // An empty history would be a wrong answer for a program this indexer does not follow.
  const followed = await db.select({ address: schema.program.address }).from(schema.program).where(eq(schema.program.address, address as `0x${string}`)).limit(1);
  if (followed.length === 0) return c.json({ error: `${address} is not a program of the factory ${FACTORY} this indexer follows.` }, 404);
  const e = schema.programEvent;
  const rows = await db
    .select()
    .from(e)
    .where(
      and(
        eq(e.program, address as `0x${string}`),
        gte(e.blockNumber, BigInt(from)),
        after ? or(gt(e.blockNumber, after.blockNumber), and(eq(e.blockNumber, after.blockNumber), gt(e.logIndex, after.logIndex))) : undefined,
      ),
    )
    .orderBy(asc(e.blockNumber), asc(e.logIndex))
    .limit(limit + 1);
  const events: IndexedEvent[] = rows.slice(0, limit).map((r) => ({
    program: r.program,
    eventName: r.eventName as IndexedEvent["eventName"],
    blockNumber: r.blockNumber.toString(),
    logIndex: r.logIndex,
    transactionHash: r.transactionHash,
    args: r.args as IndexedEvent["args"],
  }));
  const last = events[events.length - 1];
  const page: IndexedEventPage = { events, next: rows.length > limit && last ? eventCursor(last.blockNumber, last.logIndex) : null };
  return c.json(page);
});

export default app;

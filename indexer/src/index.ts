// One handler for every event of the splitter's ABI: the indexer stores events as they are, so
// its answers can be checked against the raw logs, and the dApp derives its series with the same
// shared code it uses on logs (frontend/src/program/history.ts).
import { ponder } from "ponder:registry";
import { program, programEvent } from "ponder:schema";
import { revenueSplitterAbi } from "../../oracle/protocol/abi.ts";
import { jsonArgs } from "../../oracle/protocol/indexer-api.ts";

ponder.on("RevenueSplitterFactory:ProgramCreated", async ({ event, context }) => {
  await context.db.insert(program).values({
    address: event.args.program,
    asset: event.args.asset,
    owner: event.args.owner,
    alphaBps: event.args.alphaBps,
    index: event.args.index,
    createdBlock: event.block.number,
  });
});

const SPLITTER_EVENTS = revenueSplitterAbi.filter((item) => item.type === "event").map((item) => item.name);

for (const name of SPLITTER_EVENTS) {
  // The registry types each handler by its event name; here one handler serves them all.
  (ponder.on as (name: string, handler: (args: { event: SplitterEvent; context: { db: Db } }) => Promise<void>) => void)(
    `RevenueSplitter:${name}`,
    async ({ event, context }) => {
      await context.db.insert(programEvent).values({
        program: event.log.address,
        blockNumber: event.block.number,
        logIndex: event.log.logIndex,
        eventName: name,
        transactionHash: event.transaction.hash,
        args: jsonArgs(event.args),
      });
    },
  );
}

type SplitterEvent = {
  args: unknown;
  block: { number: bigint };
  log: { address: `0x${string}`; logIndex: number };
  transaction: { hash: `0x${string}` };
};
type Db = Parameters<Parameters<typeof ponder.on<"RevenueSplitterFactory:ProgramCreated">>[1]>[0]["context"]["db"];

// `1tt takeover`: turns a stopped committee member's state folder into the data folder of a new
// leader oracle (oracle/service/takeover.ts), then says how to start it. Exit 2 for a usage
// error, 1 when the folders cannot be used.
import { join, resolve } from "node:path";
import { CommanderError, type Command } from "commander";
import { takeOver, TakeoverError } from "../service/takeover.ts";

export function registerTakeover(program: Command): void {
  program
    .command("takeover")
    .description("make a stopped committee member the new leader: write an oracle data folder from its node's state (verified submissions, dedup state), to start `npm run oracle` on")
    .requiredOption("--state <dir>", "the member's state folder (as given to 1tt node --state)")
    .requiredOption("--data-dir <dir>", "an empty folder for the new oracle's data (its ORACLE_DATA_DIR); its database is the embedded one there, or DATABASE_URL's (empty)")
    .exitOverride((err: CommanderError) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: { state: string; dataDir: string }) => {
      try {
        const imported = await takeOver({ memberState: resolve(opts.state), dataDir: resolve(opts.dataDir), databaseUrl: process.env.DATABASE_URL?.trim() || null });
        console.log(`imported ${imported} submissions into ${resolve(opts.dataDir)}; each is published again (posted only if not on chain yet).`);
        console.log(`start the new leader with this member's signer key and its copy of the content:`);
        console.log(`  ORACLE_DATA_DIR=${resolve(opts.dataDir)} CONTENT_STORE_DIR=${join(resolve(opts.state), "ipfs")} ORACLE_SIGNER_KEYSTORE=… ORACLE_COMMITTEE_MEMBERS=<the other members> … npm run oracle`);
        console.log(`and point the other members' --gateway at it.`);
      } catch (e) {
        console.error(`1tt takeover: ${(e as Error).message}`);
        process.exit(e instanceof TakeoverError ? 2 : 1);
      }
    });
}

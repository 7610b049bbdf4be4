// `1tt takeover`: turns a stopped committee member's state folder into the data folder of a new
// leader oracle, then says how to start it. The work is the service's (oracle/service/
// takeover-main.ts), run as a child process: the CLI never imports the oracle service. Exit 2 for
// a usage error, 1 when the folders cannot be used.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CommanderError, type Command } from "commander";

const TAKEOVER_MAIN = fileURLToPath(new URL("../service/takeover-main.ts", import.meta.url));

export function registerTakeover(program: Command): void {
  program
    .command("takeover")
    .description("make a stopped committee member the new leader: write an oracle data folder from its node's state (verified submissions, dedup state), to start `npm run oracle` on")
    .requiredOption("--state <dir>", "the member's state folder (as given to 1tt node --state)")
    .requiredOption("--data-dir <dir>", "an empty folder for the new oracle's data (its ORACLE_DATA_DIR); its database is the embedded one there, or DATABASE_URL's (empty)")
    .exitOverride((err: CommanderError) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action((opts: { state: string; dataDir: string }) => {
      const run = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", TAKEOVER_MAIN, resolve(opts.state), resolve(opts.dataDir)], { stdio: "inherit" });
      process.exit(run.status ?? 1);
    });
}

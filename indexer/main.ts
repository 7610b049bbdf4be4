// npm run indexer: the indexer as a long-running service, configured from the environment only
// (.env.example; `npm run deploy:env` prints a deployment's values). A wrong setting stops it
// before Ponder starts, with the variable named.
import { spawn } from "node:child_process";
import { indexerCommand } from "./launch.ts";
import { IndexerConfigError, indexerSettings } from "./settings.ts";

try {
  indexerSettings(process.env);
} catch (error) {
  if (!(error instanceof IndexerConfigError)) throw error;
  process.stderr.write(`✗ ${error.message}\n`);
  process.exit(2);
}
const port = Number(process.env.INDEXER_PORT || 42069);
const { command, args, cwd, env } = indexerCommand(process.env, port, process.env.INDEXER_HOST || "127.0.0.1");
const child = spawn(command, args, { cwd, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

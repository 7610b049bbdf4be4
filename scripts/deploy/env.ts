// `npm run --silent deploy:env -- --chain-id <id> [--name <program>] [--ignition-dir <dir>]`
// Prints, as KEY=value lines, what the oracle and the dApp build need from a chain's recorded
// deployment (Ignition's deployed_addresses.json and journal), e.g.
//   set -a; eval "$(npm run --silent deploy:env -- --chain-id 84532)"; set +a
import { parseArgs } from "node:util";
import { programEnv, REPO_IGNITION_DIR } from "./deployments.ts";

const { values: o } = parseArgs({ options: { "chain-id": { type: "string" }, name: { type: "string" }, "ignition-dir": { type: "string" } } });
const chainId = Number(o["chain-id"]);
if (!Number.isSafeInteger(chainId) || chainId < 1) {
  process.stderr.write("usage: npm run --silent deploy:env -- --chain-id <id> [--name <program>] [--ignition-dir <dir>]\n");
  process.exit(2);
}
try {
  const env = programEnv(o["ignition-dir"] ?? REPO_IGNITION_DIR, chainId, o.name);
  process.stdout.write(Object.entries(env).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
} catch (e) {
  process.stderr.write(`deploy:env: ${(e as Error).message}\n`);
  process.exit(2);
}

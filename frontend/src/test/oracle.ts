// The oracle service for the component tests: `node oracle/service/main.ts` as a child on a free
// port, its data in a temp folder (embedded content store, one pipeline worker), no program
// (it accepts and stores submissions, attests nothing). Stopped by PID.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { testEnv } from "../../../oracle/service/testing.ts";
import { freePort, ROOT } from "../../e2e/chain.ts";

const MAIN = join(ROOT, "oracle/service/main.ts");

export interface Service {
  url: string;
  stop: () => void;
}

export async function startOracle(options: { publicOrigin: string; dataDir: string }): Promise<Service> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The service tests' environment (oracle/service/testing.ts), on a port and origin of our own.
  const env = testEnv(options.dataDir, { ORACLE_HOST: "127.0.0.1", ORACLE_PORT: String(port), ORACLE_PUBLIC_ORIGIN: options.publicOrigin, ORACLE_LOG_LEVEL: "warn" });
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", MAIN], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  const output: Buffer[] = [];
  child.stderr!.on("data", (c: Buffer) => output.push(c));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGTERM");
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (healthy) return { url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`the oracle did not come up on ${url} (exit code ${child.exitCode}): ${Buffer.concat(output).toString()}`);
}

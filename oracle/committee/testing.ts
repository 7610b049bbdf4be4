// Committee members and a leader oracle as separate OS processes for the committee tests: each
// with its own state folder and a port of its own, its output kept for the failure message.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { JobView } from "../protocol/oracle-api.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface Running {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM (or SIGKILL with `kill`), resolved once the process has exited. */
  stop(kill?: boolean): Promise<void>;
}

/** A port free right now on `host` (the OS picks it). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function launch(args: string[], env: NodeJS.ProcessEnv, ready: (out: string) => string | null, timeoutMs: number, netns?: string): Promise<Running> {
  const node = [process.execPath, "--disable-warning=ExperimentalWarning", ...args];
  // `ip netns exec` enters the namespace and executes node in its place: the child's pid is node's.
  const [command, ...rest] = netns ? ["ip", "netns", "exec", netns, ...node] : node;
  const child = spawn(command!, rest, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return new Promise((resolveRunning, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const url = ready(out);
      if (url) {
        clearTimeout(timer);
        resolveRunning({
          url,
          child,
          output: () => out,
          stop: async (kill = false) => {
            if (child.exitCode === null && child.signalCode === null) child.kill(kill ? "SIGKILL" : "SIGTERM");
            await exited;
          },
        });
      }
    };
    child.stdout!.on("data", check);
    if (ready("") !== null) check(Buffer.alloc(0));
    child.stderr!.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${out}`));
    });
  });
}

/** `1tt node` with a development signer key, reading submissions through the leader's gateway. */
export function startMemberProcess(o: { privateKey: string; rpc: string; splitter: string; state: string; gateway: string; port: number; host?: string; netns?: string; pipelineConfig?: string; follow?: number }): Promise<Running> {
  const args = [join(ROOT, "oracle/cli/1tt.ts"), "node", "--rpc", o.rpc, "--splitter", o.splitter, "--state", o.state, "--gateway", o.gateway, "--host", o.host ?? "127.0.0.1", "--port", String(o.port), "--workers", "1", "--follow", String(o.follow ?? 1)];
  if (o.pipelineConfig) args.push("--pipeline-config", o.pipelineConfig);
  return launch(args, { ORACLE_SIGNER_PRIVATE_KEY: o.privateKey }, (out) => /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? null, 60_000, o.netns);
}

/** The environment of a leader oracle for `splitter` on the test chain, asking `members` (signer → URL) to co-sign. */
export function leaderEnv(o: { dataDir: string; storeDir: string; rpc: string; splitter: string; privateKey: string; members: Record<string, string> }): Record<string, string> {
  return {
    ORACLE_DATA_DIR: o.dataDir,
    CONTENT_STORE_DIR: o.storeDir,
    CHAIN_ID: "31337",
    RPC_URL: o.rpc,
    SPLITTER_ADDRESS: o.splitter,
    ORACLE_SIGNER_PRIVATE_KEY: o.privateKey,
    ORACLE_PUBLIC_ORIGIN: "http://localhost:5173",
    PIPELINE_WORKERS: "1",
    ORACLE_COMMITTEE_MEMBERS: Object.entries(o.members).map(([address, url]) => `${address}=${url}`).join(","),
  };
}

/**
 * The oracle service (`npm run oracle`) on `port`, ready once /health answers. `entry`: another
 * script that starts the same service (a dishonest leader in the tests), relative to the repository,
 * and `args` the arguments it is given.
 */
export async function startLeaderProcess(env: Record<string, string>, port: number, host = "127.0.0.1", netns?: string, entry = "oracle/service/main.ts", args: string[] = []): Promise<Running> {
  const url = `http://${host}:${port}`;
  const running = await launch([join(ROOT, entry), ...args], { ORACLE_HOST: host, ORACLE_PORT: String(port), ORACLE_LOG_LEVEL: "warn", ...env }, () => url, 60_000, netns);
  for (let i = 0; i < 300; i++) {
    if (running.child.exitCode !== null) break;
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return running;
    await new Promise((r) => setTimeout(r, 100));
  }
  await running.stop(true);
  throw new Error(`the leader at ${url} does not answer /health:\n${running.output()}`);
}

/** Polls the leader's GET /jobs/:id until the job is accepted or failed (at most two minutes), naming the leader's output otherwise. */
export async function jobEnd(leader: Running, auth: Record<string, string>, id: string): Promise<JobView> {
  for (let i = 0; ; i++) {
    const job = (await (await fetch(`${leader.url}/jobs/${id}`, { headers: auth })).json()) as JobView;
    if (job.state === "failed" || job.state === "accepted") return job;
    if (i >= 1200) throw new Error(`the job did not end within two minutes (${job.state}, ${job.stage}, ${JSON.stringify(job.error)}):\n${leader.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

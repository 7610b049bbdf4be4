// The rehearsal's dApp step: the dApp built from the deployment record alone (what `deploy:env`
// printed, plus the network's public RPC URL), served as a host would serve it, and the served
// bundle checked to carry the program's address, its chain id and the RPC URL. A build that
// picked up anything else (a stale .env, the local chain's defaults) would fail here, not in a
// user's browser.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../start/ports.ts";
import type { ProcessTable } from "../start/processes.ts";
import { ROOT } from "./deployments.ts";

const run = promisify(execFile);
const VITE = join(ROOT, "node_modules/vite/bin/vite.js");

/** The dApp's build settings: the record's VITE_* entries and the network's RPC URL, nothing else. */
export function dappEnvFromRecord(recorded: Record<string, string>, rpcUrlVariable: string, rpcUrl: string): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(recorded).filter(([k]) => k.startsWith("VITE_"))), [rpcUrlVariable]: rpcUrl };
}

export interface ServedDapp {
  url: string;
  /** The JavaScript files index.html loads, and their size in bytes. */
  scripts: { path: string; bytes: number }[];
}

/**
 * Builds the dApp with `settings` only (every VITE_ variable of this process's environment left
 * out), serves it with `vite preview` (its /oracle path proxied to `oracleUrl`), and checks that
 * the scripts the served index loads hold each of `expected` (a text, or a pattern of the minified
 * code).
 */
export async function buildAndServeDapp(o: { settings: Record<string, string>; oracleUrl: string; dir: string; table: ProcessTable; expected: Record<string, string | RegExp> }): Promise<ServedDapp> {
  const outDir = join(o.dir, "web");
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITE_")));
  const env = { ...inherited, ...o.settings, ORACLE_PROXY_TARGET: o.oracleUrl };
  await run(process.execPath, [VITE, "build", "--config", "frontend/vite.config.ts", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], { cwd: ROOT, env, maxBuffer: 16 << 20 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = o.table.start("dApp server", process.execPath, [VITE, "preview", "--config", "frontend/vite.config.ts", "--outDir", outDir, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], { cwd: ROOT, env, log: join(o.dir, "logs/web.log") });
  let index = "";
  for (let i = 0; !index; i++) {
    if (server.child.exitCode !== null) throw new Error(`the dApp server exited (see ${join(o.dir, "logs/web.log")})`);
    if (i > 120) throw new Error(`the dApp server did not answer on ${url} within 30 s`);
    index = await fetch(url).then((r) => (r.ok ? r.text() : ""), () => "");
    if (!index) await new Promise((r) => setTimeout(r, 250));
  }
  // What the page loads at once: its entry script and the modules it preloads.
  const paths = [...index.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => new URL(m[1]!, `${url}/`).pathname);
  if (paths.length === 0) throw new Error(`the served index.html at ${url} loads no script`);
  const served = await Promise.all(paths.map(async (path) => {
    const res = await fetch(`${url}${path}`);
    if (!res.ok) throw new Error(`GET ${url}${path}: ${res.status}`);
    return { path, body: await res.text() };
  }));
  for (const [what, value] of Object.entries(o.expected)) {
    const found = served.some((s) => (typeof value === "string" ? s.body.includes(value) : value.test(s.body)));
    if (!found) throw new Error(`the served dApp does not carry ${what} (${value}): its build did not read the deployment record`);
  }
  return { url, scripts: served.map((s) => ({ path: s.path, bytes: Buffer.byteLength(s.body) })) };
}

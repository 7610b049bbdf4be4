// npm run test:kubo: the Kubo backend against a real IPFS RPC server that no one here wrote.
// Installs js-ipfs 0.66 (`ipfs` on npm, about 1,000 packages, a few minutes the first time) into
// a cache folder outside the project's dependencies, starts it on loopback ports with no swarm,
// runs scripts/kubo/kubo-node.test.ts (the store's calls) and kubo-oracle.test.ts (an oracle upload
// to its receipt and `1tt fetch`) against its /api/v0, and stops it by its PID.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const JS_IPFS = "0.66.1";
const ROOT = resolve(import.meta.dirname, "../..");
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "1tt", `js-ipfs-${JS_IPFS}`);
const jsipfs = join(cache, "node_modules", ".bin", "jsipfs");

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

if (!existsSync(jsipfs)) {
  console.log(`test:kubo: installing js-ipfs ${JS_IPFS} into ${cache} (once; a few minutes)`);
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, "package.json"), JSON.stringify({ name: "1tt-js-ipfs", private: true }));
  const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `ipfs@${JS_IPFS}`], { cwd: cache, stdio: "inherit" });
  if (install.status !== 0) throw new Error(`npm install ipfs@${JS_IPFS} failed (exit ${install.status}): the registry must be reachable`);
}

const repo = mkdtempSync(join(tmpdir(), "1tt-js-ipfs-"));
const env = { ...process.env, IPFS_PATH: repo };
const init = spawnSync(jsipfs, ["init", "--profile", "test"], { env, encoding: "utf8" });
if (init.status !== 0) throw new Error(`jsipfs init failed: ${init.stderr}`);
// Loopback only, and no swarm: the node never reaches (or is reached from) the network.
const [api, gateway, rpc] = [await freePort(), await freePort(), await freePort()];
const config = JSON.parse(readFileSync(join(repo, "config"), "utf8"));
config.Addresses = { ...config.Addresses, API: `/ip4/127.0.0.1/tcp/${api}`, Gateway: `/ip4/127.0.0.1/tcp/${gateway}`, RPC: `/ip4/127.0.0.1/tcp/${rpc}`, Swarm: [], Delegates: [] };
config.Bootstrap = [];
writeFileSync(join(repo, "config"), JSON.stringify(config, null, 2));

const daemon = spawn(jsipfs, ["daemon"], { env, stdio: ["ignore", "pipe", "pipe"] });
let log = "";
daemon.stdout.on("data", (c: Buffer) => (log += c));
daemon.stderr.on("data", (c: Buffer) => (log += c));
const url = `http://127.0.0.1:${api}`;
let code = 1;
try {
  for (let i = 0; !/Daemon is ready/.test(log); i++) {
    if (daemon.exitCode !== null || i > 240) throw new Error(`js-ipfs did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`test:kubo: js-ipfs ${JS_IPFS} serving /api/v0 on ${url}`);
  const tests = spawnSync(process.execPath, ["--test", "--test-reporter=spec", "--disable-warning=ExperimentalWarning", "scripts/kubo/kubo-node.test.ts", "scripts/kubo/kubo-oracle.test.ts"], {
    cwd: ROOT,
    env: { ...process.env, IPFS_API_URL: url },
    stdio: "inherit",
  });
  code = tests.status ?? 1;
  if (daemon.exitCode !== null) {
    console.error(`test:kubo: the js-ipfs daemon exited during the tests:\n${log}`);
    code = 1;
  }
} finally {
  if (daemon.exitCode === null && daemon.pid) process.kill(daemon.pid, "SIGTERM");
  rmSync(repo, { recursive: true, force: true });
}
process.exit(code);

// `npm run test:postgres-server [-- test files]`: the oracle's database tests against a separate
// PostgreSQL server reached over TCP with a password, as production reaches one through
// DATABASE_URL, instead of the embedded server on a Unix socket. It uses Debian's `postgresql`
// package (installed with apt-get when missing), makes a throw-away cluster on a free port of
// 127.0.0.1 with scram-sha-256 authentication and a role that may create databases, runs the
// tests with ORACLE_TEST_DATABASE_URL pointing at it, then stops and deletes the cluster.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_SERVER_VARIABLE } from "../../oracle/service/database/test-server.ts";

const DEFAULT_TESTS = ["oracle/service/api-processes.test.ts", "oracle/service/siwe.test.ts", "oracle/service/service.test.ts", "oracle/service/recovery.test.ts", "oracle/service/uploads.test.ts", "oracle/service/database/from-sqlite.test.ts"];

function debianBin(): string {
  const find = () => (existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(join(d, "pg_ctl"))) : undefined);
  let bin = find();
  if (!bin) {
    console.log("installing Debian's postgresql package (apt-get install -y postgresql)");
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"], { stdio: "inherit" });
    bin = find();
  }
  if (!bin) throw new Error("Debian's postgresql package gave no pg_ctl under /usr/lib/postgresql/*/bin");
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const files = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_TESTS;
const bin = debianBin();
const root = mkdtempSync(join(tmpdir(), "1tt-postgres-server-"));
chmodSync(root, 0o755);
const cluster = join(root, "cluster");
const asServer = process.getuid?.() === 0
  ? { uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })) }
  : {};
mkdirSync(cluster, { mode: 0o700 });
if ("uid" in asServer) chownSync(cluster, asServer.uid!, asServer.gid!);
const password = randomBytes(12).toString("hex");
const pwfile = join(root, "pw");
writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
const port = await freePort();
const started = Date.now();
execFileSync(join(bin, "initdb"), ["--pgdata", cluster, "--username", "admin", "--pwfile", pwfile, "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C"], { ...asServer, stdio: "ignore" });
try {
  // The log and the socket go in the cluster's folder: the server's user owns it.
  execFileSync(join(bin, "pg_ctl"), ["start", "--wait", "--silent", "--pgdata", cluster, "--log", join(cluster, "server.log"), "-o", `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories='${cluster}' -c max_connections=200`], { ...asServer, stdio: "ignore" });
} catch (e) {
  rmSync(root, { recursive: true, force: true });
  throw e;
}
const url = `postgresql://admin:${password}@127.0.0.1:${port}/postgres`;
console.log(`PostgreSQL ${execFileSync(join(bin, "postgres"), ["--version"], { encoding: "utf8" }).trim()} on 127.0.0.1:${port} (password authentication), ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

let code = 1;
try {
  const child = spawn(process.execPath, ["--test", "--test-reporter=spec", "--test-concurrency=2", "--disable-warning=ExperimentalWarning", ...files], {
    stdio: "inherit",
    env: { ...process.env, [TEST_SERVER_VARIABLE]: url },
  });
  code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
} finally {
  execFileSync(join(bin, "pg_ctl"), ["stop", "--wait", "--silent", "--mode", "fast", "--pgdata", cluster], { ...asServer, stdio: "ignore" });
  rmSync(root, { recursive: true, force: true });
}
console.log(`tests against the PostgreSQL server took ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
process.exit(code);

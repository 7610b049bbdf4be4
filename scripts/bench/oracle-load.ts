// Oracle load test: many wallets signing in and uploading at once through the dApp's /oracle
// proxy (vite's, as `npm start` and `npm run dev:web` serve it), the oracle run as `npm run
// oracle` runs it. Every wallet signs in, registers its reader key, uploads a dataset of its own
// and follows its job to the end; all wallets at once, for several rounds. Prints p50/p95 of each
// step and checks that every job completes.
//
//   node --disable-warning=ExperimentalWarning scripts/bench/oracle-load.ts      (50 wallets × 3 rounds)
//   WALLETS=20 ROUNDS=2 node --disable-warning=ExperimentalWarning scripts/bench/oracle-load.ts
//
// Every wallet stands for a browser of its own: its requests carry an X-Forwarded-For address of
// its own, which the proxy passes on after it (the oracle trusts the proxy on loopback, as `npm
// start` configures it), so per-client rate limits apply as they would to 50 people.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "vite";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { freePort } from "../../frontend/e2e/chain.ts";
import { readerKeyFromWallet } from "../../oracle/crypto/index.ts";
import { signInWithWallet } from "../../oracle/protocol/oracle-client.ts";
import { datasetJsonl, exited, followEvents, startMain, testEnv, upload, type SignedIn } from "../../oracle/service/testing.ts";

const WALLETS = Number(process.env.WALLETS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PROGRAM = "0x000000000000000000000000000000000000dEaD";
const STEPS = ["sign-in", "upload", "processing", "total"] as const;
type Step = (typeof STEPS)[number];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const dir = mkdtempSync(join(tmpdir(), "1tt-load-"));
const webPort = await freePort();
const web = `http://127.0.0.1:${webPort}`;
const oracle = await startMain({ ...testEnv(dir, { ORACLE_PORT: "0", ORACLE_LOG_LEVEL: "info", ORACLE_TRUST_PROXY: "loopback", ORACLE_PUBLIC_ORIGIN: web }) });
process.env.ORACLE_PROXY_TARGET = oracle.url;
const proxy = await createServer({ configFile: join(import.meta.dirname, "../../frontend/vite.config.ts"), logLevel: "warn", server: { port: webPort, strictPort: true } });
await proxy.listen();
const base = `${web}/oracle`;

const times: Record<Step, number[]> = { "sign-in": [], upload: [], processing: [], total: [] };
const failures: string[] = [];
const wallets = Array.from({ length: WALLETS }, (_, i) => ({ account: privateKeyToAccount(generatePrivateKey()), client: `198.51.100.${i + 1}` }));
const started = Date.now();
console.log(`${WALLETS} wallets × ${ROUNDS} rounds through ${base} (oracle ${oracle.url}); load average before: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);

for (let round = 0; round < ROUNDS; round++) {
  const roundStart = Date.now();
  await Promise.all(wallets.map(async ({ account, client }, i) => {
    const t0 = performance.now();
    try {
      const headers = { "x-forwarded-for": client, origin: web };
      const auth = await signInWithWallet(base, account, { program: PROGRAM, readerKey: readerKeyFromWallet, headers });
      const t1 = performance.now();
      const who = { account, token: "", auth: { ...headers, ...auth }, readerKey: null } as SignedIn;
      const res = await upload(base, who, [{ name: `round-${round}.jsonl`, data: datasetJsonl(1000 * round + i + 1) }]);
      if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      const { job } = (await res.json()) as { job: { id: string } };
      const t2 = performance.now();
      const done = (await followEvents(base, who, job.id)).at(-1)!.data;
      const t3 = performance.now();
      if (done.state !== "accepted") throw new Error(`job ${job.id} ended ${done.state}: ${JSON.stringify(done.error)}`);
      times["sign-in"].push(t1 - t0);
      times.upload.push(t2 - t1);
      times.processing.push(t3 - t2);
      times.total.push(t3 - t0);
    } catch (e) {
      failures.push(`round ${round + 1}, wallet ${i + 1}: ${(e as Error).message}`);
    }
  }));
  console.log(`round ${round + 1}: ${((Date.now() - roundStart) / 1000).toFixed(1)} s`);
}

const jobs = WALLETS * ROUNDS;
console.log(`\n${jobs - failures.length} of ${jobs} jobs completed in ${((Date.now() - started) / 1000).toFixed(1)} s; load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
console.log("| step | p50 (ms) | p95 (ms) | max (ms) |\n|---|---|---|---|");
for (const step of STEPS) {
  const v = times[step];
  if (v.length) console.log(`| ${step} | ${percentile(v, 50).toFixed(0)} | ${percentile(v, 95).toFixed(0)} | ${Math.max(...v).toFixed(0)} |`);
}
for (const f of failures.slice(0, 10)) console.log(`failed: ${f}`);

await proxy.close();
oracle.child.kill("SIGTERM");
await exited(oracle.child);
rmSync(dir, { recursive: true, force: true });
process.exit(failures.length === 0 ? 0 : 1);

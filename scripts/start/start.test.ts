// `npm start` end to end, the real command: in a temporary state folder on free ports it must
// bring up chain, a 2-of-3 committee (the oracle and two member nodes) and dApp, seed the demonstration with figures that agree across the
// chain, the oracle and Ignition's record, stop on Ctrl-C (SIGINT to the terminal's process
// group) leaving no process and no port behind, and start again on the same state.
import assert from "node:assert/strict";
import { exec, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { auditSplitter } from "../../oracle/audit/index.ts";
import { readerKeyRegistryAbi, revenueSplitterAbi, testUsdAbi } from "../../oracle/protocol/abi.ts";
import { fetchProgramEvents } from "../../oracle/protocol/indexer-api.ts";
import { GatewayStore } from "../../oracle/store/gateway.ts";
import { ROOT } from "../deploy/deployments.ts";
import { groupAlive } from "./processes.ts";
import { isPortFree } from "./ports.ts";

const UNIT = 1_000_000n;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string>;
}

/** `npm start` as a terminal runs it: in its own process group, which Ctrl-C signals as a whole. */
function npmStart(env: Record<string, string>, args: string[] = []): Run {
  const child = spawn("npm", ["start", "--silent", ...(args.length ? ["--", ...args] : [])], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => out, exited };
}

async function until(run: Run, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: number | string | undefined;
  void run.exited.then((c) => (exit = c));
  while (!run.output().includes(text)) {
    if (exit !== undefined) assert.fail(`npm start exited (${exit}) before "${text}":\n${run.output()}`);
    if (Date.now() > deadline) assert.fail(`no "${text}" within ${timeoutMs / 1000} s:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const json = async (url: string): Promise<any> => {
  const res = await fetch(url);
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  return res.json();
};

interface Platform {
  pid: number;
  urls: { rpc: string; oracle: string; web: string; indexer: string };
  contracts: { testUsd: Address; factory: Address; program: Address; readerRegistry: Address };
  readerKeys: { consumer: string; committee: string[] };
  auditor: { publicKey: string; keystore: string; passphraseFile: string; command: string };
  committee: { signers: Address[]; threshold: number; members: { address: Address; url: string }[] };
  accounts: { role: string; address: Address }[];
  services: { name: string; pid: number }[];
}

async function stopAndCheckNothingLeft(run: Run, platform: Platform, ports: number[]): Promise<void> {
  process.kill(-run.child.pid!, "SIGINT");
  const code = await Promise.race([run.exited, new Promise((r) => setTimeout(() => r("timeout"), 90_000).unref())]);
  // npm re-raises the SIGINT on itself once its script has ended (as a shell's job does): either
  // way the script's own last line says it stopped everything.
  assert.ok(code === 0 || code === "SIGINT", `npm start did not stop cleanly (${String(code)}):\n${run.output().slice(-3000)}`);
  assert.match(run.output(), /stopped; nothing left running/);
  for (const pid of [platform.pid, ...platform.services.map((s) => s.pid)]) {
    assert.equal(groupAlive(pid), false, `process group ${pid} is still alive`);
  }
  assert.equal(groupAlive(run.child.pid!), false, "the terminal's process group still has a process");
  for (const port of ports) assert.equal(await isPortFree(port), true, `port ${port} is still taken`);
}

describe("npm start", { timeout: 400_000 }, () => {
  const state = mkdtempSync(join(tmpdir(), "1tt-start-"));
  const runs: Run[] = [];
  after(async () => {
    // A failed test may leave a run up: let it stop its services in order, then kill whatever
    // its process record still names (each service runs in a process group of its own).
    for (const r of runs) {
      try {
        process.kill(-r.child.pid!, "SIGINT");
      } catch {
        continue; // already stopped
      }
      await Promise.race([r.exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      try {
        process.kill(-r.child.pid!, "SIGKILL");
      } catch {
        // stopped
      }
    }
    for (const dir of [state, join(state, "busy")]) {
      const record = join(dir, "run", "processes.json");
      if (!existsSync(record)) continue;
      for (const { pid } of JSON.parse(readFileSync(record, "utf8")) as { pid: number }[]) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
    rmSync(state, { recursive: true, force: true });
  });

  let ports: { chain: number; oracle: number; web: number; member1: number; member2: number; indexer: number };
  let env: Record<string, string>;
  let first: Platform;

  it("names a port in use and the variable that moves it, and starts nothing", async () => {
    const busy = createServer();
    const port = await new Promise<number>((r) => busy.listen(0, "127.0.0.1", () => r((busy.address() as { port: number }).port)));
    try {
      const run = npmStart({
        STATE_DIR: join(state, "busy"), CHAIN_PORT: String(port), ORACLE_PORT: String(await freePort()), WEB_PORT: String(await freePort()),
        MEMBER_1_PORT: String(await freePort()), MEMBER_2_PORT: String(await freePort()), INDEXER_PORT: String(await freePort()),
      });
      runs.push(run);
      assert.equal(await run.exited, 1);
      assert.match(run.output(), new RegExp(`port ${port} \\(the local chain\\) is in use.*CHAIN_PORT=<port>`));
      assert.doesNotMatch(run.output(), /Starting the local chain/);
    } finally {
      busy.close();
    }
  });

  it("runs chain, oracle and dApp and seeds a demonstration whose figures agree everywhere", async () => {
    ports = { chain: await freePort(), oracle: await freePort(), web: await freePort(), member1: await freePort(), member2: await freePort(), indexer: await freePort() };
    env = {
      STATE_DIR: state, CHAIN_PORT: String(ports.chain), ORACLE_PORT: String(ports.oracle), WEB_PORT: String(ports.web),
      MEMBER_1_PORT: String(ports.member1), MEMBER_2_PORT: String(ports.member2), INDEXER_PORT: String(ports.indexer),
    };
    const run = npmStart(env);
    runs.push(run);
    await until(run, "1TT is running.", 240_000);
    for (const stage of ["Building the contracts", "Loading the auditor's view key", "Starting the local chain", "Deploying", "Starting the committee members", "Starting the oracle", "Seeding the demonstration", "Starting the indexer", "Serving the dApp"]) {
      assert.match(run.output(), new RegExp(`\\[\\d+/12\\] ${stage}`));
    }
    first = JSON.parse(readFileSync(join(state, "run/platform.json"), "utf8")) as Platform;
    assert.match(run.output(), new RegExp(`private key 0x[0-9a-f]{64}`));
    assert.ok(run.output().includes(first.urls.web) && run.output().includes(first.urls.oracle) && run.output().includes(first.urls.rpc));
    assert.ok(run.output().includes(`indexer  ${first.urls.indexer}`), "the indexer's URL is not printed");

    // Ignition's record of the deployment is what the oracle and the dApp were given.
    const deployed = JSON.parse(readFileSync(join(state, "ignition/deployments/chain-31337/deployed_addresses.json"), "utf8"));
    assert.equal(deployed["Program#RevenueSplitter"], first.contracts.program);
    assert.equal(deployed["Factory#RevenueSplitterFactory"], first.contracts.factory);
    assert.equal(deployed["TestUSD#TestUSD"], first.contracts.testUsd);
    assert.equal(deployed["ReaderKeyRegistry#ReaderKeyRegistry"], first.contracts.readerRegistry);

    // The dApp answers, with the program's address baked into its bundle, and reaches the oracle.
    const page = await fetch(`${first.urls.web}/`);
    assert.equal(page.status, 200);
    // The entry script and the chunks the page preloads (the bundler may put the configuration in a shared chunk).
    const scripts = [...(await page.text()).matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    assert.ok(scripts.length > 0, "no script in the dApp's page");
    const bundle = (await Promise.all(scripts.map(async (f) => (await fetch(`${first.urls.web}/${f}`)).text()))).join("\n");
    assert.ok(bundle.includes(first.contracts.program), "the program's address is not in the dApp's bundle");
    assert.equal((await json(`${first.urls.web}/oracle/stats`)).submissions, 3);

    // Each contributor's tokens on chain equal the oracle's cumulative count and their manifest's.
    const client = createPublicClient({ chain: hardhat, transport: http(first.urls.rpc) });
    assert.equal(await client.getChainId(), 31337);
    const read = (functionName: string, args: unknown[] = []) =>
      client.readContract({ address: first.contracts.program, abi: revenueSplitterAbi, functionName: functionName as "tokensOf", args: args as [Address] });
    const contributors = first.accounts.filter((a) => a.role === "contributor").map((a) => a.address);
    assert.equal(contributors.length, 3);
    // The consumer's and the committee members' reader keys are published in the registry, and the
    // oracle (which has no reader key in its environment) wrapped every submission's data key for them.
    const [consumers, auditors, members, memberKeys] = await client.readContract({ address: first.contracts.readerRegistry, abi: readerKeyRegistryAbi, functionName: "readers", args: [first.contracts.program] });
    assert.deepEqual([[...consumers], [...auditors], [...members], [...memberKeys]], [[first.readerKeys.consumer], [first.auditor.publicKey], first.committee.signers, first.readerKeys.committee]);
    // A 2-of-3 committee of three processes: each member is printed, answers on its own port and verified every submission itself.
    assert.equal(first.committee.members.length, 2);
    for (const m of first.committee.members) {
      assert.ok(run.output().includes(m.address) && run.output().includes(m.url), `member ${m.address} is not printed`);
      const status = await json(`${m.url}/status`);
      assert.equal(status.address, m.address);
      assert.equal(status.verified, 3);
    }
    let sum = 0n;
    for (const who of contributors) {
      const onChain = (await read("tokensOf", [who])) as bigint;
      assert.ok(onChain > 0n, `${who} has no tokens on chain`);
      const listed = await json(`${first.urls.oracle}/contributors/${who}/submissions`);
      assert.equal(BigInt(listed.cumulativeTokens), onChain);
      const manifest = await json(`${first.urls.oracle}/manifests/${listed.submissions[0].manifestCid}`);
      assert.equal(BigInt(manifest.tokens.cumulative), onChain);
      const envelope = await json(`${first.urls.oracle}/ipfs/${manifest.data.encryption.keys}`);
      const readers = (envelope.readers as { role: string; id?: string; publicKey: string }[]).map((r) => `${r.role}:${r.id ?? ""}:${r.publicKey}`);
      assert.ok(readers.includes(`consumer::${first.readerKeys.consumer}`), `the consumer's published key is not a reader of ${who}'s submission`);
      first.committee.signers.forEach((signer, i) =>
        assert.ok(readers.includes(`committee:${signer}:${first.readerKeys.committee[i]}`), `member ${signer}'s published key is not a reader of ${who}'s submission`));
      sum += onChain;
    }
    assert.equal(await read("totalTokens"), sum);
    const [signers, threshold] = (await client.readContract({ address: first.contracts.program, abi: revenueSplitterAbi, functionName: "committee" })) as readonly [readonly Address[], bigint, bigint];
    assert.deepEqual([...signers], first.committee.signers);
    assert.equal(threshold, 2n);

    // Two deposits of 10,000 and 25,000 tUSD at α = 20 %, and one claim that reached the wallet.
    assert.equal(await read("alphaBps"), 2_000n);
    assert.equal(await read("totalGrossRevenue"), 35_000n * UNIT);
    assert.equal(await read("totalDeposited"), 7_000n * UNIT);
    const claimed = (await read("claimed", [contributors[0]])) as bigint;
    assert.ok(claimed > 0n);
    assert.equal(await read("totalClaimed"), claimed);
    assert.equal(await client.readContract({ address: first.contracts.testUsd, abi: testUsdAbi, functionName: "balanceOf", args: [contributors[0]!] }), claimed);
    assert.ok(((await read("claimable", [contributors[1]])) as bigint) > 0n);

    // The indexer, configured from the same record, serves the program's history as the chain's logs hold it.
    const rawHistory = await client.getContractEvents({ abi: revenueSplitterAbi, address: first.contracts.program, fromBlock: 0n, strict: true });
    const indexed = await fetchProgramEvents(first.urls.indexer, first.contracts.program);
    assert.deepEqual(indexed.map((e) => [e.eventName, e.transactionHash, e.logIndex]), rawHistory.map((l) => [l.eventName, l.transactionHash, l.logIndex]));
    assert.equal(indexed.filter((e) => e.eventName === "Attested").length, 3);

    // Logs of each service.
    const logs = readdirSync(join(state, "logs"));
    // The audit passes on what the committee produced (manifests read through the oracle's gateway).
    const audit = await auditSplitter(client as PublicClient, { splitter: first.contracts.program, store: new GatewayStore(first.urls.oracle) });
    assert.deepEqual(audit.checks.filter((c) => c.status === "fail").map((c) => c.findings), []);
    // The auditor's command, run exactly as printed: it replays every submission with the published auditor key.
    assert.ok(run.output().includes(first.auditor.command), "the auditor's command is not printed");
    assert.match(run.output(), new RegExp(`Its keystore is \\S*${join("auditor", "keystore.json")}`), "the auditor's keystore is not named");
    const replay = await promisify(exec)(first.auditor.command, { cwd: ROOT }).catch((e: { code?: number; stdout?: string; stderr?: string }) =>
      assert.fail(`the printed audit command exited ${e.code}: ${e.stdout}${e.stderr}`));
    assert.match(replay.stdout, /replay\s+PASS\s+replayed 3, manifests 3/);
    assert.match(replay.stdout, /RESULT: Every check ran and passed: the counts were replayed and verified\./);

    for (const name of ["chain.log", "oracle.log", "member-1.log", "member-2.log", "indexer.log", "web.log", "build.log"]) assert.ok(logs.includes(name) && statSync(join(state, "logs", name)).size > 0, `${name} is missing or empty`);

    await stopAndCheckNothingLeft(run, first, Object.values(ports));
  });

  it("starts again on the same state: same committee key, a new chain, no errors", async () => {
    const run = npmStart({ ...env, SEED: "0" });
    runs.push(run);
    await until(run, "1TT is running.", 180_000);
    const again = JSON.parse(readFileSync(join(state, "run/platform.json"), "utf8")) as Platform;
    assert.match(run.output(), /reused 0x[0-9a-fA-F]{40}/);
    assert.doesNotMatch(run.output(), /Seeding/);
    assert.deepEqual(again.committee.signers, first.committee.signers);
    assert.equal(again.contracts.program, first.contracts.program, "a new chain gives the same addresses");
    const stats = await json(`${again.urls.oracle}/stats`);
    assert.equal(stats.submissions, 0, "the oracle's data of the previous chain was cleared");
    await stopAndCheckNothingLeft(run, again, Object.values(ports));
  });
});

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAuditCli } from "./testing/cli.ts";
import { contributors, Harness, testAccounts } from "./testing/harness.ts";

const run = runAuditCli;

let h: Harness;
let dir: string;
before(async () => {
  h = await Harness.start();
  dir = await mkdtemp(join(tmpdir(), "1tt-audit-cli-"));
});
after(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

const [alice, bob] = contributors(2, 51);
const committee = testAccounts(2, 52);

describe("npx 1tt audit", () => {
  it("prints the summary table, writes the JSON report and exits 3 (not verified) on a clean history without a view key, 1 on a wrong splitter", async () => {
    const good = await h.program({ committee, threshold: 2 });
    await good.submit(alice, 100);
    await good.deposit(10_000n);
    await good.submit(bob, 300);
    await good.deposit(10_000n);
    const json = join(dir, "report.json");
    const ok = await run(["--rpc", h.publicRpc.url, "--splitter", good.splitter, "--store", h.storeDir, "--json", json, "--page-size", "5", "--checkpoint", join(dir, "scan.json")]);
    assert.equal(ok.code, 3, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /1\. state\s+PASS/);
    assert.match(ok.stdout, /5\. manifests\s+PASS/);
    assert.match(ok.stdout, /6\. data\s+PASS\s+filesVerified 6, files 6/);
    assert.match(ok.stdout, /7\. replay\s+SKIP\s+Counts not verified: no view key was given/);
    assert.match(ok.stdout, /8\. readers\s+SKIP\s+Not run: no reader key registry was given/);
    assert.match(ok.stdout, /RESULT: No check failed, but counts not verified: no view key \(not run: replay, readers\)\./);
    assert.doesNotMatch(ok.stdout, /every check passed/i);
    assert.match(ok.stdout, /\d+ RPC calls \(/);
    // Amounts read in the asset's unit, two decimals; the JSON keeps the exact units.
    assert.match(ok.stdout, /4\. solvency\s+PASS\s+balance (< 0\.01|[\d,]+\.\d\d) tUSD, owed (< 0\.01|[\d,]+\.\d\d) tUSD/);
    const written = JSON.parse(await readFile(json, "utf8"));
    assert.match(String(written.checks.find((c: { id: string }) => c.id === "solvency").figures.balance), /^\d+$/);
    assert.equal(written.ok, true);
    assert.equal(written.verdict, "unverified");
    assert.equal(written.checks.length, 8);
    assert.ok(written.rpc.calls > 0);
    assert.ok((await readFile(join(dir, "scan.json"), "utf8")).includes('"schema":"1tt/audit-checkpoint@2"'));

    const bad = await h.program({ kind: "wrong", committee, threshold: 2 });
    await bad.submit(alice, 100);
    await bad.deposit(10_000n);
    await bad.submit(bob, 100);
    const fail = await run(["--rpc", h.publicRpc.url, "--splitter", bad.splitter, "--store", h.storeDir, "--no-progress"]);
    assert.equal(fail.code, 1, fail.stdout + fail.stderr);
    assert.match(fail.stdout, /3\. payouts\s+FAIL/);
    assert.match(fail.stdout, new RegExp(`${alice} has earned 500 units on chain`));
    assert.match(fail.stdout, /RESULT: The audit FAILED\./);
  });

  it("checks the key envelopes against the chain's reader key registry with --reader-registry", async () => {
    const p = await h.program({ committee, threshold: 2 });
    await p.submit(alice, 100);
    const registry = await h.chain.readerRegistry();
    const args = ["--rpc", h.publicRpc.url, "--splitter", p.splitter, "--store", h.storeDir, "--no-progress"];
    const ok = await run([...args, "--reader-registry", registry]);
    assert.equal(ok.code, 3, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /8\. readers\s+PASS\s+envelopesChecked 0, readersRequired 0, keyEvents 0/);
    const wrong = await run([...args, "--reader-registry", p.splitter, "--reader-registry-from-block", "0"]);
    assert.equal(wrong.code, 1, wrong.stdout + wrong.stderr);
    assert.match(wrong.stdout, /8\. readers\s+FAIL/);
    assert.match(wrong.stdout, /does not answer readers/);
    const usage = await run([...args, "--reader-registry", "nope"]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--reader-registry must be the 0x address/);
    assert.equal((await run([...args, "--reader-registry-from-block", "1"])).code, 2);
  });

  it("exits 2 on usage errors", async () => {
    const missing = await run(["--splitter", "0x0000000000000000000000000000000000000001"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--rpc <url> is required/);
    const badAddress = await run(["--rpc", "http://127.0.0.1:1", "--splitter", "nope"]);
    assert.equal(badAddress.code, 2);
    assert.equal((await run(["--rpc", "http://127.0.0.1:1", "--splitter", alice, "--bogus"])).code, 2);
    assert.equal((await run(["--rpc", "http://127.0.0.1:1", "--splitter", alice, "--no-replay", "--pipeline-config", "c.json"])).code, 2);
  });
});

// The auditor page and `1tt audit` on the same histories, built with the CLI tests' fixtures
// (oracle/audit/testing): the page's audit run (run-audit.ts, what AuditView runs) beside the
// command run as a user runs it, both reading the chain over HTTP and the data from one IPFS
// gateway. Every case of the audit's threat model gets the same verdict and the same findings from
// both, except where the counts are replayed: the page does not run the pipeline, so for those it
// says "counts not verified" and never more than the command.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Abi, Address, Hex } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePublicKey, generateReaderKey } from "../../../oracle/crypto/index.ts";
import type { AuditReport } from "../../../oracle/audit/index.ts";
import { runAuditCli } from "../../../oracle/audit/testing/cli.ts";
import { contributors, Harness, testAccounts, type Program } from "../../../oracle/audit/testing/harness.ts";
import { jsonl, TestOracle } from "../../../oracle/audit/testing/submissions.ts";
import { generateTestSet } from "../../../oracle/pipeline/testset/generate.ts";
import { PipelineWorkers } from "../../../oracle/pipeline/run/workers.ts";
import { readerKeyRegistryAbi } from "../../../oracle/protocol/abi.ts";
import { serveStoreAsGateway } from "../../../oracle/store/gateway-testing.ts";
import { runAudit } from "./run-audit.ts";

const [alice, bob] = contributors(2, 91);
const [sybil] = contributors(1, 92);
const committee = testAccounts(2, 93);
const auditor = generateReaderKey();
const consumer = encodePublicKey(generateReaderKey().publicKey);
const docs = [...generateTestSet(9, { clean: 12, boilerplate: 1, repetition: 1, nonEnglish: 0, exactDuplicates: 0, nearDuplicates: 0, nearDuplicateTargets: [] })].map((d) => d.text);

let h: Harness;
let pool: PipelineWorkers;
let registry: Address;
let dir = "";
let keyFile = "";

beforeAll(async () => {
  h = await Harness.start();
  pool = await PipelineWorkers.start({}, 1);
  registry = await h.chain.readerRegistry();
  dir = await mkdtemp(join(tmpdir(), "1tt-verdicts-"));
  keyFile = join(dir, "auditor.key");
  await writeFile(keyFile, bytesToHex(auditor.privateKey));
}, 120_000);
afterAll(async () => {
  await pool?.close();
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A program whose owner published the auditor's key (and `consumers`) before any submission, with alice's and bob's honest uploads. */
async function program(consumers: Hex[] = []): Promise<{ p: Program; oracle: TestOracle }> {
  const p = await h.program({ committee, threshold: 2 });
  await h.send(registry, readerKeyRegistryAbi as Abi, "setProgramReaders", [p.splitter, consumers, [encodePublicKey(auditor.publicKey)]], 1_000_000n);
  const oracle = TestOracle.for(p, auditor.publicKey, pool);
  await oracle.submit(alice, jsonl(docs.slice(0, 5)), "alice-1.jsonl");
  await oracle.submit(bob, jsonl(docs.slice(5, 10)), "bob-1.jsonl");
  return { p, oracle };
}

async function bytesOf(cid: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of h.store.get(cid)) parts.push(part.slice());
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

interface Verdicts {
  page: AuditReport;
  cli: AuditReport;
  exitCode: number;
}

/** The page's audit and the command's, of `p`, through one gateway (which may lie as `replace` says); the command with the auditor's key when `key`. */
async function audit(p: Program, o: { key: boolean; replace?: Map<string, Uint8Array> }): Promise<Verdicts> {
  const gateway = await serveStoreAsGateway(h.store, { replace: o.replace });
  try {
    const rpcUrl = h.chain.front.url;
    const { report: page } = await runAudit({ chain: hardhat, rpcUrl, splitter: p.splitter, source: { kind: "gateway", url: gateway.url }, readerRegistry: registry });
    const json = join(dir, `${p.splitter}-${o.key ? "key" : "no-key"}.json`);
    const args = ["--rpc", rpcUrl, "--splitter", p.splitter, "--gateway", gateway.url, "--reader-registry", registry, "--workers", "1", "--no-progress", "--json", json];
    const run = await runAuditCli(o.key ? [...args, "--view-key", keyFile] : args);
    const cli = JSON.parse(await readFile(json, "utf8")) as AuditReport;
    return { page, cli, exitCode: run.code };
  } finally {
    await gateway.close();
  }
}

/** What a reader of either report learns: each check's status and what it found, by code and subject. */
const outcome = (r: AuditReport, except: string[] = []) =>
  r.checks.filter((c) => !except.includes(c.id)).map((c) => ({ check: c.id, status: c.status, findings: c.findings.map((f) => [f.code, f.subject]) }));
const check = (r: AuditReport, id: string) => r.checks.find((c) => c.id === id)!;

describe("the auditor page and `1tt audit` give the same verdict", { timeout: 240_000 }, () => {
  it("without a key: counts not verified on both (exit code 3), every other check alike", async () => {
    const { p } = await program();
    const { page, cli, exitCode } = await audit(p, { key: false });
    expect(exitCode).toBe(3);
    expect([page.verdict, cli.verdict]).toEqual(["unverified", "unverified"]);
    expect(outcome(page)).toEqual(outcome(cli));
    expect(check(page, "replay").reason).toMatch(/no view key/);
  });

  it("with a key and an honest history: the command replays and verifies (exit code 0); the page, which does not replay, says counts not verified, never a pass", async () => {
    const { p } = await program();
    const { page, cli, exitCode } = await audit(p, { key: true });
    expect(exitCode).toBe(0);
    expect(cli.verdict).toBe("verified");
    expect(page.verdict).toBe("unverified");
    expect(check(page, "replay").status).toBe("skipped");
    expect(outcome(page, ["replay", "data"])).toEqual(outcome(cli, ["replay", "data"]));
    expect(check(page, "data").status).toBe(check(cli, "data").status);
  });

  it("with a key and a count forged ×10 behind a consistent manifest: the command fails naming the submission (exit code 1); the page never calls it verified", async () => {
    const { p, oracle } = await program();
    const forged = await oracle.submit(alice, jsonl(docs.slice(10)), "alice-2.jsonl", { inflate: 10 });
    const { page, cli, exitCode } = await audit(p, { key: true });
    expect(exitCode).toBe(1);
    expect(cli.verdict).toBe("failed");
    const replayed = check(cli, "replay").findings;
    expect(replayed[0]).toMatchObject({ code: "replay.tokens_mismatch", subject: forged.cid });
    expect(new Set(replayed.map((f) => f.subject))).toEqual(new Set([forged.cid]));
    expect(page.verdict).toBe("unverified");
    expect(page.unverified.map((u) => u.id)).toContain("replay");
  });

  it("with filtered data flipped by one byte, served with status 200 by a lying gateway: failed on both, naming the submission", async () => {
    const { p } = await program();
    const filtered = p.manifests[1]!.data.filtered.cid;
    const flipped = await bytesOf(filtered);
    flipped[flipped.length >> 1]! ^= 1;
    for (const key of [false, true]) {
      const { page, cli, exitCode } = await audit(p, { key, replace: new Map([[filtered, flipped]]) });
      expect(exitCode).toBe(1);
      expect([page.verdict, cli.verdict]).toEqual(["failed", "failed"]);
      expect(check(page, "data").findings.map((f) => [f.code, f.subject])).toEqual([["data.corrupt", p.cids[1]]]);
      // With the key the command also tries to decrypt the bytes served, and says it cannot.
      expect(check(cli, "data").findings.map((f) => [f.code, f.subject])).toEqual(key ? [["data.corrupt", p.cids[1]], ["data.filtered_undecryptable", p.cids[1]]] : [["data.corrupt", p.cids[1]]]);
      expect(outcome(page, ["replay", "data"])).toEqual(outcome(cli, ["replay", "data"]));
    }
  });

  it("with a raw-data envelope a consumer can open: failed on both, naming the submission", async () => {
    const { p } = await program([consumer]);
    const readers = [{ role: "consumer" as const, publicKey: consumer }, { role: "auditor" as const, publicKey: encodePublicKey(auditor.publicKey) }];
    const leaky = await p.submit(alice, 100, { readers, privateReaders: null });
    const { page, cli, exitCode } = await audit(p, { key: false });
    expect(exitCode).toBe(1);
    expect([page.verdict, cli.verdict]).toEqual(["failed", "failed"]);
    expect(check(page, "readers").findings.map((f) => [f.code, f.subject])).toContainEqual(["readers.consumer_reads_raw", leaky.cid]);
    expect(outcome(page)).toEqual(outcome(cli));
  });

  it("with a sybil credited with data nobody signed for: failed on both, naming the submission", async () => {
    const { p, oracle } = await program();
    const credited = await oracle.submit(sybil!, jsonl(docs.slice(10)), "upload.jsonl", { signedBy: null });
    const { page, cli, exitCode } = await audit(p, { key: false });
    expect(exitCode).toBe(1);
    expect([page.verdict, cli.verdict]).toEqual(["failed", "failed"]);
    expect(check(page, "manifests").findings.map((f) => [f.code, f.subject])).toEqual([["manifests.contribution_unsigned", credited.cid]]);
    expect(outcome(page)).toEqual(outcome(cli));
  });
});

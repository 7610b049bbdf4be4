// `1tt fetch` and `1tt keys` as a reader runs them: a real submission is sealed and stored the
// way the oracle does (a pipeline run, then ProgramSink.store into an embedded store), and the
// real CLI, in a child process, fetches it from the store folder, through an HTTP gateway (a
// node:http server in this test serving the store's bytes, as a public gateway or the oracle's
// /ipfs/<cid> would), and from a Kubo RPC API (the store's fake Kubo node).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, type Dirent } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { encodePublicKey, encryptStream, generateReaderKey, openKeyEnvelope, type ReaderKeyPair } from "../crypto/index.ts";
import { decryptToFile } from "../crypto/files.ts";
import { buildManifest, readManifest, submissionKeyContext, writeManifest, type Manifest } from "../manifest/index.ts";
import { ALICE, fakeReport, fixtureManifest, PIPELINE, SPLITTER } from "../manifest/testing.ts";
import { runPipeline } from "../pipeline/run/run.ts";
import { committeeReaderKey } from "../attest/index.ts";
import { formatBytes } from "../protocol/format.ts";
import { datasetJsonl, sealingProgramSink, type AcceptedSubmission, type StoredSubmission } from "../service/testing.ts";
import { collect } from "../store/bytes.ts";
import { computeCid, EmbeddedStore, getJson, KuboStore } from "../store/index.ts";
import { serveStoreAsGateway } from "../store/gateway-testing.ts";
import { FakeKubo } from "../store/testing/fake-kubo.ts";

const CLI = fileURLToPath(new URL("./1tt.ts", import.meta.url));
const CHAIN_ID = 31337;
const PASSPHRASE = "correct horse battery staple";
const work = mkdtempSync(join(tmpdir(), "1tt-fetch-"));
const storeDir = join(work, "store");
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** The real CLI in a child process (async, so this process's HTTP servers keep answering). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", CLI, ...args], {
      cwd: work,
      env: { ...process.env, ONETT_KEY_PASSPHRASE: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** Every file under `dir`, relative, sorted (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

function keyFile(name: string, key: ReaderKeyPair): string {
  const path = join(work, name);
  writeFileSync(path, `${Buffer.from(key.privateKey).toString("hex")}\n`);
  return path;
}

/** The embedded store behind a stand-in IPFS gateway (oracle/store/gateway-testing.ts); `replace` makes it lie. */
async function startGateway(replace = new Map<string, Uint8Array>()): Promise<{ url: string; served: string[]; close(): Promise<void> }> {
  const store = await EmbeddedStore.open(storeDir);
  const gateway = await serveStoreAsGateway(store, { replace });
  return {
    url: gateway.url,
    get served() {
      return gateway.requests.map((r) => r.replace(/^\w+ \/ipfs\//, ""));
    },
    close: async () => {
      await gateway.close();
      await store.close();
    },
  };
}

// The submission: two uploads (one with a name that tries to leave the output folder), run
// through the pipeline, sealed for a contributor, a consumer, an auditor and one committee member.
const signer = privateKeyToAccount(generatePrivateKey());
const contributor = generateReaderKey();
const auditor = generateReaderKey();
const outsider = generateReaderKey();
let consumerPublicKey = "";
let consumerKeystore = "";
let member: ReaderKeyPair;
let stored: StoredSubmission;
let manifest: Manifest;
const uploads = [
  { name: "part-0.jsonl", text: datasetJsonl(31) },
  { name: "../../escape.jsonl", text: datasetJsonl(32) },
];
let filteredBytes: Buffer;
let accepted: AcceptedSubmission;

before(async () => {
  // The consumer makes its key with the CLI, as a consumer would.
  consumerKeystore = join(work, "consumer.json");
  const made = await cli(["keys", "new", "--out", consumerKeystore, "--label", "consumer"], { ONETT_KEY_PASSPHRASE: PASSPHRASE });
  assert.equal(made.code, 0, made.err);
  consumerPublicKey = /public key (0x[0-9a-f]{64})/.exec(made.out)![1];

  const inputs = uploads.map((u, i) => {
    const path = join(work, `upload-${i}`);
    writeFileSync(path, u.text);
    return { name: u.name, path, sha256: sha256(u.text), bytes: Buffer.byteLength(u.text) };
  });
  const filteredPath = join(work, "filtered-plain.jsonl");
  const output = createWriteStream(filteredPath);
  const result = await runPipeline({ config: {}, inputs: inputs.map((f) => ({ source: f.path, name: f.name })), output, sequence: 0, workers: 1 });
  output.end();
  await finished(output);
  filteredBytes = readFileSync(filteredPath);
  assert.ok(result.report.documents.out > 0);

  accepted = {
    jobId: "job-1",
    contributor: ALICE,
    sequence: 0,
    contributorSequence: 0,
    previousManifestCid: null,
    previousCumulativeTokens: 0,
    contributorReaderKey: encodePublicKey(contributor.publicKey),
    contribution: null,
    pipeline: result.pipeline,
    report: result.report,
    raw: inputs,
    filtered: { name: "filtered.jsonl", path: filteredPath, sha256: sha256(filteredBytes), bytes: filteredBytes.byteLength },
  };
  const store = await EmbeddedStore.open(storeDir);
  try {
    const sink = sealingProgramSink({ store, chainId: CHAIN_ID, splitter: SPLITTER, signer, consumers: [consumerPublicKey as `0x${string}`], auditors: [encodePublicKey(auditor.publicKey)] });
    stored = await sink.store(accepted);
    manifest = await readManifest(store, stored.manifestCid!);
  } finally {
    await store.close();
  }
  member = await committeeReaderKey(signer, CHAIN_ID, SPLITTER);
});
after(() => rmSync(work, { recursive: true, force: true }));

const out = (name: string) => join(work, "out", name);

describe("1tt fetch", () => {
  it("gives the consumer (keystore), an auditor, a committee member and the contributor byte-identical plaintext", async () => {
    const readers: [string, string[], Record<string, string>][] = [
      ["consumer", ["--key", consumerKeystore], { ONETT_KEY_PASSPHRASE: PASSPHRASE }],
      ["auditor", ["--key", keyFile("auditor.hex", auditor)], {}],
      ["committee", ["--key", keyFile("member.hex", member)], {}],
      ["contributor", ["--key", keyFile("contributor.hex", contributor)], {}],
    ];
    for (const [role, key, env] of readers) {
      const r = await cli(["fetch", stored.manifestCid!, "--out", out(role), "--store", storeDir, ...key, "--no-progress"], env);
      assert.equal(r.code, 0, `${role}: ${r.err}`);
      assert.deepEqual(readFileSync(join(out(role), "filtered.jsonl")), filteredBytes, role);
      assert.deepEqual(filesUnder(out(role)), ["filtered.jsonl"], `${role}: only what --what asked for (default filtered)`);
      assert.match(r.err, new RegExp(`reads it as ${role}`));
      assert.equal(r.out, `${join(out(role), "filtered.jsonl")}  ${filteredBytes.byteLength} bytes  sha256 ${sha256(filteredBytes)} verified\n`);
    }
  });

  it("writes the report and the raw files under safe names, each as the manifest commits to", async () => {
    const r = await cli(["fetch", stored.manifestCid!, "--out", out("all"), "--store", storeDir, "--key", keyFile("auditor.hex", auditor), "--what", "raw,report,filtered", "--no-progress"]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(filesUnder(out("all")), ["filtered.jsonl", "raw/escape.jsonl", "raw/part-0.jsonl", "report.json"]);
    assert.equal(readFileSync(join(out("all"), "raw/part-0.jsonl"), "utf8"), uploads[0].text);
    assert.equal(readFileSync(join(out("all"), "raw/escape.jsonl"), "utf8"), uploads[1].text);
    for (const file of filesUnder(out("all"))) assert.equal(statSync(join(out("all"), file)).mode & 0o777, 0o600, `${file} is readable by its owner only`);
    assert.ok(!existsSync(join(work, "escape.jsonl")) && !existsSync(join(out("all"), "..", "escape.jsonl")));
    assert.equal(sha256(readFileSync(join(out("all"), "report.json"))), manifest.data.report.plaintextSha256);
    assert.equal(JSON.parse(readFileSync(join(out("all"), "report.json"), "utf8")).submission.inputs[1].name, "../../escape.jsonl");
    assert.equal(r.out.trim().split("\n").length, 4);
    for (const line of r.out.trim().split("\n")) assert.match(line, /  \d+ bytes  sha256 [0-9a-f]{64} verified$/);
    // Raw files alone: the names still come from the report, which is then not written.
    const alone = await cli(["fetch", stored.manifestCid!, "--out", out("raw-only"), "--store", storeDir, "--key", keyFile("auditor.hex", auditor), "--what", "raw", "--no-progress"]);
    assert.equal(alone.code, 0, alone.err);
    assert.deepEqual(filesUnder(out("raw-only")), ["raw/escape.jsonl", "raw/part-0.jsonl"]);
  });

  it("gives the consumer the filtered data only: the raw files and the report are for the contributor, the committee and the auditors", async () => {
    for (const what of ["raw", "report", "filtered,report"]) {
      const r = await cli(["fetch", stored.manifestCid!, "--out", out(`consumer-${what}`), "--store", storeDir, "--key", consumerKeystore, "--what", what, "--no-progress"], { ONETT_KEY_PASSPHRASE: PASSPHRASE });
      assert.equal(r.code, 1, what);
      assert.match(r.err, /does not open the raw files and the report of submission 0/);
      assert.match(r.err, /--what filtered/);
      assert.deepEqual(filesUnder(out(`consumer-${what}`)), [], `${what}: nothing written, not even the filtered data`);
    }
  });

  it("refuses a key that is not a reader, naming both sides, and writes nothing", async () => {
    const r = await cli(["fetch", stored.manifestCid!, "--out", out("outsider"), "--store", storeDir, "--key", keyFile("outsider.hex", outsider)]);
    assert.equal(r.code, 1);
    assert.match(r.err, /not one of this envelope's readers/);
    assert.match(r.err, new RegExp(`Your public key is ${encodePublicKey(outsider.publicKey)}`));
    assert.match(r.err, new RegExp(`consumer ${consumerPublicKey}`));
    assert.deepEqual(filesUnder(out("outsider")), []);
  });

  it("says when the keystore's passphrase is wrong or missing", async () => {
    const wrong = await cli(["fetch", stored.manifestCid!, "--out", out("wrong"), "--store", storeDir, "--key", consumerKeystore], { ONETT_KEY_PASSPHRASE: "not it" });
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /passphrase does not open this keystore/);
    const passphraseFile = join(work, "passphrase.txt");
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
    const fromFile = await cli(["fetch", stored.manifestCid!, "--out", out("pf"), "--store", storeDir, "--key", consumerKeystore, "--passphrase-file", passphraseFile, "--no-progress"]);
    assert.equal(fromFile.code, 0, fromFile.err);
    const none = await cli(["fetch", stored.manifestCid!, "--out", out("none"), "--store", storeDir, "--key", consumerKeystore]);
    assert.equal(none.code, 2);
    assert.match(none.err, /no passphrase: put it in a file named by --passphrase-file or in the ONETT_KEY_PASSPHRASE/);
    assert.deepEqual(filesUnder(out("wrong")), []);
  });

  it("fetches through an HTTP gateway (GET /ipfs/<cid>), with a progress line", async () => {
    const gateway = await startGateway();
    try {
      const r = await cli(["fetch", stored.manifestCid!, "--out", out("gw"), "--gateway", gateway.url, "--key", keyFile("member.hex", member), "--what", "filtered,report"]);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(readFileSync(join(out("gw"), "filtered.jsonl")), filteredBytes);
      assert.deepEqual(new Set(gateway.served), new Set([stored.manifestCid, stored.keysCid, stored.privateKeysCid, stored.filteredCid, stored.reportCid]));
      const total = manifest.data.filtered.plaintextBytes + manifest.data.report.plaintextBytes;
      assert.match(r.err, new RegExp(`100\\.0% .*/${formatBytes(total).replace(".", "\\.")} · [\\d.]+ MB/s`));
    } finally {
      await gateway.close();
    }
  });

  it("fails on a flipped byte in the served ciphertext and leaves no file", async () => {
    const cipher = await collectFromStore(stored.filteredCid);
    const flipped = cipher.slice();
    flipped[Math.floor(flipped.length / 2)] ^= 0x01;
    const gateway = await startGateway(new Map([[stored.filteredCid, flipped]]));
    try {
      const r = await cli(["fetch", stored.manifestCid!, "--out", out("tampered"), "--gateway", gateway.url, "--key", keyFile("auditor.hex", auditor), "--no-progress"]);
      assert.equal(r.code, 1);
      assert.match(r.err, new RegExp(`filtered data \\(${stored.filteredCid}\\): .*(authenticat|tamper)`, "i"));
      assert.match(r.err, /What to do: Do not use this data/);
      assert.deepEqual(filesUnder(out("tampered")), [], "no filtered.jsonl, no .partial");
    } finally {
      await gateway.close();
    }
  });

  it("fails on a cut ciphertext, on other plaintext sealed with the same key, and on a forged envelope", async () => {
    const cipher = await collectFromStore(stored.filteredCid);
    // A reader who holds the data key re-encrypts other text: every chunk authenticates, the commitment does not.
    const dataKey = openKeyEnvelope(await getJsonFromStore(stored.keysCid!), auditor.privateKey);
    const other = await collect(encryptStream(new TextEncoder().encode('{"text":"not what was attested"}\n'), dataKey).ciphertext);
    const forgedEnvelope = new TextEncoder().encode(JSON.stringify({ ...(await getJsonFromStore(stored.keysCid!) as object), context: "1tt/1/0x0/0" }));
    const cases: [Map<string, Uint8Array>, RegExp][] = [
      [new Map([[stored.filteredCid, cipher.subarray(0, cipher.length - 40)]]), /ends inside chunk .*\n.*\nWhat to do: Download the ciphertext again/],
      [new Map([[stored.filteredCid, other]]), /sha256/],
      [new Map([[stored.keysCid!, forgedEnvelope]]), /key envelope served for .* is not that envelope/],
    ];
    for (const [replace, message] of cases) {
      const gateway = await startGateway(replace);
      try {
        const r = await cli(["fetch", stored.manifestCid!, "--out", out("bad"), "--gateway", gateway.url, "--key", keyFile("auditor.hex", auditor), "--no-progress"]);
        assert.equal(r.code, 1, r.err);
        assert.match(r.err, message);
        assert.deepEqual(filesUnder(out("bad")), []);
      } finally {
        await gateway.close();
      }
    }
  });

  it("explains a CID no source has, a gateway that is down, and a manifest stored in the clear", async () => {
    const missing = (await computeCid(new TextEncoder().encode("no such manifest"))).toString();
    const gateway = await startGateway();
    const down = gateway.url;
    try {
      const r = await cli(["fetch", missing, "--out", out("missing"), "--gateway", gateway.url, "--key", keyFile("auditor.hex", auditor)]);
      assert.equal(r.code, 1);
      assert.match(r.err, new RegExp(`Content ${missing} is not in the IPFS gateway ${gateway.url}`));
      assert.match(r.err, /What to do: Check the CID/);
    } finally {
      await gateway.close();
    }
    const r = await cli(["fetch", stored.manifestCid!, "--out", out("down"), "--gateway", down, "--key", keyFile("auditor.hex", auditor)]);
    assert.equal(r.code, 1);
    assert.match(r.err, /does not answer/);
    assert.match(r.err, /ECONNREFUSED/);
    assert.match(r.err, /What to do: Check that/);

    const store = await EmbeddedStore.open(storeDir);
    let clearCid: string;
    try {
      const m = await fixtureManifest();
      const plain = buildManifest({
        program: m.program,
        contributor: m.contributor,
        sequence: 0,
        contributorSequence: 0,
        previous: null,
        pipeline: PIPELINE,
        report: fakeReport(0, m.tokens.added),
        data: { ...m.data, encryption: null },
        previousCumulative: 0,
      });
      clearCid = String(await writeManifest(store, plain));
    } finally {
      await store.close();
    }
    const clear = await cli(["fetch", clearCid, "--out", out("clear"), "--store", storeDir, "--key", keyFile("auditor.hex", auditor)]);
    assert.equal(clear.code, 1);
    assert.match(clear.err, /stores its data in the clear \(data\.encryption is null\)/);
    assert.match(clear.err, /ipfs cat/);
  });

  it("refuses to overwrite without --force, and replaces with it", async () => {
    const dir = out("again");
    const args = ["fetch", stored.manifestCid!, "--out", dir, "--store", storeDir, "--key", keyFile("auditor.hex", auditor), "--no-progress"];
    assert.equal((await cli(args)).code, 0);
    writeFileSync(join(dir, "filtered.jsonl"), "old");
    const r = await cli(args);
    assert.equal(r.code, 2);
    assert.match(r.err, /filtered\.jsonl already exists; nothing was written\. Give another --out folder, or --force/);
    assert.equal(readFileSync(join(dir, "filtered.jsonl"), "utf8"), "old");
    const forced = await cli([...args, "--force"]);
    assert.equal(forced.code, 0, forced.err);
    assert.deepEqual(readFileSync(join(dir, "filtered.jsonl")), filteredBytes);
    // A raw file's name is known only from the report, and is still checked before anything is written.
    const rawDir = out("raw-taken");
    mkdirSync(join(rawDir, "raw"), { recursive: true });
    writeFileSync(join(rawDir, "raw", "escape.jsonl"), "mine");
    const raw = await cli(["fetch", stored.manifestCid!, "--out", rawDir, "--store", storeDir, "--key", keyFile("auditor.hex", auditor), "--what", "filtered,raw", "--no-progress"]);
    assert.equal(raw.code, 2);
    assert.match(raw.err, /raw\/escape\.jsonl already exists; nothing was written/);
    assert.deepEqual(filesUnder(rawDir), ["raw/escape.jsonl"]);
  });

  it("reads from a Kubo RPC API with --ipfs", async () => {
    const kubo = new FakeKubo();
    await kubo.start();
    const store = await EmbeddedStore.open(storeDir);
    try {
      await new KuboStore(new URL(kubo.url)).importCar(store.exportCar([stored.manifestCid!, stored.keysCid!, stored.filteredCid]));
      const r = await cli(["fetch", stored.manifestCid!, "--out", out("kubo"), "--ipfs", kubo.url, "--key", keyFile("member.hex", member), "--no-progress"]);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(readFileSync(join(out("kubo"), "filtered.jsonl")), filteredBytes);
      assert.ok(kubo.calls("/api/v0/cat").length >= 3);
    } finally {
      await store.close();
      await kubo.stop();
    }
  });

  it("exits 2 on usage errors, before reading anything", async () => {
    const key = keyFile("auditor.hex", auditor);
    const cid = stored.manifestCid!;
    const cases: [string[], RegExp][] = [
      [["fetch"], /missing required argument/],
      [["fetch", cid, "--out", out("u"), "--key", key], /say where to read from/],
      [["fetch", cid, "--out", out("u"), "--key", key, "--store", storeDir, "--gateway", "http://127.0.0.1:9"], /not --gateway and --store/],
      [["fetch", cid, "--key", key, "--store", storeDir], /--out <dir> is required/],
      [["fetch", cid, "--out", out("u"), "--store", storeDir], /--key <file> is required/],
      [["fetch", cid, "--out", out("u"), "--store", storeDir, "--key", join(work, "nope")], /no such file/],
      [["fetch", cid, "--out", out("u"), "--store", storeDir, "--key", key, "--what", "filtered,secrets"], /--what takes/],
      [["fetch", "bafynotacid", "--out", out("u"), "--store", storeDir, "--key", key], /is not a CID/],
      [["fetch", cid, "--out", out("u"), "--gateway", "ftp://example.org", "--key", key], /--gateway="ftp:\/\/example\.org" cannot be used/],
      [["fetch", cid, "--out", out("u"), "--store", work, "--key", key], /not a content store folder/],
      [["fetch", cid, "--out", out("u"), "--store", storeDir, "--key", key, "--bogus"], /unknown option/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      assert.match(r.err, message, args.join(" "));
    }
    assert.deepEqual(filesUnder(out("u")), []);
  });

  it("refuses a manifest that reuses another submission's key envelope (the envelope's context is the submission's)", async () => {
    // A later manifest naming submission 0's ciphertexts and envelope: every CID checks out and the
    // key opens the envelope, but the envelope was sealed for sequence 0, not 1.
    const store = await EmbeddedStore.open(storeDir);
    let replayed: string;
    try {
      const copy = buildManifest({
        program: manifest.program,
        contributor: manifest.contributor,
        sequence: 1,
        contributorSequence: 1,
        previous: stored.manifestCid,
        pipeline: accepted.pipeline.id,
        report: { ...accepted.report, submission: { ...accepted.report.submission, sequence: 1 } },
        data: manifest.data,
        previousCumulative: manifest.tokens.cumulative,
      });
      replayed = String(await writeManifest(store, copy));
    } finally {
      await store.close();
    }
    const context = submissionKeyContext({ chainId: CHAIN_ID, splitter: SPLITTER, sequence: 0 });
    assert.equal(context, `1tt/${CHAIN_ID}/${SPLITTER.toLowerCase()}/0`);
    const r = await cli(["fetch", replayed, "--out", out("replayed"), "--store", storeDir, "--key", keyFile("auditor.hex", auditor)]);
    assert.equal(r.code, 1);
    assert.match(r.err, /This key envelope belongs to another submission/);
    assert.match(r.err, new RegExp(`Its context is "${context}", expected "1tt/${CHAIN_ID}/${SPLITTER.toLowerCase()}/1"`));
    assert.deepEqual(filesUnder(out("replayed")), []);
  });
});

describe("1tt keys", () => {
  it("makes a keystore the reader can fetch with, prints its public key and where it goes, and never overwrites", async () => {
    const r = await cli(["keys", "show", consumerKeystore]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `public key ${consumerPublicKey}  (label "consumer")\n`);
    const again = await cli(["keys", "new", "--out", consumerKeystore], { ONETT_KEY_PASSPHRASE: PASSPHRASE });
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists; a keystore is never overwritten/);
    const hex = await cli(["keys", "show", keyFile("auditor.hex", auditor)]);
    assert.equal(hex.out, `public key ${encodePublicKey(auditor.publicKey)}\n`);
    const made = join(work, "fresh.json");
    const fresh = await cli(["keys", "new", "--out", made], { ONETT_KEY_PASSPHRASE: PASSPHRASE });
    assert.equal(fresh.code, 0, fresh.err);
    assert.match(fresh.out, /ORACLE_CONSUMER_READER_KEYS/);
    assert.match(fresh.out, /ORACLE_AUDITOR_READER_KEYS/);
    assert.equal(statSync(made).mode & 0o777, 0o600);
    assert.equal((await cli(["keys", "show", made])).out, `${/public key 0x[0-9a-f]{64}/.exec(fresh.out)![0]}\n`);
    const noPassphrase = await cli(["keys", "new", "--out", join(work, "none.json")]);
    assert.equal(noPassphrase.code, 2);
    assert.match(noPassphrase.err, /no passphrase/);
    assert.ok(!existsSync(join(work, "none.json")));
  });
});

describe("decryptToFile (what fetch writes with)", () => {
  it("streams any source to the file, reports progress, and with overwrite: false keeps a file that appeared meanwhile", async () => {
    const dataKey = openKeyEnvelope(await getJsonFromStore(stored.keysCid!), auditor.privateKey);
    const cipher = await collectFromStore(stored.filteredCid);
    const dir = join(work, "decrypt-to-file");
    mkdirSync(dir);
    const seen: number[] = [];
    async function* pieces() {
      for (let at = 0; at < cipher.length; at += 1000) yield cipher.subarray(at, at + 1000);
    }
    const summary = await decryptToFile(pieces(), join(dir, "a"), dataKey, { expectedSha256: manifest.data.filtered.plaintextSha256, onProgress: (n) => seen.push(n) });
    assert.equal(summary.plaintextSha256, sha256(filteredBytes));
    assert.deepEqual(readFileSync(join(dir, "a")), filteredBytes);
    assert.equal(seen.at(-1), filteredBytes.byteLength);
    assert.ok(seen.length > 1 && seen.every((n, i) => i === 0 || n > seen[i - 1]));
    writeFileSync(join(dir, "b"), "someone else's");
    await assert.rejects(decryptToFile([cipher], join(dir, "b"), dataKey, { overwrite: false }), (e: NodeJS.ErrnoException) => e.code === "EEXIST");
    assert.equal(readFileSync(join(dir, "b"), "utf8"), "someone else's");
    await decryptToFile([cipher], join(dir, "b"), dataKey);
    assert.deepEqual(readFileSync(join(dir, "b")), filteredBytes);
    assert.deepEqual(readdirSync(dir).sort(), ["a", "b"], "no .partial left");
  });
});

async function collectFromStore(cid: string): Promise<Uint8Array> {
  const store = await EmbeddedStore.open(storeDir);
  try {
    return (await collect(store.get(cid))).slice();
  } finally {
    await store.close();
  }
}

async function getJsonFromStore(cid: string): Promise<unknown> {
  const store = await EmbeddedStore.open(storeDir);
  try {
    return await getJson(store, cid);
  } finally {
    await store.close();
  }
}

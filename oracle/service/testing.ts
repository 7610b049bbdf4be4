// Helpers for the service's tests: a service on 127.0.0.1:0 in a temp folder, sign-in with a
// real key, multipart uploads and Server-Sent Events over real HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { createPublicClient, http, type Address, type Hex, type LocalAccount } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { decryptStream, encodePublicKey, generateReaderKey, openKeyEnvelope, type ReaderKeyPair } from "../crypto/index.ts";
import { generateTestSet, type TestSetSizes } from "../pipeline/testset/generate.ts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { loadConfig, type OracleConfig } from "./config.ts";
import { testDatabaseUrl } from "./database/test-server.ts";
import { ProgramSink } from "./program-sink.ts";
import { oracleProgram, signedUploadForm, type UploadFile } from "../protocol/oracle-client.ts";
import { createOracleService, type ServiceParts } from "./service.ts";
import type { ContentStore } from "../store/index.ts";

export const ORIGIN = "http://localhost:5173";
export const CHAIN_ID = 31337;

export interface TestService {
  app: FastifyInstance;
  url: string;
  config: OracleConfig;
  dir: string;
  /** Closes the service; `keep` leaves the temp folder (for a restart on the same data). */
  close(keep?: boolean): Promise<void>;
}

export function testEnv(dir: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    ORACLE_DATA_DIR: join(dir, "oracle"),
    DATABASE_URL: testDatabaseUrl(join(dir, "oracle")),
    CONTENT_STORE_DIR: join(dir, "ipfs"),
    ORACLE_PUBLIC_ORIGIN: ORIGIN,
    CHAIN_ID: String(CHAIN_ID),
    PIPELINE_WORKERS: "1",
    ORACLE_LOG_LEVEL: "silent",
    ...env,
  };
}

export async function startService(workers: PipelineWorkers, env: Record<string, string> = {}, parts: ServiceParts = {}, dir?: string): Promise<TestService> {
  const folder = dir ?? mkdtempSync(join(tmpdir(), "1tt-service-"));
  const config = loadConfig(testEnv(folder, env));
  const app = await createOracleService(config, { workers, logger: false, ...parts });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    dir: folder,
    close: async (keep = false) => {
      await app.close();
      if (!keep) rmSync(folder, { recursive: true, force: true });
    },
  };
}

export interface SignedIn {
  account: PrivateKeyAccount;
  token: string;
  auth: { authorization: string };
  /** The reader key registered for the account (null: none registered). */
  readerKey: ReaderKeyPair | null;
}

export async function siweMessage(url: string, account: PrivateKeyAccount, overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}): Promise<string> {
  const res = await fetch(`${url}/session/nonce`);
  const { nonce } = (await res.json()) as { nonce: string };
  return createSiweMessage({
    address: account.address,
    chainId: CHAIN_ID,
    domain: new URL(ORIGIN).host,
    nonce,
    uri: `${ORIGIN}/`,
    version: "1",
    issuedAt: new Date(),
    statement: "Sign in to the 1TT oracle.",
    ...overrides,
  });
}

export async function verify(url: string, message: string, signature: string): Promise<Response> {
  return fetch(`${url}/session/verify`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message, signature }) });
}

/** Signs in and registers `readerKey` (default: a fresh one; null registers none), as the dApp does before uploading. */
export async function signIn(
  url: string,
  account: PrivateKeyAccount = privateKeyToAccount(generatePrivateKey()),
  { readerKey = generateReaderKey() }: { readerKey?: ReaderKeyPair | null } = {},
): Promise<SignedIn> {
  const message = await siweMessage(url, account);
  const res = await verify(url, message, await account.signMessage({ message }));
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  if (readerKey) {
    const put = await fetch(`${url}/session/reader-key`, { method: "PUT", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ publicKey: encodePublicKey(readerKey.publicKey) }) });
    if (put.status !== 200) throw new Error(`reader key registration failed: ${put.status} ${await put.text()}`);
  }
  return { account, token, auth, readerKey };
}

/** Uploads `files` signed by `who` for the service's program, as every client must. */
export async function upload(url: string, who: SignedIn, files: UploadFile[], signal?: AbortSignal): Promise<Response> {
  const form = await signedUploadForm(who.account, await oracleProgram(url), files);
  return fetch(`${url}/uploads`, { method: "POST", headers: who.auth, body: form, signal });
}

export interface SseEvent {
  event: string;
  data: any;
}

/** Reads a job's event stream to its end (the "done" event). */
export async function followEvents(url: string, who: SignedIn, jobId: string, onEvent?: (e: SseEvent) => void): Promise<SseEvent[]> {
  const res = await fetch(`${url}/jobs/${jobId}/events`, { headers: who.auth });
  if (res.status !== 200) throw new Error(`events: ${res.status} ${await res.text()}`);
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of res.body! as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let at: number;
    while ((at = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) {
        const e = { event, data: JSON.parse(data) };
        events.push(e);
        onEvent?.(e);
      }
    }
  }
  return events;
}

export async function getJson(url: string, who: SignedIn | null, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, { headers: who?.auth ?? {} });
  return { status: res.status, body: await res.json() };
}

export const SMALL_SET: TestSetSizes = {
  clean: 40, boilerplate: 10, repetition: 10, nonEnglish: 10, exactDuplicates: 5, nearDuplicates: 3, nearDuplicateTargets: [0.9],
};

/** A small realistic JSONL dataset ({"text": …} per line) from the pipeline's labelled test set. */
export function datasetJsonl(seed: number, sizes: TestSetSizes = SMALL_SET): string {
  return [...generateTestSet(seed, sizes)].map((d) => JSON.stringify({ text: d.text })).join("\n") + "\n";
}

/**
 * Reads a submission's stored file as any client does: the key envelope and the ciphertext from
 * the oracle's public GET /ipfs/:cid, the data key unwrapped with `privateKey`, the stream decrypted.
 */
export async function readSealed(url: string, keysCid: string, cid: string, privateKey: Uint8Array): Promise<string> {
  const envelope = await fetch(`${url}/ipfs/${keysCid}`);
  if (envelope.status !== 200) throw new Error(`GET /ipfs/${keysCid}: ${envelope.status} ${await envelope.text()}`);
  const dataKey = openKeyEnvelope(await envelope.json(), privateKey);
  const res = await fetch(`${url}/ipfs/${cid}`);
  if (res.status !== 200 || !res.body) throw new Error(`GET /ipfs/${cid}: ${res.status} ${await res.text()}`);
  const { plaintext } = decryptStream(res.body as unknown as AsyncIterable<Uint8Array>, dataKey);
  const pieces: Uint8Array[] = [];
  for await (const piece of plaintext) pieces.push(piece);
  return Buffer.concat(pieces).toString("utf8");
}

/**
 * The production program sink, for tests that only seal and store (no publishing): `store()` reads
 * no chain, so its client points nowhere and there is no relayer.
 */
export function sealingProgramSink(o: { store: ContentStore; chainId: number; splitter: Address; signer: LocalAccount; consumers?: Hex[]; auditors?: Hex[] }): ProgramSink {
  return new ProgramSink({
    store: o.store,
    chainId: o.chainId,
    splitter: o.splitter,
    client: createPublicClient({ transport: http("http://127.0.0.1:9") }),
    signers: [o.signer],
    relayer: null,
    consumers: o.consumers ?? [],
    auditors: o.auditors ?? [],
    attestationTtlSeconds: 3600,
    // No chain behind it: every contributor's nonce is still 0 there.
    onChainNonce: async () => 0n,
  });
}

/** The service's start command, as `npm run oracle` runs it. */
export const MAIN = new URL("./main.ts", import.meta.url).pathname;

/** Starts main.ts; resolves with its URL once it listens. */
export function startMain(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", MAIN], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1], output: () => out });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => reject(new Error(`main.ts exited with ${code} before listening:\n${out}`)));
  });
}

/** A worker process's start command, as `npm run oracle:worker` runs it. */
export const WORKER_MAIN = new URL("./worker-main.ts", import.meta.url).pathname;

/** Starts worker-main.ts; resolves once it takes batches from the database (it logs that at info level, so `env` must not silence it). */
export function startWorker(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", WORKER_MAIN], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      if (out.includes("oracle worker ready")) resolve({ child, output: () => out });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => reject(new Error(`worker-main.ts exited with ${code} before it was ready:\n${out}`)));
  });
}

/** Stops a main.ts started by startMain (SIGTERM, as a service manager does) and waits for its exit. */
export async function stopMain(main: { child: ChildProcess } | null | undefined): Promise<void> {
  if (!main) return;
  main.child.kill("SIGTERM");
  await exited(main.child);
}

export const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null || child.signalCode !== null ? r(child.exitCode) : child.once("exit", (code) => r(code))));

export interface ServiceFixture {
  workers: PipelineWorkers;
  svc: TestService;
  /** Signed in, with a reader key registered. */
  alice: SignedIn;
}

/** A service started before the suite's tests (one worker, `env` on top of testEnv) and closed after them. */
export function serviceForSuite(env: Record<string, string> = {}): ServiceFixture {
  const fixture = {} as ServiceFixture;
  before(async () => {
    fixture.workers = await PipelineWorkers.start({}, 1);
    fixture.svc = await startService(fixture.workers, env);
    fixture.alice = await signIn(fixture.svc.url);
  });
  after(async () => {
    await fixture.svc?.close();
    await fixture.workers?.close();
  });
  return fixture;
}

// What a test outside the service may take from it besides the harness above: the production
// sink, to store submissions exactly as a running oracle does, and the shapes it stores.
export { ProgramSink } from "./program-sink.ts";
export type { UploadFile } from "../protocol/oracle-client.ts";
export type { AcceptedSubmission, LocalFile, StoredSubmission } from "./submission.ts";

/** Runs one statement on a test service's database, as an operator (or a crash) might leave it. */
export async function sql(config: OracleConfig, text: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: config.databaseUrl! });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

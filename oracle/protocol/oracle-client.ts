// The one client of the oracle's HTTP API, for the dApp, scripts and tests alike (OracleClient),
// and what a contributor's own tooling does with it (npm start's demonstration, the browser
// tests' seeding, the committee's tests): sign in with a wallet (SIWE, on the domain, URI and
// chain the oracle's nonce answer names), register the wallet-derived reader key, sign the
// upload's contribution (EIP-712) and upload, and wait for the job to end. Node and browsers;
// any signer of EIP-191 messages and EIP-712 data.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex as hex } from "@noble/hashes/utils.js";
import { bytesToHex, type Address, type Hex } from "viem";
import { createSiweMessage } from "viem/siwe";
import { signContribution, type ContributedFile, type ContributionProgram, type TypedDataSigner } from "./contribution.ts";
import { z } from "zod";
import { committeeView } from "./committee-api.ts";
import { OracleError, OracleUnreachableError } from "./oracle-errors.ts";
import {
  claimRelayAnswer, claimRelayInfo, errorAnswer, healthAnswer, jobReportAnswer, jobsAnswer, jobView, nonceAnswer, readerKeyAnswer, sessionStateAnswer, signInAnswer,
  statsAnswer, submissionsAnswer, uploadAnswer,
  type ClaimRelayRequest, type JobResult, type JobView, type NonceAnswer, type SignInRequest,
} from "./oracle-api.ts";

export { OracleError, OracleUnreachableError };

export type OracleAuth = { authorization: string };

/** Any signer of EIP-191 messages: a viem account, a wallet client's account, a hardware key. */
export interface MessageSigner {
  address: string;
  signMessage(args: { message: string }): Promise<Hex | string>;
}

/** Derives a signer's reader key for one program (oracle/crypto's readerKeyFromWallet). */
export type ReaderKeyDerivation = (signer: MessageSigner, context: { chainId: number; program: Address }) => Promise<{ publicKey: Uint8Array }>;

export interface SignInOptions {
  /** The program the reader key is for. */
  program: Address;
  readerKey: ReaderKeyDerivation;
  /** Sent with every request (a proxy's, an Origin). */
  headers?: Record<string, string>;
}

export interface OracleClientOptions {
  /** Sent with every request: a bearer token (`{ authorization }`), a proxy's header, an Origin. */
  headers?: Record<string, string>;
  /** "include" in a page, so the HttpOnly session cookie goes along to an oracle on another origin. */
  credentials?: RequestCredentials;
}

/**
 * The oracle's HTTP API, one method a route, each answer checked against its schema in
 * oracle-api.ts before anyone reads it: an oracle of another version fails loudly here rather
 * than as an undefined figure on a page.
 */
export class OracleClient {
  readonly base: string;
  readonly #options: OracleClientOptions;

  constructor(base: string, options: OracleClientOptions = {}) {
    this.base = base.replace(/\/$/, "");
    this.#options = options;
  }

  /** The same oracle, with more headers (a session's bearer token). */
  with(headers: Record<string, string>): OracleClient {
    return new OracleClient(this.base, { ...this.#options, headers: { ...this.#options.headers, ...headers } });
  }

  /** Sends a request; an answer other than 2xx becomes an OracleError, no answer an OracleUnreachableError. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = { ...this.#options.headers, ...(init.headers as Record<string, string> | undefined) };
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { ...init, headers, ...(this.#options.credentials ? { credentials: this.#options.credentials } : {}) });
    } catch (cause) {
      throw new OracleUnreachableError(`the oracle at ${this.base} does not answer`, { hint: "Check that the oracle runs and that its URL is right, then try again.", cause });
    }
    if (res.ok) return res;
    const body = errorAnswer.safeParse(await res.json().catch(() => undefined));
    if (body.success) throw new OracleError(res.status, body.data.error.code, body.data.error.message, body.data.error.hint);
    if (res.status === 502 || res.status === 503 || res.status === 504) throw new OracleUnreachableError(`the oracle at ${this.base} does not answer (${res.status})`, { hint: "Try again in a moment." });
    throw new OracleError(res.status, "http_error", `the oracle answered ${init.method ?? "GET"} ${path} with ${res.status} ${res.statusText}`, "Try again later.");
  }

  /** Sends a request and returns its JSON answer, checked against `schema`. */
  async json<T extends z.ZodType>(schema: T, path: string, init: RequestInit = {}): Promise<z.output<T>> {
    const res = await this.request(path, init);
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (parsed.success) return parsed.data;
    throw new OracleError(res.status, "unexpected_answer", `the oracle's answer to ${init.method ?? "GET"} ${path} is not of the documented shape: ${z.prettifyError(parsed.error)}`,
      "This client and the oracle speak different versions of its API (see its /openapi.json); update the one that is behind.");
  }

  #send<T extends z.ZodType>(schema: T, method: string, path: string, body: unknown): Promise<z.output<T>> {
    return this.json(schema, path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }

  stats = () => this.json(statsAnswer, "/stats");
  health = () => this.json(healthAnswer, "/health");
  committee = () => this.json(committeeView, "/committee");
  submissions = (contributor: string, limit?: number) =>
    this.json(submissionsAnswer, `/contributors/${encodeURIComponent(contributor)}/submissions${limit === undefined ? "" : `?limit=${limit}`}`);

  nonce = () => this.json(nonceAnswer, "/session/nonce");
  /** Opens a session with a signed EIP-4361 message; the answer's token works as `Authorization: Bearer`. */
  verify = (body: SignInRequest) => this.#send(signInAnswer, "POST", "/session/verify", body);
  session = () => this.json(sessionStateAnswer, "/session");
  signOut = async () => void (await this.request("/session/logout", { method: "POST" }));
  readerKey = () => this.json(readerKeyAnswer, "/session/reader-key");
  registerReaderKey = (publicKey: `0x${string}`) => this.#send(readerKeyAnswer, "PUT", "/session/reader-key", { publicKey });

  upload = (form: FormData) => this.json(uploadAnswer, "/uploads", { method: "POST", body: form });
  jobs = (limit?: number) => this.json(jobsAnswer, `/jobs${limit === undefined ? "" : `?limit=${limit}`}`);
  job = (id: string) => this.json(jobView, `/jobs/${encodeURIComponent(id)}`);
  report = (id: string) => this.json(jobReportAnswer, `/jobs/${encodeURIComponent(id)}/report`);
  /** Where GET /jobs/:id/events streams a job's progress (an EventSource reads it in a page). */
  eventsUrl = (id: string) => `${this.base}/jobs/${encodeURIComponent(id)}/events`;

  claimRelay = () => this.json(claimRelayInfo, "/claims/relay");
  relayClaim = (body: ClaimRelayRequest) => this.#send(claimRelayAnswer, "POST", "/claims/relay", body);
}

/** The Sign-In with Ethereum message the oracle accepts: on the domain, URI and chain its nonce answer names. */
export function signInMessage(nonce: NonceAnswer, address: Address, statement = "Sign in to the 1TT oracle."): string {
  return createSiweMessage({ address, chainId: nonce.chainId, domain: nonce.domain, nonce: nonce.nonce, uri: nonce.uri, version: "1", issuedAt: new Date(), statement });
}

/** Signs in with `signer` and registers its wallet-derived reader key for the program, as the dApp does before a first upload. */
export async function signInWithWallet(base: string, signer: MessageSigner, { program, readerKey, headers = {} }: SignInOptions): Promise<OracleAuth> {
  const oracle = new OracleClient(base, { headers });
  const n = await oracle.nonce();
  const message = signInMessage(n, signer.address as Address);
  const { token } = await oracle.verify({ message, signature: (await signer.signMessage({ message })) as Hex });
  const auth = { authorization: `Bearer ${token}` };
  const { publicKey } = await readerKey(signer, { chainId: n.chainId, program });
  await oracle.with(auth).registerReaderKey(bytesToHex(publicKey));
  return auth;
}

export interface UploadFile {
  name: string;
  /** A browser's File is a Blob: it is hashed as a stream, never read whole into memory. */
  data: Uint8Array | string | Blob;
}

/** The program an oracle's uploads are signed for, as its GET /stats names it. */
export async function oracleProgram(base: string): Promise<ContributionProgram> {
  return (await new OracleClient(base).stats()).program;
}

const HASH_SLICE_BYTES = 4 * 1024 * 1024;

/** sha256 and size of the bytes as they will be sent, read a slice at a time. */
async function contributedFile(blob: Blob): Promise<ContributedFile> {
  const hash = sha256.create();
  for (let at = 0; at < blob.size; at += HASH_SLICE_BYTES) hash.update(new Uint8Array(await blob.slice(at, at + HASH_SLICE_BYTES).arrayBuffer()));
  return { sha256: hex(hash.digest()), bytes: blob.size };
}

/** The multipart body of POST /uploads: the files, and the contributor's signature of their sha256s and sizes for `program`. */
export async function signedUploadForm(signer: TypedDataSigner, program: ContributionProgram, files: readonly UploadFile[]): Promise<FormData> {
  const blobs = files.map((f) => (f.data instanceof Blob ? f.data : new Blob([typeof f.data === "string" ? f.data : new Uint8Array(f.data)])));
  const committed: ContributedFile[] = [];
  for (const blob of blobs) committed.push(await contributedFile(blob));
  const proof = await signContribution(signer, program, committed);
  const form = new FormData();
  form.append("signature", proof.signature);
  form.append("issuedAt", String(proof.issuedAt));
  files.forEach((f, i) => form.append("file", blobs[i]!, f.name));
  return form;
}

/** Signs and uploads `files`, then polls the job until it is accepted (returned) or failed (thrown), at most `timeoutMs`. */
export async function uploadAndWait(
  base: string,
  auth: OracleAuth,
  files: UploadFile[],
  { signer, label = "the", timeoutMs = 180_000 }: { signer: TypedDataSigner; label?: string; timeoutMs?: number },
): Promise<JobView & { result: JobResult }> {
  const oracle = new OracleClient(base, { headers: auth });
  const form = await signedUploadForm(signer, (await oracle.stats()).program, files);
  const { job } = await oracle.upload(form);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const j = await oracle.job(job.id);
    if (j.state === "accepted" && j.result) return { ...j, result: j.result };
    if (j.state === "failed") throw new Error(`${label} upload failed: ${j.error?.code} ${j.error?.message}`);
    if (Date.now() > deadline) throw new Error(`${label} upload did not finish within ${timeoutMs / 1000} s (job ${job.id}, ${j.state})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

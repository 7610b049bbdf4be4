// The oracle's HTTP API from a script, as a contributor's own tooling uses it (npm start's
// demonstration, the browser tests' seeding, the committee's tests): sign in with a wallet (SIWE,
// on the domain, URI and chain the oracle's nonce answer names), register the wallet-derived
// reader key, sign the upload's contribution (EIP-712) and upload, and wait for the job to end.
// Node and browsers; any signer of EIP-191 messages and EIP-712 data.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex as hex } from "@noble/hashes/utils.js";
import { bytesToHex, type Address, type Hex } from "viem";
import { createSiweMessage } from "viem/siwe";
import { signContribution, type ContributedFile, type ContributionProgram, type TypedDataSigner } from "./contribution.ts";
import type { JobResult, JobView, NonceAnswer, StatsAnswer } from "./oracle-api.ts";

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

async function call<T>(base: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${base}${path}`, init);
  const body = await res.text();
  if (!res.ok) throw new Error(`oracle ${init.method ?? "GET"} ${path}: ${res.status} ${body}`);
  return JSON.parse(body) as T;
}

/** The Sign-In with Ethereum message the oracle accepts: on the domain, URI and chain its nonce answer names. */
export function signInMessage(nonce: NonceAnswer, address: Address, statement = "Sign in to the 1TT oracle."): string {
  return createSiweMessage({ address, chainId: nonce.chainId, domain: nonce.domain, nonce: nonce.nonce, uri: nonce.uri, version: "1", issuedAt: new Date(), statement });
}

/** Signs in with `signer` and registers its wallet-derived reader key for the program, as the dApp does before a first upload. */
export async function signInWithWallet(base: string, signer: MessageSigner, { program, readerKey, headers = {} }: SignInOptions): Promise<OracleAuth> {
  const n = await call<NonceAnswer>(base, "/session/nonce", { headers });
  const message = signInMessage(n, signer.address as Address);
  const { token } = await call<{ token: string }>(base, "/session/verify", {
    method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ message, signature: await signer.signMessage({ message }) }),
  });
  const auth = { authorization: `Bearer ${token}` };
  const { publicKey } = await readerKey(signer, { chainId: n.chainId, program });
  await call(base, "/session/reader-key", { method: "PUT", headers: { ...headers, ...auth, "content-type": "application/json" }, body: JSON.stringify({ publicKey: bytesToHex(publicKey) }) });
  return auth;
}
export interface UploadFile {
  name: string;
  /** A browser's File is a Blob: it is hashed as a stream, never read whole into memory. */
  data: Uint8Array | string | Blob;
}

/** The program an oracle's uploads are signed for, as its GET /stats names it. */
export async function oracleProgram(base: string): Promise<ContributionProgram> {
  return (await call<StatsAnswer>(base, "/stats")).program;
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
  const form = await signedUploadForm(signer, await oracleProgram(base), files);
  const { job } = await call<{ job: JobView }>(base, "/uploads", { method: "POST", headers: auth, body: form });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const j = await call<JobView>(base, `/jobs/${job.id}`, { headers: auth });
    if (j.state === "accepted" && j.result) return { ...j, result: j.result };
    if (j.state === "failed") throw new Error(`${label} upload failed: ${j.error?.code} ${j.error?.message}`);
    if (Date.now() > deadline) throw new Error(`${label} upload did not finish within ${timeoutMs / 1000} s (job ${job.id}, ${j.state})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

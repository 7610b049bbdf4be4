// A real oracle for the browser tests: `node oracle/service/main.ts` as a child on a free port, run
// for the world's program (program sink: encryption, manifests, committee signatures) with its
// data in a temp folder (embedded content store, one pipeline worker), stopped by PID. It signs
// but does not post attestations (ORACLE_POST_ATTESTATIONS=0): contributors submit them from
// their own wallets, in the page or, for seeding, from Node through the same HTTP doors.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createWalletClient, http, type Address } from "viem";
import { readerKeyFromWallet, type MessageSigner } from "../../oracle/crypto/index.ts";
import { revenueSplitterAbi } from "../../oracle/protocol/abi.ts";
import type { JobView } from "../../oracle/protocol/oracle-api.ts";
import { generateTestSet, type TestSetSizes } from "../../oracle/pipeline/testset/generate.ts";
import { signInWithWallet, uploadAndWait } from "../../oracle/protocol/oracle-client.ts";
import type { TypedDataSigner } from "../../oracle/protocol/contribution.ts";
import { freePort, ROOT, type World } from "./chain.ts";

export interface Oracle {
  url: string;
  storeDir: string;
  stop: () => void;
}

/** The reader key a wallet account of the node derives for the world's program (personal_sign on the node, as in the page). */
export async function walletReaderKey(world: World, account: Address) {
  return readerKeyFromWallet(nodeSigner(world, account), { chainId: world.chain.id, program: world.splitter });
}

/** One of the node's unlocked accounts as a wallet (personal_sign and eth_signTypedData_v4 on the node, as the page's wallet does). */
function nodeSigner(world: World, account: Address): MessageSigner & TypedDataSigner {
  const wallet = createWalletClient({ chain: world.chain, transport: http(world.rpc), account });
  return { address: account, signMessage: ({ message }) => wallet.signMessage({ account, message }), signTypedData: (data) => wallet.signTypedData({ account, ...data }) };
}

/** The oracle reads the program's consumer and auditor reader keys from the world's ReaderKeyRegistry. */
export async function startOracle(world: World, env: { publicOrigin: string; dataDir: string }): Promise<Oracle> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const storeDir = join(env.dataDir, "ipfs");
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", join(ROOT, "oracle/service/main.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      ORACLE_HOST: "127.0.0.1",
      ORACLE_PORT: String(port),
      ORACLE_DATA_DIR: join(env.dataDir, "oracle"),
      CONTENT_STORE_DIR: storeDir,
      ORACLE_PUBLIC_ORIGIN: env.publicOrigin,
      CHAIN_ID: String(world.chain.id),
      RPC_URL: world.rpc,
      SPLITTER_ADDRESS: world.splitter,
      ORACLE_SIGNER_PRIVATE_KEY: world.committeeKey,
      ORACLE_POST_ATTESTATIONS: "0",
      READER_REGISTRY_ADDRESS: world.registry,
      PIPELINE_WORKERS: "1",
      ORACLE_LOG_LEVEL: "warn",
    },
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGTERM");
  };
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the oracle exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, storeDir, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`the oracle did not answer on ${url} within 30 s: ${stderr}`);
}

/**
 * What a contributor's own script does, through the oracle's HTTP API and their wallet: sign in
 * (SIWE), register the wallet-derived reader key, upload, wait for the job, and submit the
 * committee-signed attestation from their own account. Returns the accepted job.
 */
export async function contributeThroughOracle(world: World, oracle: Oracle, account: Address, files: { name: string; buffer: Buffer }[]): Promise<JobView> {
  const signer = nodeSigner(world, account);
  const auth = await signInWithWallet(oracle.url, signer, { program: world.splitter, readerKey: readerKeyFromWallet });
  const job = await uploadAndWait(oracle.url, auth, files.map((f) => ({ name: f.name, data: new Uint8Array(f.buffer) })), { signer, label: `${account}'s` });
  const a = job.result.attestation;
  if (!a) throw new Error(`the oracle returned no signed attestation for job ${job.id}`);
  const statement = { contributor: a.contributor, tokens: BigInt(a.tokens), nonce: BigInt(a.nonce), deadline: BigInt(a.deadline), manifestCid: a.manifestCid };
  await world.send(account, world.splitter, revenueSplitterAbi, "attest", [statement, a.signatures]);
  return job;
}

const SMALL: TestSetSizes = { clean: 30, boilerplate: 6, repetition: 6, nonEnglish: 6, exactDuplicates: 4, nearDuplicates: 2, nearDuplicateTargets: [0.9] };

/** A small realistic dataset in two JSONL files, from the pipeline's labelled test-set generator. */
export function datasetFiles(seed: number): { name: string; mimeType: string; buffer: Buffer }[] {
  const lines = [...generateTestSet(seed, SMALL)].map((d) => JSON.stringify({ text: d.text }));
  const half = Math.ceil(lines.length / 2);
  return [
    { name: "part-1.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(lines.slice(0, half).join("\n") + "\n") },
    { name: "part-2.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(lines.slice(half).join("\n") + "\n") },
  ];
}

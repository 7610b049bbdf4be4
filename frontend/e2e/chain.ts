// The local chain for the browser tests: a `hardhat node` child on a free port (stopped by its PID)
// and a small world on it: TestUSD, a factory, one program with a one-key committee, two attested
// contributors and one deposit. Attestations are signed with oracle/protocol/attestation.ts and
// name real manifests (a hash chain of two, written to an embedded content store folder) so the
// audit can check them.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  keccak256,
  parseEventLogs,
  stringToHex,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { attestationForManifest } from "../../oracle/attest/attestation-for-manifest.ts";
import { buildManifest } from "../../oracle/manifest/build-manifest.ts";
import { fakeReport, PIPELINE, storedFile } from "../../oracle/manifest/testing.ts";
import { writeManifest } from "../../oracle/manifest/write-manifest.ts";
import { revenueSplitterAbi, revenueSplitterFactoryAbi, testUsdAbi } from "../../oracle/protocol/abi.ts";
import { attestationTypedData, packSignatures } from "../../oracle/protocol/attestation.ts";
import { EmbeddedStore } from "../../oracle/store/embedded/embedded-store.ts";
import { encodeJson } from "../../oracle/store/json.ts";

export const ROOT = new URL("../..", import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Chain {
  rpc: string;
  child: ChildProcess;
  stop: () => void;
}

export async function startChain(): Promise<Chain> {
  const port = await freePort();
  const rpc = `http://127.0.0.1:${port}`;
  const child = spawn(join(ROOT, "node_modules/.bin/hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGTERM");
  };
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(rpc, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) });
      if (res.ok) return { rpc, child, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`hardhat node did not answer on ${rpc} within 30 s: ${stderr}`);
}

function artifact(path: string): Hex {
  const file = join(ROOT, "artifacts/contracts", path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx hardhat build\` before the browser tests.`);
  return JSON.parse(readFileSync(file, "utf8")).bytecode as Hex;
}

export const ALPHA_BPS = 1_000n; // 10 %
export const UNIT = 1_000_000n; // TestUSD has 6 decimals

export interface World {
  rpc: string;
  chain: ReturnType<typeof defineChain>;
  publicClient: ReturnType<typeof createPublicClient>;
  usd: Address;
  factory: Address;
  splitter: Address;
  deployer: Address;
  consumer: Address;
  contributor: Address;
  other: Address;
  /** The attested manifests by CID, as stored (canonical JSON bytes). */
  manifests: Map<string, Uint8Array>;
}

/**
 * Deploys and seeds the world: A has 3000 tokens, B 1000, one deposit of 10,000 tUSD gross. The
 * two manifests (A at sequence 0, B at sequence 1 pointing back to A's) go to the embedded
 * content store folder `storeDir` (closed again, so the audit CLI can open it with --store).
 */
export async function deployWorld(rpc: string, storeDir: string): Promise<World> {
  const chain = defineChain({ ...hardhat, rpcUrls: { default: { http: [rpc] } } });
  const publicClient = createPublicClient({ chain, transport: http(rpc) });
  const [deployer, consumer, contributor, other] = await createWalletClient({ chain, transport: http(rpc) }).getAddresses();
  const wallet = createWalletClient({ chain, transport: http(rpc), account: deployer });
  const mined = async (hash: Hex) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
    return receipt;
  };
  const deploy = async (abi: Abi, bytecode: Hex) => (await mined(await wallet.deployContract({ abi, bytecode }))).contractAddress!;

  const usd = await deploy(testUsdAbi, artifact("TestUSD.sol/TestUSD.json"));
  const factory = await deploy(revenueSplitterFactoryAbi, artifact("RevenueSplitterFactory.sol/RevenueSplitterFactory.json"));
  const committee = privateKeyToAccount(keccak256(stringToHex("1tt e2e committee key")));
  const created = await mined(
    await wallet.writeContract({ address: factory, abi: revenueSplitterFactoryAbi, functionName: "createProgram", args: [usd, ALPHA_BPS, [committee.address], 1n, deployer] }),
  );
  const [event] = parseEventLogs({ abi: revenueSplitterFactoryAbi, eventName: "ProgramCreated", logs: created.logs });
  const splitter = event.args.program;

  const store = await EmbeddedStore.open(storeDir);
  const manifests = new Map<string, Uint8Array>();
  let previous: string | null = null;
  try {
    for (const [sequence, who, tokens] of [
      [0, contributor, 3_000],
      [1, other, 1_000],
    ] as const) {
      const manifest = buildManifest({
        program: { chainId: chain.id, splitter },
        contributor: who,
        sequence,
        contributorSequence: 0,
        previous,
        pipeline: PIPELINE,
        report: fakeReport(sequence, tokens),
        data: { raw: [await storedFile(`input-${sequence}`)], filtered: await storedFile(`e2e-filtered-${sequence}`), report: await storedFile(`e2e-report-${sequence}`), encryption: null },
        previousCumulative: 0,
      });
      const cid = (await writeManifest(store, manifest)).toString();
      manifests.set(cid, encodeJson(manifest));
      previous = cid;
      const statement = attestationForManifest(manifest, cid, 2n ** 40n);
      const signature = await committee.signTypedData(attestationTypedData(chain.id, splitter, statement));
      await mined(await wallet.writeContract({ address: splitter, abi: revenueSplitterAbi, functionName: "attest", args: [statement, packSignatures([{ signer: committee.address, signature }])] }));
    }
  } finally {
    await store.close();
  }
  // The deployer makes the first deposit; the consumer only holds tokens (no allowance), so the
  // permit path is the one the browser test exercises.
  await mined(await wallet.writeContract({ address: usd, abi: testUsdAbi, functionName: "mint", args: [deployer, 1_000_000n * UNIT] }));
  await mined(await wallet.writeContract({ address: usd, abi: testUsdAbi, functionName: "mint", args: [consumer, 1_000_000n * UNIT] }));
  await mined(await wallet.writeContract({ address: usd, abi: testUsdAbi, functionName: "approve", args: [splitter, 2n ** 255n] }));
  await mined(await wallet.writeContract({ address: splitter, abi: revenueSplitterAbi, functionName: "depositRevenue", args: [10_000n * UNIT] }));
  return { rpc, chain, publicClient, usd, factory, splitter, deployer, consumer, contributor, other, manifests };
}

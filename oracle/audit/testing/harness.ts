// Histories for the audit's tests and benchmark, built with the project's own libraries on
// Hardhat's in-process chain: deploy a splitter (the real one through the factory, the real one
// over a slashable token, or the deliberately wrong one), write manifests to a temporary embedded
// store, sign attestations with the committee, attest, deposit, share a surplus, claim, pause,
// rotate the committee (proposal, delay, activation).
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createPublicClient,
  createWalletClient,
  custom,
  getAddress,
  maxUint256,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  type Transport,
} from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { attestationForManifest } from "../../attest/attestation-for-manifest.ts";
import { signAttestation } from "../../attest/sign-attestation.ts";
import { startTestChain, testAccounts, type TestChain } from "../../attest/testing/chain.ts";
import { createKeyEnvelope, type ReaderSpec } from "../../crypto/key-envelope.ts";
import { generateDataKey } from "../../crypto/stream-format.ts";
import { buildManifest, type StoredFile } from "../../manifest/build-manifest.ts";
import { privateKeyContext, submissionKeyContext } from "../../manifest/key-context.ts";
import type { Manifest } from "../../manifest/schema.ts";
import { fakeReport, PIPELINE, storedFile } from "../../manifest/testing.ts";
import { writeManifest } from "../../manifest/write-manifest.ts";
import { packSignatures, type Attestation } from "../../protocol/attestation.ts";
import { contributionTypedData, type ContributionProof } from "../../protocol/contribution.ts";
import { revenueSplitterAbi, testUsdAbi } from "../../protocol/abi.ts";
import { rpcTransport } from "../../protocol/rpc-transport.ts";
import { PublicRpcProxy } from "../../rpc/public-rpc-proxy.ts";
import { EmbeddedStore } from "../../store/embedded/embedded-store.ts";
import { addJson } from "../../store/json.ts";
import { countingTransport, type RpcCounter } from "../counting-transport.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export function artifact(path: string): { abi: Abi; bytecode: Hex } {
  const json = JSON.parse(readFileSync(join(ROOT, "artifacts/contracts", path), "utf8")) as { abi: Abi; bytecode: Hex };
  return { abi: json.abi, bytecode: json.bytecode };
}

export type SplitterKind = "real" | "real-slashable" | "wrong";

export interface Position {
  sequence: number;
  contributorSequence: number;
  previous: string | null;
  previousCumulative: number;
}

export interface ProgramOptions {
  kind?: SplitterKind;
  committee: PrivateKeyAccount[];
  threshold: number;
}

/** One revenue program with its history-writing helpers. */
export class Program {
  readonly splitter: Address;
  readonly asset: Address;
  readonly harness: Harness;
  committee: PrivateKeyAccount[];
  threshold: number;
  readonly cids: string[] = [];
  readonly manifests: Manifest[] = [];
  readonly #latest = new Map<Address, { sequence: number; cumulative: number }>();
  /** Attestations are sent but not mined (for building big histories block by block). */
  noWait = false;

  constructor(harness: Harness, splitter: Address, asset: Address, committee: PrivateKeyAccount[], threshold: number) {
    this.harness = harness;
    this.splitter = splitter;
    this.asset = asset;
    this.committee = committee;
    this.threshold = threshold;
  }

  /** Where the next manifest of `contributor` goes in the log. */
  position(contributor: Address): Position {
    const latest = this.#latest.get(contributor);
    return {
      sequence: this.cids.length,
      contributorSequence: latest ? latest.sequence + 1 : 0,
      previous: this.cids.at(-1) ?? null,
      previousCumulative: latest?.cumulative ?? 0,
    };
  }

  /**
   * The contributor's signature of `raw` for this program: by their own wallet when the tests know
   * it (contributors()), by `signedBy` when a test forges it (a wallet, or a signature copied from
   * another manifest), none when `signedBy` is null.
   */
  async contribution(contributor: Address, raw: readonly StoredFile[], signedBy?: PrivateKeyAccount | ContributionProof | null): Promise<ContributionProof | undefined> {
    if (signedBy && "issuedAt" in signedBy) return signedBy;
    const signer = signedBy === undefined ? wallets.get(contributor) : signedBy;
    if (!signer) return undefined;
    const files = raw.map((f) => ({ sha256: f.plaintextSha256, bytes: f.plaintextBytes }));
    const typed = contributionTypedData({ chainId: hardhat.id, splitter: this.splitter }, contributor, files, 1_700_000_000);
    return { issuedAt: 1_700_000_000, signature: await signer.signTypedData(typed) };
  }

  /** Records a manifest written at the head of the log. */
  record(manifest: Manifest, cid: string): void {
    this.cids.push(cid);
    this.manifests.push(manifest);
    this.#latest.set(manifest.contributor, { sequence: manifest.contributorSequence, cumulative: manifest.tokens.cumulative });
  }

  /**
   * A submission with a fake report (no data), its manifest written and attested. With `readers`,
   * the manifest says the data is encrypted and names a key envelope wrapping a fresh data key for
   * them (`keysCid` names another envelope instead, e.g. one that is not in the store), and a
   * second envelope for the raw files and the report (`privateKeys`) wrapping another key for
   * `privateReaders` (default: the readers but the consumers, as the oracle seals; null: no second
   * envelope, as manifests written before the split). `previousCumulative` lies about the
   * contributor's count before this submission (the manifest's arithmetic then does not hold).
   */
  async submit(
    contributor: Address,
    tokensAdded: number,
    options: { previous?: string | null; signedBy?: PrivateKeyAccount | ContributionProof | null; attestTokens?: bigint; signers?: PrivateKeyAccount[]; readers?: ReaderSpec[]; privateReaders?: ReaderSpec[] | null; keysCid?: string; previousCumulative?: number } = {},
  ): Promise<{ manifest: Manifest; cid: string }> {
    const at = this.position(contributor);
    const label = `input-${at.sequence}`;
    let encryption: { scheme: string; keys: string; privateKeys?: string } | null = null;
    if (options.readers) {
      const position = { chainId: hardhat.id, splitter: this.splitter, sequence: at.sequence };
      const envelope = createKeyEnvelope(generateDataKey(), options.readers, submissionKeyContext(position));
      encryption = { scheme: "1tt/stream@1", keys: options.keysCid ?? (await addJson(this.harness.store, envelope)).toString() };
      const privateReaders = options.privateReaders === undefined ? options.readers.filter((r) => r.role !== "consumer") : options.privateReaders;
      if (privateReaders) {
        const privateEnvelope = createKeyEnvelope(generateDataKey(), privateReaders, privateKeyContext(position));
        encryption.privateKeys = (await addJson(this.harness.store, privateEnvelope)).toString();
      }
    }
    const raw = [await this.harness.stored(label)];
    const contribution = await this.contribution(contributor, raw, options.signedBy);
    const manifest = buildManifest({
      program: { chainId: hardhat.id, splitter: this.splitter },
      contributor,
      sequence: at.sequence,
      contributorSequence: at.contributorSequence,
      previous: options.previous === undefined ? at.previous : options.previous,
      pipeline: PIPELINE,
      report: fakeReport(at.sequence, tokensAdded),
      ...(contribution ? { contribution } : {}),
      data: {
        raw,
        filtered: await this.harness.stored(`filtered-${at.sequence}`),
        report: await this.harness.stored(`report-${at.sequence}`),
        encryption,
      },
      previousCumulative: options.previousCumulative ?? at.previousCumulative,
    });
    const cid = (await writeManifest(this.harness.store, manifest)).toString();
    this.record(manifest, cid);
    await this.attest(manifest, cid, options);
    return { manifest, cid };
  }

  /** Signs the attestation of `manifest` with the committee (or `signers`) and sends it. */
  async attest(manifest: Manifest, cid: string, options: { attestTokens?: bigint; signers?: PrivateKeyAccount[] } = {}): Promise<void> {
    const deadline = this.harness.now + 3_600n;
    const attestation: Attestation = { ...attestationForManifest(manifest, cid, deadline), ...(options.attestTokens === undefined ? {} : { tokens: options.attestTokens }) };
    const signers = (options.signers ?? this.committee).slice(0, options.signers ? undefined : this.threshold);
    const signatures = await Promise.all(signers.map((s) => signAttestation(s, hardhat.id, this.splitter, attestation)));
    await this.harness.send(this.splitter, revenueSplitterAbi as Abi, "attest", [attestation, packSignatures(signatures)], 400_000n);
  }

  async deposit(gross: bigint): Promise<void> {
    await this.harness.send(this.splitter, revenueSplitterAbi as Abi, "depositRevenue", [gross], 300_000n);
  }

  async claim(contributor: Address): Promise<void> {
    await this.harness.send(this.splitter, revenueSplitterAbi as Abi, "claimFor", [contributor], 200_000n);
  }

  /** Sends `amount` units to the splitter by plain transfer and shares them with syncSurplus. */
  async surplus(amount: bigint): Promise<void> {
    await this.harness.send(this.asset, testUsdAbi as Abi, "transfer", [this.splitter, amount], 200_000n);
    await this.harness.send(this.splitter, revenueSplitterAbi as Abi, "syncSurplus", [], 300_000n);
  }

  async pause(paused: boolean): Promise<void> {
    await this.harness.send(this.splitter, revenueSplitterAbi as Abi, paused ? "pauseAttestations" : "unpause", [], 100_000n);
  }

  async propose(committee: PrivateKeyAccount[], threshold: number): Promise<void> {
    await this.harness.send(this.splitter, revenueSplitterAbi as Abi, "proposeCommittee", [committee.map((a) => a.address), BigInt(threshold)], 2_000_000n);
  }

  /** Proposes `committee`, lets the program's committee delay pass and activates it. */
  async rotate(committee: PrivateKeyAccount[], threshold: number): Promise<void> {
    await this.propose(committee, threshold);
    const delay = await this.harness.chain.publicClient.readContract({ address: this.splitter, abi: revenueSplitterAbi, functionName: "committeeDelay" });
    await this.harness.advance(delay);
    await this.harness.send(this.splitter, revenueSplitterAbi as Abi, "activateCommittee", [], 2_000_000n);
    this.committee = committee;
    this.threshold = threshold;
  }
}

export class Harness {
  readonly chain: TestChain;
  /** The chain as a free public endpoint serves it (range and rate limits, 429 and 503): the audit reads through it. */
  readonly publicRpc: PublicRpcProxy;
  readonly store: EmbeddedStore;
  readonly storeDir: string;
  readonly deployer: Address;
  /** Chain time as far as the harness moved it (deadlines are an hour after it). */
  now: bigint;
  readonly #wallet;
  /** When false, transactions are sent and left for `mine()` (automine off). */
  #automine = true;

  private constructor(chain: TestChain, publicRpc: PublicRpcProxy, store: EmbeddedStore, storeDir: string, now: bigint) {
    this.chain = chain;
    this.publicRpc = publicRpc;
    this.store = store;
    this.storeDir = storeDir;
    this.deployer = chain.deployer;
    this.now = now;
    this.#wallet = createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: chain.deployer });
  }

  static async start(): Promise<Harness> {
    const chain = await startTestChain();
    const storeDir = await mkdtemp(join(tmpdir(), "1tt-audit-test-"));
    const store = await EmbeddedStore.open(storeDir);
    const block = await chain.publicClient.getBlock();
    return new Harness(chain, await PublicRpcProxy.start(chain.provider), store, storeDir, block.timestamp);
  }

  /** Stores the bytes of `label` and returns their commitment (the data check fetches every file a manifest names). */
  async stored(label: string): Promise<StoredFile> {
    const file = await storedFile(label);
    await this.store.add(new TextEncoder().encode(label));
    return file;
  }

  /** A public client on the chain, through the public endpoint, whose JSON-RPC requests are counted. */
  client(): { client: PublicClient; counter: RpcCounter } {
    const { transport, counter } = countingTransport(rpcTransport(this.publicRpc.url, { retryDelay: 50 }));
    return { client: createPublicClient({ chain: hardhat, transport }) as PublicClient, counter };
  }

  async setAutomine(on: boolean): Promise<void> {
    await this.chain.request("evm_setAutomine", [on]);
    this.#automine = on;
  }

  /** Moves the chain's clock `seconds` ahead (and `now` with it). */
  async advance(seconds: bigint): Promise<void> {
    await this.chain.request("evm_increaseTime", [Number(seconds)]);
    this.now += seconds;
  }

  async mine(): Promise<void> {
    await this.chain.request("evm_mine", []);
  }

  async send(to: Address, abi: Abi, functionName: string, args: readonly unknown[], gas: bigint): Promise<Hex> {
    const hash = await this.#wallet.writeContract({ address: to, abi, functionName, args, gas, chain: hardhat, account: this.deployer } as never);
    if (this.#automine) {
      const receipt = await this.chain.publicClient.getTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`${functionName} reverted (tx ${hash})`);
    }
    return hash;
  }

  async deploy(path: string, args: readonly unknown[]): Promise<Address> {
    const { abi, bytecode } = artifact(path);
    const hash = await this.#wallet.deployContract({ abi, bytecode, args, chain: hardhat, account: this.deployer } as never);
    const receipt = await this.chain.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    return receipt.contractAddress!;
  }

  /** A new program; its asset is minted to the deployer and approved for the splitter. */
  async program({ kind = "real", committee, threshold }: ProgramOptions): Promise<Program> {
    const signers = committee.map((a) => a.address);
    let splitter: Address;
    let asset: Address;
    if (kind === "real") {
      splitter = await this.chain.deployProgram(signers, threshold);
      asset = await this.chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "asset" });
    } else {
      asset = await this.deploy("test/SlashableToken.sol/SlashableToken.json", []);
      splitter =
        kind === "wrong"
          ? await this.deploy("test/WrongSplitter.sol/WrongSplitter.json", [asset, 1_000n, signers, BigInt(threshold)])
          : await this.deploy("RevenueSplitter.sol/RevenueSplitter.json", [asset, 1_000n, signers, BigInt(threshold), this.deployer, zeroAddress, 0n]);
    }
    await this.send(asset, testUsdAbi as Abi, "mint", [this.deployer, 10n ** 30n], 200_000n);
    await this.send(asset, testUsdAbi as Abi, "approve", [splitter, maxUint256], 200_000n);
    return new Program(this, splitter, asset, committee, threshold);
  }

  async close(): Promise<void> {
    await this.store.close();
    await rm(this.storeDir, { recursive: true, force: true });
    await this.publicRpc.close();
    await this.chain.close();
  }
}

/** The wallets of the contributors tests made with contributors(), which sign their uploads. */
const wallets = new Map<Address, PrivateKeyAccount>();

/** Deterministic contributor addresses, whose wallets sign their contributions. */
export function contributors(count: number, salt = 77): Address[] {
  return testAccounts(count, salt).map((a) => {
    wallets.set(getAddress(a.address), a);
    return getAddress(a.address);
  });
}

export { testAccounts };

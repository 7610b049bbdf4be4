// Deploys the worlds (world.ts) on the global setup's Hardhat node, in Node. Each world is TestUSD,
// a factory and a RevenueSplitter (α = 10 %) with a one-key committee, deployed from the compiled
// artifacts with viem; two contributors attested with signatures made as the oracle committee
// makes them (oracle/protocol/attestation.ts), naming the CIDs of a chain of manifests built by
// the manifest module's fixtures; one deposit; and a consumer holding TestUSD without allowance.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createPublicClient, createWalletClient, getAddress, http, keccak256, parseEventLogs, toHex, type Abi, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { cidToHex } from "../../../oracle/manifest/cid-bytes.ts";
import { fixtureManifest } from "../../../oracle/manifest/testing.ts";
import { attestationTypedData, packSignatures } from "../../../oracle/protocol/attestation.ts";
import { revenueSplitterAbi, revenueSplitterFactoryAbi, testUsdAbi } from "../../../oracle/protocol/abi.ts";
import { computeCid } from "../../../oracle/store/compute-cid.ts";
import { encodeJson } from "../../../oracle/store/json.ts";
import { ALPHA_BPS, CONSUMER_FUNDS, CONTRIBUTOR_TOKENS, FIRST_DEPOSIT, OTHER_TOKENS, WORLD_NAMES, type World, type WorldName } from "./world.ts";

const ARTIFACTS = new URL("../../../artifacts/contracts/", import.meta.url).pathname;
const bytecode = (contract: string): Hex => JSON.parse(readFileSync(join(ARTIFACTS, `${contract}.sol/${contract}.json`), "utf8")).bytecode as Hex;

export async function deployWorlds(rpc: string): Promise<Record<WorldName, World>> {
  const chain = { ...hardhat, rpcUrls: { default: { http: [rpc] } } };
  const client = createPublicClient({ chain, transport: http(rpc) });
  // Checksummed, as the contracts and wagmi return addresses.
  const [deployer, consumer, contributor, other, stranger] = (await createWalletClient({ chain, transport: http(rpc) }).getAddresses()).map((a) => getAddress(a));
  const wallet = createWalletClient({ chain, transport: http(rpc), account: deployer });
  const mined = async (hash: Hex) => {
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
    return receipt;
  };
  const deploy = async (abi: Abi, contract: string) => getAddress((await mined(await wallet.deployContract({ abi, bytecode: bytecode(contract) }))).contractAddress!);

  async function world(name: WorldName): Promise<World> {
    const usd = await deploy(testUsdAbi, "TestUSD");
    const factory = await deploy(revenueSplitterFactoryAbi, "RevenueSplitterFactory");
    const committee = privateKeyToAccount(keccak256(toHex(`1tt component tests: committee of the ${name} world`)));
    const created = await mined(await wallet.writeContract({ address: factory, abi: revenueSplitterFactoryAbi, functionName: "createProgram", args: [usd, ALPHA_BPS, [committee.address], 1n, deployer] }));
    const splitter = parseEventLogs({ abi: revenueSplitterFactoryAbi, eventName: "ProgramCreated", logs: created.logs })[0].args.program;
    const manifests: Hex[] = [];
    let previous: string | null = null;
    for (const [sequence, who, tokens] of [
      [0, contributor, CONTRIBUTOR_TOKENS],
      [1, other, OTHER_TOKENS],
    ] as const) {
      const manifest = await fixtureManifest({ sequence, previous, contributor: who, tokens: Number(tokens) });
      previous = (await computeCid(encodeJson(manifest))).toString();
      const manifestCid = cidToHex(previous);
      const statement = { contributor: who, tokens, nonce: 1n, deadline: 2n ** 40n, manifestCid };
      const signature = await committee.signTypedData(attestationTypedData(chain.id, splitter, statement));
      await mined(await wallet.writeContract({ address: splitter, abi: revenueSplitterAbi, functionName: "attest", args: [statement, packSignatures([{ signer: committee.address, signature }])] }));
      manifests.push(manifestCid);
    }
    await mined(await wallet.writeContract({ address: usd, abi: testUsdAbi, functionName: "mint", args: [deployer, FIRST_DEPOSIT] }));
    await mined(await wallet.writeContract({ address: usd, abi: testUsdAbi, functionName: "approve", args: [splitter, FIRST_DEPOSIT] }));
    await mined(await wallet.writeContract({ address: splitter, abi: revenueSplitterAbi, functionName: "depositRevenue", args: [FIRST_DEPOSIT] }));
    await mined(await wallet.writeContract({ address: usd, abi: testUsdAbi, functionName: "mint", args: [consumer, CONSUMER_FUNDS] }));
    return { splitter, usd, factory, deployer, consumer, contributor, other, stranger, contributorManifest: manifests[0] };
  }

  // Side by side: the node orders the deployer's transactions as they arrive.
  const deployed = await Promise.all(WORLD_NAMES.map(async (name) => [name, await world(name)] as const));
  return Object.fromEntries(deployed) as Record<WorldName, World>;
}

// Claims without gas through the oracle: a contributor that holds no ether signs a claim, the
// oracle's relayer checks it and submits claimWithSig on a real chain, paying the gas.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import Fastify from "fastify";
import { createWalletClient, custom, maxUint256, type Address, type Hex, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { signAttestation } from "../attest/sign-attestation.ts";
import { startTestChain, testAccounts, type TestChain } from "../attest/testing/chain.ts";
import { revenueSplitterAbi, testUsdAbi } from "../protocol/abi.ts";
import { packSignatures } from "../protocol/attestation.ts";
import { claimTypedData, type Claim } from "../protocol/claim.ts";
import { ClaimRelay } from "./claim-relay.ts";
import { claimRelayRoutes } from "./claim-relay-routes.ts";
import { ApiError, errorSchema } from "./errors.ts";

let chain: TestChain;
let splitter: Address;
let relay: ClaimRelay;
const [member] = testAccounts(1, 31);
const [contributor, stranger] = testAccounts(2, 32);
const FAR = 2n ** 40n;

before(async () => {
  chain = await startTestChain();
  splitter = await chain.deployProgram([member!.address], 1);
  const wallet = createWalletClient({ chain: hardhat, transport: custom(chain.provider), account: chain.deployer });
  const client = chain.publicClient as PublicClient;
  const send = async (address: Address, abi: typeof revenueSplitterAbi | typeof testUsdAbi, functionName: string, args: unknown[]) =>
    client.waitForTransactionReceipt({ hash: await wallet.writeContract({ address, abi, functionName, args, gas: 1_000_000n } as never), pollingInterval: 20 });
  const attestation = { contributor: contributor!.address, tokens: 100n, nonce: 1n, deadline: FAR, manifestCid: `0x01551220${"cd".repeat(32)}` as Hex };
  await send(splitter, revenueSplitterAbi, "attest", [attestation, packSignatures([await signAttestation(member!, hardhat.id, splitter, attestation)])]);
  const usd = await client.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "asset" });
  await send(usd, testUsdAbi, "mint", [chain.deployer, 10n ** 12n]);
  await send(usd, testUsdAbi, "approve", [splitter, maxUint256]);
  await send(splitter, revenueSplitterAbi, "depositRevenue", [100_000n]); // 10,000 units, all the contributor's
  relay = new ClaimRelay({ wallet, client, chainId: hardhat.id, splitter });
});
after(async () => {
  await chain?.close();
});

const claim = (overrides: Partial<Claim> = {}): Claim => ({ contributor: contributor!.address, recipient: contributor!.address, nonce: 0n, deadline: FAR, ...overrides });
const signed = (c: Claim, by = contributor!) => by.signTypedData(claimTypedData(hardhat.id, splitter, c));
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  assert.ok(e instanceof ApiError, `expected an ApiError, got ${String(e)}`);
  return { status: e.statusCode, code: e.code };
};

describe("claim relay", () => {
  it("refuses, before spending any gas, a claim signed by someone else, expired, or with a used nonce", async () => {
    const before = await chain.publicClient.getTransactionCount({ address: chain.deployer });
    assert.deepEqual(await refusal(relay.relay(claim(), await signed(claim(), stranger))), { status: 400, code: "invalid_claim_signature" });
    const expired = claim({ deadline: 1n });
    assert.deepEqual(await refusal(relay.relay(expired, await signed(expired))), { status: 400, code: "claim_expired" });
    const ahead = claim({ nonce: 1n });
    assert.deepEqual(await refusal(relay.relay(ahead, await signed(ahead))), { status: 409, code: "claim_nonce_used" });
    const nobody = claim({ contributor: stranger!.address });
    assert.deepEqual(await refusal(relay.relay(nobody, await signed(nobody, stranger))), { status: 409, code: "nothing_to_claim" });
    assert.equal(await chain.publicClient.getTransactionCount({ address: chain.deployer }), before);
  });

  it("submits a valid claim over HTTP for a contributor with no ether and pays it to the recipient", async () => {
    const app = Fastify();
    app.addSchema(errorSchema.definition);
    await app.register(claimRelayRoutes, { relay });
    const info = await app.inject({ method: "GET", url: "/claims/relay" });
    assert.deepEqual(info.json(), { offered: true, chainId: hardhat.id, splitter, relayer: chain.deployer });

    const recipient = stranger!.address;
    const c = claim({ recipient });
    const res = await app.inject({
      method: "POST",
      url: "/claims/relay",
      payload: { claim: { contributor: c.contributor, recipient, nonce: "0", deadline: String(FAR) }, signature: await signed(c) },
    });
    assert.equal(res.statusCode, 200, res.body);
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash: res.json().transactionHash, pollingInterval: 20 });
    assert.equal(receipt.status, "success");
    const usd = await chain.publicClient.readContract({ address: splitter, abi: revenueSplitterAbi, functionName: "asset" });
    assert.equal(await chain.publicClient.readContract({ address: usd, abi: testUsdAbi, functionName: "balanceOf", args: [recipient] }), 10_000n);
    assert.equal(await chain.publicClient.getBalance({ address: contributor!.address }), 0n);

    const bad = await app.inject({ method: "POST", url: "/claims/relay", payload: { claim: { contributor: "0x12", recipient, nonce: "0", deadline: "1" }, signature: "0x" } });
    assert.equal(bad.statusCode, 400);
    await app.close();
  });
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { hashTypedData, recoverTypedDataAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  ATTESTATION_DOMAIN_NAME,
  ATTESTATION_DOMAIN_VERSION,
  attestationDomain,
  attestationTypedData,
  orderSignatures,
  packSignatures,
} from "./attestation.ts";
import type { Attestation } from "./attestation.ts";

const splitter = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const attestation: Attestation = {
  contributor: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  tokens: 1_000n,
  nonce: 1n,
  deadline: 2_000_000_000n,
  manifestCid: "0x01551220ab",
};
const keys = ["0x" + "11".repeat(32), "0x" + "22".repeat(32), "0x" + "33".repeat(32)] as const;
const accounts = keys.map((k) => privateKeyToAccount(k as `0x${string}`));

test("the domain binds name, version, chain id and splitter", () => {
  assert.deepEqual(attestationDomain(31337, splitter), {
    name: ATTESTATION_DOMAIN_NAME,
    version: ATTESTATION_DOMAIN_VERSION,
    chainId: 31337n,
    verifyingContract: splitter,
  });
  const a = hashTypedData(attestationTypedData(1, splitter, attestation));
  const b = hashTypedData(attestationTypedData(2, splitter, attestation));
  const c = hashTypedData(attestationTypedData(1, "0x0000000000000000000000000000000000000001", attestation));
  assert.notEqual(a, b);
  assert.notEqual(a, c);
});

test("matches the contract's type string", () => {
  // The digest of a known message under the contract's type hash, computed independently.
  const typed = attestationTypedData(31337, splitter, attestation);
  assert.equal(typed.primaryType, "Attestation");
  assert.deepEqual(
    typed.types.Attestation.map((f) => `${f.type} ${f.name}`).join(","),
    "address contributor,uint256 tokens,uint256 nonce,uint256 deadline,bytes manifestCid",
  );
});

test("viem signs and recovers with these definitions", async () => {
  const typed = attestationTypedData(31337, splitter, attestation);
  const signature = await accounts[0].signTypedData(typed);
  assert.equal(await recoverTypedDataAddress({ ...typed, signature }), accounts[0].address);
});

test("orders signatures by increasing signer address and refuses duplicates", async () => {
  const typed = attestationTypedData(31337, splitter, attestation);
  const signed = await Promise.all(accounts.map(async (a) => ({ signer: a.address, signature: await a.signTypedData(typed) })));
  const ordered = orderSignatures(signed.slice().reverse());
  for (let i = 1; i < ordered.length; i++) assert.ok(BigInt(ordered[i - 1].signer) < BigInt(ordered[i].signer));
  assert.throws(() => orderSignatures([signed[0], signed[1], signed[0]]), /duplicate signer/);
  const packed = packSignatures(signed);
  assert.equal(packed.length, 2 + 130 * 3);
  assert.equal(packed.slice(2, 132), ordered[0].signature.slice(2));
  assert.throws(() => packSignatures([{ signer: accounts[0].address, signature: "0x1234" }]), /65 bytes/);
});

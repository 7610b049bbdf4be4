import { test } from "node:test";
import assert from "node:assert/strict";
import { getAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { signContribution, verifyContribution, type ContributedFile } from "./contribution.ts";

const program = { chainId: 31337, splitter: getAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3") };
const alice = privateKeyToAccount(generatePrivateKey());
const files: ContributedFile[] = [
  { sha256: "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9", bytes: 11 },
  { sha256: "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", bytes: 12 },
];

test("a contribution signed by its contributor verifies against the same program and files", async () => {
  const proof = await signContribution(alice, program, files);
  assert.equal(await verifyContribution({ program, contributor: alice.address, files, proof }), true);
});

test("a contribution does not verify for another contributor, program, file, size, order or time", async () => {
  const proof = await signContribution(alice, program, files);
  const sybil = privateKeyToAccount(generatePrivateKey()).address;
  const cases = {
    "another contributor": { contributor: sybil },
    "another splitter": { program: { ...program, splitter: sybil } },
    "another chain": { program: { ...program, chainId: 1 } },
    "other bytes": { files: [{ ...files[0]!, sha256: "00".repeat(32) }, files[1]!] },
    "another size": { files: [{ ...files[0]!, bytes: 10 }, files[1]!] },
    "another order": { files: [files[1]!, files[0]!] },
    "a file added": { files: [...files, files[0]!] },
    "another time": { proof: { ...proof, issuedAt: proof.issuedAt + 1 } },
  };
  for (const [what, change] of Object.entries(cases)) {
    assert.equal(await verifyContribution({ program, contributor: alice.address, files, proof, ...change }), false, what);
  }
});

test("a malformed signature is refused, not thrown", async () => {
  assert.equal(await verifyContribution({ program, contributor: alice.address, files, proof: { issuedAt: 1, signature: "0x1234" } }), false);
});

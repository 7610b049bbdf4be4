// Reader public keys as published in the chain's ReaderKeyRegistry (contracts/ReaderKeyRegistry.sol):
// a program's consumer and auditor keys (set by its owner) and each current committee member's
// key (published by the member, beside its signer address). The oracle reads them when it seals a
// submission; a committee member publishes its own with memberReaderKeySignature, relayed by anyone.
import { zeroHash, type Address, type Client, type Hex, type LocalAccount } from "viem";
import { readContract } from "viem/actions";
import { readerKeyRegistryAbi } from "../protocol/abi.ts";
import { memberReaderKeyTypedData, type MemberReaderKey } from "../protocol/reader-key-registry.ts";

export interface ProgramReaders {
  /** The consumers' X25519 public keys (0x + 64 lowercase hex), as the owner set them. */
  consumers: Hex[];
  /** The auditors' keys. */
  auditors: Hex[];
  /** The program's current committee, in its order, each member with the key it published (null: none). */
  members: { signer: Address; key: Hex | null }[];
}

/**
 * Every reader key of `program` published in the registry at `registry`, with the program's
 * current committee, in one call (ReaderKeyRegistry.readers), at the latest block or `blockNumber`.
 */
export async function readProgramReaders(client: Client, registry: Address, program: Address, options: { blockNumber?: bigint } = {}): Promise<ProgramReaders> {
  const [consumers, auditors, members, memberKeys] = await readContract(client, {
    address: registry,
    abi: readerKeyRegistryAbi,
    functionName: "readers",
    args: [program],
    blockNumber: options.blockNumber,
  });
  const lower = (k: Hex) => k.toLowerCase() as Hex;
  return {
    consumers: consumers.map(lower),
    auditors: auditors.map(lower),
    members: members.map((signer, i) => ({ signer, key: memberKeys[i] === zeroHash ? null : lower(memberKeys[i]!) })),
  };
}

/**
 * A committee member's EIP-712 signature publishing `message.key` as its reader key, for
 * ReaderKeyRegistry.setMemberReaderKeyBySig (anyone may send it; `message.signer` must be the account).
 */
export async function memberReaderKeySignature(account: LocalAccount, chainId: number | bigint, registry: Address, message: MemberReaderKey): Promise<Hex> {
  if (account.address.toLowerCase() !== message.signer.toLowerCase()) throw new Error(`${account.address} cannot sign a reader key publication for ${message.signer}`);
  return account.signTypedData(memberReaderKeyTypedData(chainId, registry, message));
}

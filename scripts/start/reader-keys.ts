// `npm start`'s reader keys, published in the chain's ReaderKeyRegistry as on a real network: the
// program's owner publishes the consumer's wallet-derived reader key (the consumer signs
// readerKeyMessage, as in the dApp) and the auditor's key (scripts/start/auditor-key.ts), and each committee member publishes the key its signer key
// derives with a signature the owner relays (committee keys need no ETH for it).
import { createPublicClient, createWalletClient, http, type Address, type Chain, type Hex, type LocalAccount } from "viem";
import { memberReaderKeySignature } from "../../oracle/attest/index.ts";
import { encodePublicKey, readerKeyFromWallet } from "../../oracle/crypto/index.ts";
import { readerKeyRegistryAbi } from "../../oracle/protocol/abi.ts";
import { committeeReaderKey } from "../../oracle/attest/index.ts";

export interface PublishedKeys {
  consumer: Hex;
  auditor: Hex;
  /** One per committee member, in the order given. */
  committee: Hex[];
}

export async function publishLocalReaderKeys(o: {
  chain: Chain;
  rpcUrl: string;
  registry: Address;
  program: Address;
  owner: LocalAccount;
  consumer: LocalAccount & { signMessage: NonNullable<LocalAccount["signMessage"]> };
  committee: LocalAccount[];
  /** The auditor's public key (0x-hex X25519). */
  auditor: Hex;
}): Promise<PublishedKeys> {
  const client = createPublicClient({ chain: o.chain, transport: http(o.rpcUrl), pollingInterval: 100 });
  const wallet = createWalletClient({ chain: o.chain, transport: http(o.rpcUrl), account: o.owner });
  const mined = async (hash: Hex, what: string) => {
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${what} reverted (transaction ${hash})`);
  };

  const consumer = encodePublicKey((await readerKeyFromWallet(o.consumer, { chainId: o.chain.id, program: o.program })).publicKey);
  await mined(
    await wallet.writeContract({ address: o.registry, abi: readerKeyRegistryAbi, functionName: "setProgramReaders", args: [o.program, [consumer], [o.auditor]] }),
    "publishing the consumer's and the auditor's reader keys",
  );

  const committee: Hex[] = [];
  for (const member of o.committee) {
    const key = encodePublicKey((await committeeReaderKey(member, o.chain.id, o.program)).publicKey);
    const nonce = await client.readContract({ address: o.registry, abi: readerKeyRegistryAbi, functionName: "nonces", args: [member.address] });
    const block = await client.getBlock();
    const message = { program: o.program, signer: member.address, key, nonce, deadline: block.timestamp + 3_600n };
    const signature = await memberReaderKeySignature(member, o.chain.id, o.registry, message);
    await mined(
      await wallet.writeContract({
        address: o.registry,
        abi: readerKeyRegistryAbi,
        functionName: "setMemberReaderKeyBySig",
        args: [message.program, message.signer, message.key, message.nonce, message.deadline, signature],
      }),
      `publishing the reader key of committee member ${member.address}`,
    );
    committee.push(key);
  }
  return { consumer, auditor: o.auditor, committee };
}

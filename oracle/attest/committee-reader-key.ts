// A committee member's reader key: derived from its signer key like a wallet user's
// (oracle/crypto/README.md), so a member needs no second secret to read the submissions sealed
// for it. The leader wraps data keys for it; the member opens them with the same derivation.
import type { Address, LocalAccount } from "viem";
import { readerKeyFromWallet, type ReaderKeyPair } from "../crypto/index.ts";

export async function committeeReaderKey(signer: LocalAccount, chainId: number, splitter: Address): Promise<ReaderKeyPair> {
  if (!signer.signMessage) throw new Error("the committee signer cannot sign messages");
  return readerKeyFromWallet({ address: signer.address, signMessage: signer.signMessage }, { chainId, program: splitter });
}

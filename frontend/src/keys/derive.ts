// Reader keys from the wallet, or from a keystore file (oracle/crypto/README.md, "Wallet-derived
// reader keys" and "Keystore"). Plain functions over a `sign` callback, so they run in Node tests
// with viem accounts; the page loads this module only when a key is needed (it pulls in the
// ciphers and scrypt).
import { decryptKeystore, encodePublicKey, readerKeyFromSignature, readerKeyMessage, type ReaderKeyPair } from "../../../oracle/crypto/index.ts";
import { OneTTError } from "../../../oracle/protocol/errors.ts";
import type { HeldReaderKey } from "./reader-key-store.ts";

/** The wallet gave two different signatures for the same message: no stable key can come from it. */
export class UnstableSignatureError extends OneTTError {
  override name = "UnstableSignatureError";
  constructor() {
    super("Your wallet signed the same message twice with two different signatures, so it cannot give a stable reader key.", {
      details:
        "A reader key is derived from the signature; the same key comes back only from wallets with deterministic signatures (RFC 6979). " +
        "MPC and threshold wallets, smart-contract accounts and passkey signers sign differently each time.",
      hint: "Open a reader keystore file (1tt/keystore@1) with its passphrase instead, or connect a wallet with a plain account.",
    });
  }
}

export interface WalletKeyParameters {
  chainId: number;
  program: string;
  account: string;
  /** personal_sign of the message by `account` (wagmi's signMessageAsync). */
  sign: (message: string) => Promise<string>;
  /**
   * Sign twice and compare (the first time in a page session): a wallet with random nonces would
   * otherwise give a key that can never be derived again.
   */
  confirm: boolean;
  /** Called before each signature: 1, then 2 when confirming. */
  onSignature?: (index: 1 | 2, of: 1 | 2) => void;
}

export async function deriveWalletReaderKey({ chainId, program, account, sign, confirm, onSignature }: WalletKeyParameters): Promise<HeldReaderKey> {
  const message = readerKeyMessage({ chainId, program, account });
  const of = confirm ? 2 : 1;
  onSignature?.(1, of);
  const pair = readerKeyFromSignature(await sign(message));
  if (confirm) {
    onSignature?.(2, of);
    const again = readerKeyFromSignature(await sign(message));
    const same = sameBytes(pair.publicKey, again.publicKey);
    again.privateKey.fill(0);
    if (!same) {
      pair.privateKey.fill(0);
      throw new UnstableSignatureError();
    }
  }
  return held(pair, "wallet");
}

/** The key in a `1tt/keystore@1` file (its text), opened with the passphrase. */
export async function openKeystoreText(text: string, passphrase: string): Promise<HeldReaderKey> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new OneTTError("This file is not a reader keystore: it is not JSON.", {
      details: (cause as Error).message,
      hint: "Choose the 1tt/keystore@1 file (JSON) that holds your reader key.",
    });
  }
  const pair = await decryptKeystore(value, passphrase);
  const label = typeof (value as { label?: unknown }).label === "string" ? (value as { label: string }).label : undefined;
  return { ...held(pair, "keystore"), ...(label ? { label } : {}) };
}

const held = (pair: ReaderKeyPair, source: HeldReaderKey["source"]): HeldReaderKey => ({
  pair,
  publicKey: encodePublicKey(pair.publicKey).toLowerCase() as `0x${string}`,
  source,
});

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

// The connected account's reader key for a program: derived in the page from a wallet signature
// (asked twice the first time in a page session, to make sure the wallet signs deterministically)
// or opened from a keystore file. Held in memory only (reader-key-store.ts), forgotten when the
// account changes or the wallet disconnects. The signature never leaves this function's scope.
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { Address } from "viem";
import { useAccount, useSignMessage } from "wagmi";
import { OneTTError } from "../../../oracle/protocol/errors.ts";
import { programChainId } from "../config.ts";
import {
  forgetKey,
  heldKey,
  holdKey,
  isPending,
  isStableAccount,
  markStableAccount,
  noteAccount,
  obtainKey,
  storeVersion,
  subscribe,
  type HeldReaderKey,
  type ReaderKeySlot,
} from "./reader-key-store.ts";

/** Which wallet signature is being asked for, while the key is derived. */
export interface SignatureStep {
  index: 1 | 2;
  of: 1 | 2;
}

export interface ReaderKeyHandle {
  /** The key held for this program and account, if any. */
  key: HeldReaderKey | undefined;
  /** A key is being derived (the wallet is asked). */
  pending: boolean;
  /** The signature the wallet is being asked for, while deriving here. */
  step: SignatureStep | undefined;
  account: Address | undefined;
  /** The held key, or a new one from the wallet. Rejects when the wallet declines or is unfit. */
  ensure: () => Promise<HeldReaderKey>;
  /** Holds the key of a keystore file instead. */
  openKeystore: (file: Blob, passphrase: string) => Promise<HeldReaderKey>;
  forget: () => void;
}

export function useReaderKey(program: Address): ReaderKeyHandle {
  const { address } = useAccount();
  const { signMessageAsync } = useSignMessage();
  const [step, setStep] = useState<SignatureStep>();
  useEffect(() => noteAccount(address), [address]);
  useSyncExternalStore(subscribe, storeVersion);
  const slot: ReaderKeySlot = { chainId: programChainId, program, account: address };

  const ensure = useCallback(() => {
    const here: ReaderKeySlot = { chainId: programChainId, program, account: address };
    return obtainKey(here, async () => {
      if (!address) {
        throw new OneTTError("No wallet is connected.", {
          hint: "Connect the wallet of your account: your reader key is derived from its signature. Or open a reader keystore file.",
        });
      }
      const { deriveWalletReaderKey } = await import("./derive.ts");
      try {
        const key = await deriveWalletReaderKey({
          chainId: programChainId,
          program,
          account: address,
          sign: (message) => signMessageAsync({ message, account: address }),
          confirm: !isStableAccount(address),
          onSignature: (index, of) => setStep({ index, of }),
        });
        markStableAccount(address);
        return key;
      } finally {
        setStep(undefined);
      }
    });
  }, [address, program, signMessageAsync]);

  const openKeystore = useCallback(
    async (file: Blob, passphrase: string) => {
      const { openKeystoreText } = await import("./derive.ts");
      const key = await openKeystoreText(await file.text(), passphrase);
      return holdKey({ chainId: programChainId, program, account: address }, key);
    },
    [address, program],
  );

  const forget = useCallback(() => forgetKey({ chainId: programChainId, program, account: address }), [address, program]);

  return { key: heldKey(slot), pending: isPending(slot), step, account: address, ensure, openKeystore, forget };
}

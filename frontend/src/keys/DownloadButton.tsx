// The download control wired to the page: the connected account's reader key for this program
// (wallet signature, or a keystore file when the wallet cannot give a stable key), content from
// the IPFS gateway when one is configured, else from the oracle.
import type { Address } from "viem";
import { ipfsGateway, programChainId } from "../config.ts";
import { ORACLE_BASE } from "../oracle/client.ts";
import type { DownloadSource } from "./download.ts";
import { DownloadControl } from "./DownloadControl.tsx";
import { KeystoreForm } from "./KeystoreForm.tsx";
import { useReaderKey, type SignatureStep } from "./useReaderKey.ts";

/** Absolute URLs (the oracle is usually `/oracle` on the page's own origin). */
const absolute = (url: string) => (url ? new URL(url, window.location.href).toString() : "");

export const downloadSource = (): DownloadSource => ({ gateway: absolute(ipfsGateway), oracle: absolute(ORACLE_BASE) });

/** What the wallet is being asked, while a reader key is derived. */
export function signatureText(step: SignatureStep | undefined): string {
  if (!step || step.of === 1) return "Check your wallet: sign the reader key message (no transaction, no fee).";
  return step.index === 1
    ? "Check your wallet: sign the reader key message (1 of 2; no transaction, no fee)."
    : "Sign the same message once more (2 of 2): this checks your wallet gives the same key every time.";
}

export function DownloadButton({ manifestCid, program }: { manifestCid: string; program: Address }) {
  const readerKey = useReaderKey(program);
  return (
    <DownloadControl
      // Another account is another reader: start afresh (an unfinished download is stopped).
      key={readerKey.account ?? "no wallet"}
      manifestCid={manifestCid}
      program={{ chainId: programChainId, splitter: program }}
      source={downloadSource()}
      getKey={async () => (await readerKey.ensure()).pair}
      keyStatus={signatureText(readerKey.step)}
      keyFallback={(retry) => (
        <KeystoreForm
          onOpen={async (file, passphrase) => {
            await readerKey.openKeystore(file, passphrase);
            retry();
          }}
        />
      )}
    />
  );
}

// Claim without gas: the contributor signs an EIP-712 claim in the wallet (no transaction, no
// ether needed) and the oracle's relayer submits it with claimWithSig and pays the gas. Offered
// only when the oracle says it relays claims for this program on this chain.
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { useAccount, useSignTypedData } from "wagmi";
import { claimTypedData } from "../../../oracle/protocol/claim.ts";
import { useReadRevenueSplitterClaimNonceOf } from "../chain/generated.ts";
import { programChainId } from "../config.ts";
import { oracle } from "../oracle/client.ts";
import { useTransaction } from "../program/useTransaction.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import { shortHex } from "../chain/format.ts";

/** How long a signed claim stays valid: long enough for a busy relayer, short enough to forget. */
const CLAIM_VALIDITY_SECONDS = 3_600n;

export function useClaimRelay(program: Address) {
  const relay = useQuery({ queryKey: ["oracle", "claim-relay"], queryFn: () => oracle.claimRelay(), retry: false });
  const info = relay.data;
  return info?.offered && info.chainId === programChainId && info.splitter.toLowerCase() === program.toLowerCase() ? info : undefined;
}

export function GaslessClaimButton({ program, account, claimable, label }: { program: Address; account: Address; claimable?: bigint; label?: string }) {
  const relay = useClaimRelay(program);
  const { chainId } = useAccount();
  const nonce = useReadRevenueSplitterClaimNonceOf({ address: program, chainId: programChainId, args: [account] });
  const { signTypedDataAsync } = useSignTypedData();
  const tx = useTransaction();
  if (!relay) return null;
  const nothing = claimable === undefined || claimable === 0n;
  const wrongNetwork = chainId !== programChainId;

  const claimWithoutGas = async (): Promise<Hex> => {
    const deadline = BigInt(Math.floor(Date.now() / 1000)) + CLAIM_VALIDITY_SECONDS;
    const claim = { contributor: account, recipient: account, nonce: (await nonce.refetch()).data ?? 0n, deadline };
    const signature = await signTypedDataAsync(claimTypedData(programChainId, program, claim));
    const body = { claim: { contributor: account, recipient: account, nonce: String(claim.nonce), deadline: String(deadline) }, signature };
    return (await oracle.relayClaim(body)).transactionHash;
  };

  return (
    <div className="claim">
      <button type="button" disabled={tx.busy || nothing || wrongNetwork} onClick={() => tx.run(claimWithoutGas)}>
        {tx.busy ? "Claiming…" : `Claim ${label ?? ""} without gas`}
      </button>
      <p className="muted">You sign a claim in your wallet; the oracle's relayer <code title={relay.relayer}>{shortHex(relay.relayer)}</code> sends it and pays the gas.</p>
      <TxStatus phase={tx.phase} hash={tx.hash} error={tx.error} done="Claimed: the amount is in your wallet." />
    </div>
  );
}

// Claims from every listed program where the account has something to claim, in one
// transaction: Multicall3's aggregate3 calling claimFor on each program (claimFor pays the
// contributor itself, whoever sends it). A program whose amount was claimed meanwhile is skipped
// instead of failing the batch. Offered when the chain has Multicall3 and two programs owe the
// account something.
import { encodeFunctionData, multicall3Abi, type Address } from "viem";
import { useAccount, useBytecode, useReadContracts, useWriteContract } from "wagmi";
import { MULTICALL3_ADDRESS } from "../../../oracle/audit/read-views.ts";
import { revenueSplitterAbi } from "../chain/generated.ts";
import { programChainId } from "../config.ts";
import { useTransaction } from "../program/useTransaction.ts";
import { TxStatus } from "../ui/TxStatus.tsx";

/** `programs`: the programs to look through (the factory's, on the contributor page). */
export function BatchClaimButton({ account, programs }: { account: Address; programs: readonly Address[] }) {
  const { chainId } = useAccount();
  const claimables = useReadContracts({
    contracts: programs.map((address) => ({ address, abi: revenueSplitterAbi, functionName: "claimable", args: [account], chainId: programChainId }) as const),
  });
  const multicall = useBytecode({ address: MULTICALL3_ADDRESS, chainId: programChainId });
  const { writeContractAsync } = useWriteContract();
  const tx = useTransaction();
  const owing = programs.filter((_, i) => ((claimables.data?.[i]?.result as bigint | undefined) ?? 0n) > 0n);
  if (owing.length < 2 || !multicall.data || multicall.data === "0x") return null;

  const claimAll = () =>
    writeContractAsync({
      address: MULTICALL3_ADDRESS,
      abi: multicall3Abi,
      functionName: "aggregate3",
      chainId: programChainId,
      args: [owing.map((target) => ({ target, allowFailure: true, callData: encodeFunctionData({ abi: revenueSplitterAbi, functionName: "claimFor", args: [account] }) }))],
    });

  return (
    <div className="claim">
      <button type="button" disabled={tx.busy || chainId !== programChainId} onClick={() => tx.run(claimAll)}>
        {tx.busy ? "Claiming…" : `Claim from all ${owing.length} programs in one transaction`}
      </button>
      <TxStatus phase={tx.phase} hash={tx.hash} error={tx.error} done="Claimed from every program: the amounts are in your wallet." />
    </div>
  );
}

// Reading and writing the Hardhat node from a test, with viem, as anyone else on the chain would.
import { createPublicClient, createWalletClient, http, type Abi, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hex, type TransactionReceipt } from "viem";
import { revenueSplitterAbi, testUsdAbi } from "../../../oracle/protocol/abi.ts";
import { programChain } from "../config.ts";
import { rpcUrl } from "./context.ts";
import type { World } from "./world.ts";

export const publicClient = () => createPublicClient({ chain: programChain, transport: http(rpcUrl()), pollingInterval: 50 });

/** Sends a contract call from one of the node's unlocked accounts and waits for it to be mined. */
export async function send<const abi extends Abi, name extends ContractFunctionName<abi, "nonpayable">>(
  from: Address,
  call: { address: Address; abi: abi; functionName: name; args: ContractFunctionArgs<abi, "nonpayable", name> },
): Promise<TransactionReceipt> {
  const wallet = createWalletClient({ chain: programChain, transport: http(rpcUrl()), account: from });
  const hash: Hex = await wallet.writeContract(call as never);
  const receipt = await publicClient().waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/** Mints `gross` to the deployer, approves and deposits it as revenue. */
export async function depositRevenue(w: World, gross: bigint): Promise<TransactionReceipt> {
  await send(w.deployer, { address: w.usd, abi: testUsdAbi, functionName: "mint", args: [w.deployer, gross] });
  await send(w.deployer, { address: w.usd, abi: testUsdAbi, functionName: "approve", args: [w.splitter, gross] });
  return send(w.deployer, { address: w.splitter, abi: revenueSplitterAbi, functionName: "depositRevenue", args: [gross] });
}

export const tokenBalance = (w: World, who: Address) => publicClient().readContract({ address: w.usd, abi: testUsdAbi, functionName: "balanceOf", args: [who] });

/** The splitter's per-contributor views: claimable now, claimed so far. */
export const claimable = (w: World, who: Address) => publicClient().readContract({ address: w.splitter, abi: revenueSplitterAbi, functionName: "claimable", args: [who] });
export const claimed = (w: World, who: Address) => publicClient().readContract({ address: w.splitter, abi: revenueSplitterAbi, functionName: "claimed", args: [who] });

// A stuck transaction is replaced, not waited on for ever: the same account nonce, the same call,
// fees raised by 12.5 % (nodes refuse a replacement below +10 %), or to what the network asks now
// when that is higher. Whichever of the two is mined settles the attestation.
import { parseTransaction, type Account, type Chain, type Client, type Hex, type Transport } from "viem";
import { estimateFeesPerGas, getGasPrice, signTransaction } from "viem/actions";

/** A fee raised for a replacement: +12.5 % and one wei, or the current fee if higher. */
export function bumpedFee(previous: bigint, current: bigint): bigint {
  const raised = (previous * 1125n) / 1000n + 1n;
  return raised > current ? raised : current;
}

/** The signed replacement of `rawTransaction`, with bumped fees. */
export async function replacementTransaction(client: Client<Transport, Chain | undefined, Account>, rawTransaction: Hex): Promise<{ rawTransaction: Hex; fees: string }> {
  const tx = parseTransaction(rawTransaction);
  const common = { account: client.account, chain: client.chain, to: tx.to, data: tx.data, value: tx.value, nonce: tx.nonce, gas: tx.gas };
  if (tx.type === "eip1559") {
    const now = await estimateFeesPerGas(client, { chain: client.chain });
    const maxPriorityFeePerGas = bumpedFee(tx.maxPriorityFeePerGas ?? 0n, now.maxPriorityFeePerGas ?? 0n);
    const maxFeePerGas = bumpedFee(tx.maxFeePerGas ?? 0n, (now.maxFeePerGas ?? 0n) > maxPriorityFeePerGas ? now.maxFeePerGas! : maxPriorityFeePerGas);
    const signed = await signTransaction(client, { ...common, type: "eip1559", maxFeePerGas, maxPriorityFeePerGas } as never);
    return { rawTransaction: signed, fees: `maxFeePerGas ${tx.maxFeePerGas} → ${maxFeePerGas}, maxPriorityFeePerGas ${tx.maxPriorityFeePerGas} → ${maxPriorityFeePerGas}` };
  }
  const gasPrice = bumpedFee(tx.gasPrice ?? 0n, await getGasPrice(client));
  const signed = await signTransaction(client, { ...common, type: "legacy", gasPrice } as never);
  return { rawTransaction: signed, fees: `gasPrice ${tx.gasPrice} → ${gasPrice}` };
}

import type { Hex } from "viem";
import { programChain } from "../config.ts";
import { shortId } from "../../../oracle/protocol/format.ts";

/** A transaction hash, linked to the network's explorer when it has one. */
export function TxHash({ hash }: { hash: Hex }) {
  const explorer = programChain?.blockExplorers?.default.url;
  const text = <code title={hash}>{shortId(hash)}</code>;
  return explorer ? (
    <a href={`${explorer}/tx/${hash}`} target="_blank" rel="noreferrer">
      {text}
    </a>
  ) : (
    <span data-hash={hash}>{text}</span>
  );
}

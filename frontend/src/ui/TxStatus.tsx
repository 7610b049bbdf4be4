import type { Hex } from "viem";
import { ErrorNote } from "./ErrorNote.tsx";
import { TxHash } from "./TxHash.tsx";

/** Where one transaction stands, as the page shows it (program/useTransaction.ts follows it). */
export type TxPhase = "idle" | "wallet" | "pending" | "confirmed" | "reverted" | "error";

const TEXT: Record<TxPhase, string> = {
  idle: "",
  wallet: "Confirm in your wallet…",
  pending: "Waiting for the transaction to be mined…",
  confirmed: "Confirmed.",
  reverted: "The transaction was mined but reverted: nothing changed.",
  error: "",
};

/** The live status of a transaction, announced to screen readers. */
export function TxStatus({ phase, hash, error, done, step }: { phase: TxPhase; hash?: Hex; error?: unknown; done?: string; step?: string }) {
  if (phase === "error") return <ErrorNote error={error} />;
  return (
    <p className={`tx-status tx-${phase}`} role="status" aria-live="polite" data-phase={phase}>
      {phase === "confirmed" && done ? done : phase === "wallet" && step ? step : TEXT[phase]}
      {hash && phase !== "idle" && (
        <>
          {" "}
          <TxHash hash={hash} />
        </>
      )}
    </p>
  );
}

// What the program's owner has set in motion, for everyone to see: a committee proposal with a
// countdown to the moment anyone can activate it, and a pause of new attestations.
import { useEffect, useState } from "react";
import type { Address } from "viem";
import { useReadRevenueSplitterAttestationsPaused, useReadRevenueSplitterPendingCommittee } from "../chain/generated.ts";
import { programChainId } from "../config.ts";

/** "1 d 4 h 3 min", "12 min 5 s", "now". */
export function countdown(seconds: number): string {
  if (seconds <= 0) return "now";
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = seconds % 60;
  return d > 0 ? `${d} d ${h} h ${m} min` : h > 0 ? `${h} h ${m} min` : `${m} min ${s} s`;
}

function useNow(): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function CommitteeNotice({ program }: { program: Address }) {
  const at = { address: program, chainId: programChainId } as const;
  const pending = useReadRevenueSplitterPendingCommittee(at);
  const paused = useReadRevenueSplitterAttestationsPaused(at);
  const now = useNow();
  const [signers, threshold, activatesAt] = pending.data ?? [[], 0n, 0n];
  return (
    <>
      {paused.data && (
        <p className="badge warn" role="status">
          New attestations are paused by the program's owner or guardian; claims and deposits go on.
        </p>
      )}
      {activatesAt > 0n && (
        <p className="badge warn" role="status">
          A new committee ({threshold.toString()} of {signers.length} signers) is proposed: it can take effect in{" "}
          <strong>{countdown(Number(activatesAt) - now)}</strong> unless it is cancelled.
        </p>
      )}
    </>
  );
}

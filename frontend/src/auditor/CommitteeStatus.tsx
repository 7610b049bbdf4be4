// Each committee member as the oracle (the committee's leader) sees it: up, behind by N
// submissions, refusing with the reason it gave, or down. Read from the oracle's GET /committee,
// which asks each member's own node; refreshed every 10 s. Who signed each count is shown with
// the attestation itself (contributor/AttestationStatus.tsx).
import { useQuery } from "@tanstack/react-query";
import type { CommitteeMemberView, CommitteeView } from "../../../oracle/protocol/committee-api.ts";
import { oracle } from "../oracle/client.ts";
import { shortHex } from "../chain/format.ts";

const LABEL: Record<CommitteeMemberView["state"], string> = { up: "up", behind: "behind", refusing: "refusing", down: "down" };

export function describeMember(m: CommitteeMemberView): string {
  if (m.state === "down") return `down: ${m.error ?? "no answer"}`;
  if (m.state === "refusing") return `refused submission ${m.status?.refused?.sequence}: ${m.status?.refused?.reason ?? ""}`;
  if (m.state === "behind") return `behind by ${m.behind} submission${m.behind === 1 ? "" : "s"} (verified ${m.status?.verified})`;
  return `verified all ${m.status?.verified} submissions`;
}

export default function CommitteeStatus() {
  const committee = useQuery({ queryKey: ["committee"], queryFn: () => oracle.committee(), refetchInterval: 10_000 });
  if (committee.isPending) return <p className="muted">Reading the committee…</p>;
  if (committee.isError) return <p className="muted">The oracle does not say how its committee members are: {(committee.error as Error).message}</p>;
  const { members } = committee.data;
  return (
    <section className="committee" aria-labelledby="committee-title" data-testid="committee-status">
      <h3 id="committee-title">Committee members</h3>
      {members.length === 0 ? (
        <p className="muted">This oracle asks no other member to co-sign: it signs alone.</p>
      ) : (
        <ul>
          {members.map((m) => (
            <li key={m.address} data-state={m.state}>
              <code title={m.address}>{shortHex(m.address)}</code> <strong>{LABEL[m.state]}</strong>: {describeMember(m)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

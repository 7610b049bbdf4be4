// Check 1: the state rebuilt from the logs (rebuild.ts) equals the contract's views at the same
// block, for every contributor and every total, and every event agrees with the events before it.
import type { History } from "./history.ts";
import type { SplitterViews } from "./read-views.ts";
import type { RebuiltState } from "./rebuild.ts";
import { CheckBuilder, type CheckResult } from "./report.ts";

export function checkState(history: History, rebuilt: RebuiltState, views: SplitterViews): CheckResult {
  const check = new CheckBuilder("state");
  for (const f of rebuilt.inconsistencies) check.fail(f.code, f.message, f.subject);

  const total = (view: string, onChain: bigint, fromLogs: bigint) => {
    if (onChain !== fromLogs) check.fail("state.total_mismatch", `${view}() is ${onChain} on chain; the logs give ${fromLogs}.`);
  };
  total("totalTokens", views.totalTokens, rebuilt.totalTokens);
  total("totalGrossRevenue", views.totalGrossRevenue, rebuilt.totalGross);
  total("totalDeposited", views.totalDeposited, rebuilt.totalDeposited);
  total("totalClaimed", views.totalClaimed, rebuilt.totalClaimed);
  total("held", views.held, rebuilt.payouts.held);

  const committee = rebuilt.committee;
  if (!committee) check.fail("state.no_committee", "No CommitteeChanged event: the logs do not start at the splitter's deployment (check --from-block).");
  else {
    const same =
      committee.epoch === views.committee.epoch &&
      committee.threshold === views.committee.threshold &&
      committee.signers.length === views.committee.signers.length &&
      committee.signers.every((s, i) => s.toLowerCase() === views.committee.signers[i]!.toLowerCase());
    if (!same) {
      check.fail(
        "state.committee_mismatch",
        `committee() is epoch ${views.committee.epoch}, ${views.committee.threshold} of [${views.committee.signers.join(", ")}]; ` +
          `the logs give epoch ${committee.epoch}, ${committee.threshold} of [${committee.signers.join(", ")}].`,
      );
    }
  }

  const proposal = rebuilt.proposal;
  const pending = views.pendingCommittee;
  const sameProposal = proposal
    ? pending.activatesAt === proposal.activatesAt &&
      pending.threshold === proposal.threshold &&
      pending.signers.length === proposal.signers.length &&
      proposal.signers.every((s, i) => s.toLowerCase() === pending.signers[i]!.toLowerCase())
    : pending.activatesAt === 0n;
  if (!sameProposal) {
    check.fail(
      "state.proposal_mismatch",
      `pendingCommittee() is ${pending.activatesAt === 0n ? "none" : `${pending.threshold} of [${pending.signers.join(", ")}] from time ${pending.activatesAt}`}; ` +
        `the logs give ${proposal ? `${proposal.threshold} of [${proposal.signers.join(", ")}] from time ${proposal.activatesAt}` : "none"}.`,
    );
  }
  if (views.attestationsPaused !== rebuilt.paused) {
    check.fail("state.pause_mismatch", `attestationsPaused() is ${views.attestationsPaused} on chain; the logs give ${rebuilt.paused}.`);
  }

  let claimable = 0n;
  for (const [key, c] of rebuilt.contributors) {
    const v = views.contributors.get(key);
    if (!v) {
      check.fail("state.contributor_unread", `${c.address}: the contract's views were not read.`, c.address);
      continue;
    }
    const credited = rebuilt.payouts.contributors.get(key)?.contract ?? 0n;
    const expectedClaimable = credited - c.claimed;
    claimable += v.claimable;
    const pairs: [string, bigint, bigint][] = [
      ["tokensOf", v.tokens, c.tokens],
      ["nonceOf", v.nonce, c.nonce],
      ["claimed", v.claimed, c.claimed],
      ["claimable", v.claimable, expectedClaimable],
    ];
    for (const [view, onChain, fromLogs] of pairs) {
      if (onChain !== fromLogs) check.fail(`state.${view}_mismatch`, `${view}(${c.address}) is ${onChain} on chain; the logs give ${fromLogs}.`, c.address);
    }
  }

  Object.assign(check.figures, {
    fromBlock: String(history.fromBlock),
    block: String(history.toBlock),
    logPages: history.pages,
    events: history.events.length,
    attestations: rebuilt.counts.attested,
    deposits: rebuilt.counts.deposits,
    surplusSyncs: rebuilt.counts.surplusSyncs,
    claims: rebuilt.counts.claims,
    committeeChanges: rebuilt.counts.committeeChanges,
    committeeProposals: rebuilt.counts.proposals,
    proposalsCancelled: rebuilt.counts.cancellations,
    pauses: rebuilt.counts.pauses,
    attestationsPaused: rebuilt.paused,
    contributors: rebuilt.contributors.size,
    totalTokens: String(views.totalTokens),
    totalGrossRevenue: String(views.totalGrossRevenue),
    totalDeposited: String(views.totalDeposited),
    totalClaimed: String(views.totalClaimed),
    totalClaimable: String(claimable),
    held: String(views.held),
    alphaBps: String(views.alphaBps),
  });
  return check.result();
}

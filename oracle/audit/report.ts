// What an audit returns: one result per check, each pass / fail / skipped with its figures and,
// on fail, findings that name what is wrong. Plain JSON (bigints are decimal strings), so the CLI
// writes it as is and the dApp renders it without knowing how it was made.

export const CHECK_IDS = ["state", "attestations", "payouts", "solvency", "manifests", "data", "replay", "readers"] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_TITLES: Record<CheckId, string> = {
  state: "State rebuilt from logs equals the contract's views",
  attestations: "Attestations signed by the committee in force, nonces in order, before the deadline",
  payouts: "Payouts equal the formula, deposit by deposit",
  solvency: "The splitter's balance covers everything claimable and held",
  manifests: "Manifests valid, hash-chained, and equal to the attested counts",
  data: "Every file a manifest names is available and hashes to its CID (with a view key, the filtered data decrypts to its commitment)",
  replay: "Replay of the pinned pipeline gives the attested counts and commitments",
  readers: "Key envelopes list every reader key published on chain when each submission was attested",
};

export type CheckStatus = "pass" | "fail" | "skipped";

/** One thing found wrong. `code` is stable (match on it); `message` names the subject and the figures. */
export interface Finding {
  code: string;
  message: string;
  /** The contributor address, manifest CID or transaction hash the finding is about, when there is one. */
  subject?: string;
}

/** A figure: a count, an amount in units (decimal string), a CID, a block. */
export type Figure = string | number | boolean | null;

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** What was checked and the totals, e.g. { contributors: 1000, deposits: 1000, dust: "3" }. */
  figures: Record<string, Figure>;
  /** At most `MAX_FINDINGS` of them; `findingCount` is the full number. */
  findings: Finding[];
  findingCount: number;
  /** Why the check was skipped, when it was. */
  reason?: string;
}

/**
 * What the audit proves, in one word: `verified` every check ran and passed (the counts were
 * replayed); `unverified` nothing failed but some check did not run, so what it would prove is not
 * proven (see `unverified`); `failed` some check failed.
 */
export type Verdict = "verified" | "unverified" | "failed";

/** A check that did not run, and why (the reason a skipped check gives). */
export interface NotVerified {
  id: CheckId;
  reason: string;
}

export interface AuditReport {
  schema: "1tt/audit@1";
  chainId: number;
  splitter: string;
  /** Logs were read from `fromBlock` to `block`; views were read at `block`. */
  fromBlock: string;
  block: string;
  /** True when no check failed and every check that must run ran (see `auditSplitter`); a skipped replay still leaves `verdict` at "unverified". */
  ok: boolean;
  verdict: Verdict;
  /** Every check that did not run, with why: empty only when the verdict is `verified` or `failed` with all checks run. */
  unverified: NotVerified[];
  checks: CheckResult[];
  /** Milliseconds, by stage. */
  timings: Record<string, number>;
}

export const MAX_FINDINGS = 100;

/** Collects findings for one check, keeping the first MAX_FINDINGS. */
export class CheckBuilder {
  readonly id: CheckId;
  readonly figures: Record<string, Figure> = {};
  readonly #findings: Finding[] = [];
  #count = 0;

  constructor(id: CheckId) {
    this.id = id;
  }

  fail(code: string, message: string, subject?: string): void {
    this.#count++;
    if (this.#findings.length < MAX_FINDINGS) this.#findings.push(subject === undefined ? { code, message } : { code, message, subject });
  }

  get failed(): boolean {
    return this.#count > 0;
  }

  result(): CheckResult {
    return {
      id: this.id,
      title: CHECK_TITLES[this.id],
      status: this.#count > 0 ? "fail" : "pass",
      figures: this.figures,
      findings: this.#findings,
      findingCount: this.#count,
    };
  }
}

export function skipped(id: CheckId, reason: string): CheckResult {
  return { id, title: CHECK_TITLES[id], status: "skipped", figures: {}, findings: [], findingCount: 0, reason };
}

/** The verdict of a set of check results: any fail fails, any skip leaves the audit unverified. */
export function verdictOf(checks: readonly CheckResult[]): { verdict: Verdict; unverified: NotVerified[] } {
  const unverified = checks.filter((c) => c.status === "skipped").map((c) => ({ id: c.id, reason: c.reason ?? "not run" }));
  const verdict: Verdict = checks.some((c) => c.status === "fail") ? "failed" : unverified.length > 0 ? "unverified" : "verified";
  return { verdict, unverified };
}

/** The one-line headline of a verdict, the same in the CLI and on the page. */
export function verdictHeadline(report: Pick<AuditReport, "verdict" | "unverified">): string {
  if (report.verdict === "failed") return "The audit FAILED.";
  if (report.verdict === "verified") return "Every check ran and passed: the counts were replayed and verified.";
  const replay = report.unverified.find((u) => u.id === "replay");
  const what = replay ? `counts not verified: ${replayGap(replay.reason)}` : "not every check ran";
  return `No check failed, but ${what} (not run: ${report.unverified.map((u) => u.id).join(", ")}).`;
}

/** Why the counts were not replayed, as the banner names it ("no view key" when that is why). */
function replayGap(reason: string): string {
  return /view key/i.test(reason) ? "no view key" : reason.replace(/\.$/, "");
}

/** The first failure of a check as one line, for tables and logs. */
export function firstFinding(check: CheckResult): string | undefined {
  return check.findings[0]?.message;
}

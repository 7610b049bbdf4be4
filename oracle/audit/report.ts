// What an audit returns: one result per check, each pass / fail / skipped with its figures and,
// on fail, findings that name what is wrong. Plain JSON (bigints are decimal strings), so the CLI
// writes it as is and the dApp renders it without knowing how it was made.

export const CHECK_IDS = ["state", "attestations", "payouts", "solvency", "manifests", "replay", "readers"] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_TITLES: Record<CheckId, string> = {
  state: "State rebuilt from logs equals the contract's views",
  attestations: "Attestations signed by the committee in force, nonces in order, before the deadline",
  payouts: "Payouts equal the formula, deposit by deposit",
  solvency: "The splitter's balance covers everything claimable and held",
  manifests: "Manifests valid, hash-chained, and equal to the attested counts",
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

export interface AuditReport {
  schema: "1tt/audit@1";
  chainId: number;
  splitter: string;
  /** Logs were read from `fromBlock` to `block`; views were read at `block`. */
  fromBlock: string;
  block: string;
  /** True when no check failed and every check that must run ran (see `auditSplitter`). */
  ok: boolean;
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

/** The first failure of a check as one line, for tables and logs. */
export function firstFinding(check: CheckResult): string | undefined {
  return check.findings[0]?.message;
}

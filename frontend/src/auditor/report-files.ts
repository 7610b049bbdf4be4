// The audit report as the files the auditor page offers: the JSON the CLI writes with --json
// (oracle/cli/audit.ts: the report plus the RPC calls by method, two-space indented, one final
// newline) and a CSV with one row for the audit, one per check and one per finding.
import type { AuditReport, CheckResult, RpcCounter } from "../../../oracle/audit/index.ts";
import { verdictHeadline } from "../../../oracle/audit/index.ts";

/** Byte for byte what `1tt audit --json` writes for the same report and calls. */
export function reportJson(report: AuditReport, counter: Pick<RpcCounter, "total" | "byMethod">): string {
  const out = { ...report, rpc: { calls: counter.total(), byMethod: Object.fromEntries(counter.byMethod) } };
  return `${JSON.stringify(out, null, 2)}\n`;
}

export const CSV_COLUMNS = [
  "chain_id",
  "splitter",
  "from_block",
  "block",
  "row",
  "check",
  "status",
  "title",
  "finding_count",
  "figures",
  "reason",
  "code",
  "subject",
  "message",
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

/** Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
const TEXT = new Set(["title", "reason", "code", "subject", "message"]);

function cell(column: string, value: string | number | undefined): string {
  let text = value === undefined ? "" : String(value);
  if (TEXT.has(column) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF line ends, a header row). Rows: `audit` (status: the verdict, verified,
 * unverified or failed; title: its headline),
 * then for each check a `check` row (its status, figures as one JSON object, the reason when it
 * did not run) followed by one `finding` row per finding the report holds (code, subject,
 * message; `finding_count` on the check row is the full number, the report keeps at most 100).
 */
export function reportCsv(report: AuditReport): string {
  const common: Row = { chain_id: report.chainId, splitter: report.splitter, from_block: report.fromBlock, block: report.block };
  const rows: Row[] = [
    { ...common, row: "audit", status: report.verdict, title: verdictHeadline(report), finding_count: report.checks.reduce((n, c) => n + c.findingCount, 0) },
  ];
  for (const c of report.checks) {
    rows.push({ ...common, row: "check", check: c.id, status: c.status, title: c.title, finding_count: c.findingCount, figures: JSON.stringify(c.figures), reason: c.reason });
    for (const f of c.findings) rows.push({ ...common, row: "finding", check: c.id, status: "fail", code: f.code, subject: f.subject, message: f.message });
  }
  const lines = [CSV_COLUMNS.join(","), ...rows.map((r) => CSV_COLUMNS.map((col) => cell(col, r[col])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/** The file name both downloads share: 1tt-audit-<chain>-<splitter>-<block>. */
export function reportFileName(report: AuditReport, ext: "json" | "csv"): string {
  return `1tt-audit-${report.chainId}-${report.splitter.toLowerCase()}-${report.block}.${ext}`;
}

export const STATUS_LABEL: Record<CheckResult["status"], string> = { pass: "Pass", fail: "Fail", skipped: "Not run" };

/** Plain names of the figures the checks report; anything else is shown under its key. */


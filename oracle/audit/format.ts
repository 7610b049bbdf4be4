// The audit report as text: a summary table (one row per check) and the findings under it.
// Amounts of the asset read as people read them ("1,279.94 tUSD"); `--json` keeps the units.
import { amountFigureText, type AssetUnits } from "./figures.ts";
import { verdictHeadline, type AuditReport, type CheckResult, type Figure } from "./report.ts";

const MARK = { pass: "PASS", fail: "FAIL", skipped: "SKIP" } as const;

/** The figures that matter most for each check, for the one-line summary. */
const KEY_FIGURES: Record<string, string[]> = {
  state: ["contributors", "attestations", "deposits", "claims", "logPages"],
  attestations: ["attestations", "signaturesVerified", "transactions"],
  payouts: ["contributors", "earnedOnChain", "dust", "dustBound"],
  solvency: ["balance", "owed", "surplus"],
  manifests: ["attestedManifests", "chainLength", "contributionSignatures"],
  data: ["filesVerified", "files", "filteredDecrypted"],
  replay: ["replayed", "manifests", "tokensReplayed"],
  readers: ["envelopesChecked", "readersRequired", "keyEvents"],
};

function figureText(key: string, value: Figure, asset?: AssetUnits): string {
  return (asset && amountFigureText(key, value, asset)) ?? String(value);
}

function summary(check: CheckResult, asset?: AssetUnits): string {
  if (check.status === "skipped") return check.reason ?? "";
  const keys = KEY_FIGURES[check.id] ?? [];
  return keys
    .filter((k) => check.figures[k] !== undefined && check.figures[k] !== null)
    .map((k) => `${k} ${figureText(k, check.figures[k]!, asset)}`)
    .join(", ");
}

export function formatReport(report: AuditReport, options: { findings?: number; asset?: AssetUnits } = {}): string {
  const rows = report.checks.map((c, i) => [`${i + 1}. ${c.id}`, MARK[c.status], summary(c, options.asset)]);
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const lines = [
    `Audit of ${report.splitter} on chain ${report.chainId}, blocks ${report.fromBlock}–${report.block}`,
    "",
    ...rows.map(([a, b, c]) => `${a!.padEnd(w0)}  ${b}  ${c}`),
  ];
  const limit = options.findings ?? 10;
  for (const c of report.checks) {
    if (c.status !== "fail") continue;
    lines.push("", `${c.id}: ${c.findingCount} problem${c.findingCount === 1 ? "" : "s"}`);
    for (const f of c.findings.slice(0, limit)) lines.push(`  - ${f.message}`);
    if (c.findingCount > limit) lines.push(`  … and ${c.findingCount - limit} more (see --json)`);
  }
  for (const c of report.checks) {
    if (c.status === "pass" && typeof c.figures.notReplayed === "string") lines.push("", `${c.id}: ${c.figures.notReplayed}`);
  }
  lines.push("", `RESULT: ${verdictHeadline(report)}`);
  return lines.join("\n");
}

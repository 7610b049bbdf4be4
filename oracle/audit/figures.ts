// What each figure of the audit report is, in words, and which figures are amounts of the
// program's asset (in units), shown as money: one table and one rule for the auditor page and the
// command line.
import { formatMoney } from "../protocol/format.ts";
import type { Figure } from "./report.ts";

/** The program's asset, to show its amounts in its own unit. */
export interface AssetUnits {
  symbol: string;
  decimals: number;
}

/** Every figure's name in words. */
export const FIGURE_LABELS: Record<string, string> = {
  fromBlock: "First block read",
  block: "Last block read (views read here)",
  logPages: "Log pages read",
  events: "Events",
  attestations: "Attestations",
  deposits: "Deposits",
  claims: "Claims",
  surplusSyncs: "Surplus shared (syncSurplus)",
  committeeChanges: "Committee changes",
  committeeProposals: "Committee changes proposed",
  proposalsCancelled: "Proposals cancelled",
  pauses: "Pauses of attestations",
  attestationsPaused: "Attestations paused now",
  contributors: "Contributors",
  totalTokens: "Total tokens ΣT",
  totalGrossRevenue: "Gross revenue R",
  totalDeposited: "Deposited (α·R)",
  totalClaimed: "Claimed",
  totalClaimable: "Claimable now",
  held: "Held for later",
  alphaBps: "α (basis points)",
  signaturesVerified: "Signatures verified",
  blocksRead: "Blocks read for signatures",
  transactions: "Transactions decoded",
  tracedTransactions: "Transactions traced",
  embeddedCallScans: "Wrapped calls scanned",
  committeeEpoch: "Committee epoch now",
  earnedOnChain: "Earned on chain (claimed + claimable)",
  earnedByFormula: "Earned by the exact formula",
  formulaNotYetShared: "Not yet shared by the formula",
  dust: "Dust (units left by rounding)",
  dustBound: "Dust bound (units)",
  largestDriftFromFormula: "Largest drift from the formula (units)",
  largestContributorBound: "Largest allowed drift (units)",
  asset: "Asset",
  balance: "Splitter's balance",
  claimable: "Claimable (views)",
  owed: "Owed (claimable + held)",
  escrow: "Escrow (deposited − claimed)",
  surplus: "Surplus (balance − owed)",
  attestedManifests: "Attested manifests read",
  chainLength: "Hash chain length",
  contributionSignatures: "Contribution signatures verified",
  head: "Latest manifest (chain head)",
  headSequence: "Head's sequence",
  intactHead: "Newest manifest that still verifies back to the first (the chain is broken above it)",
  files: "Files the manifests name",
  filesVerified: "Files fetched and matching their CID",
  unavailable: "Files missing or unreadable",
  corrupt: "Files not matching their CID or commitment",
  filteredDecrypted: "Filtered data decrypted to its commitment (view key)",
  viewKey: "View key given",
  notReplayed: "Not replayed",
  pipeline: "Pipeline",
  manifests: "Manifests",
  replayed: "Submissions replayed",
  tokensReplayed: "Tokens replayed",
  registry: "Reader key registry",
  registryFromBlock: "Registry read from block",
  keyEvents: "Reader key events",
  consumers: "Consumer keys published",
  auditors: "Auditor keys published",
  membersWithKeys: "Committee members with a reader key",
  envelopesChecked: "Key envelopes checked",
  clearText: "Submissions stored unencrypted",
  committeeUnknown: "Envelopes with a committee not known on chain",
  readersRequired: "Readers required by the registry",
};

/** Figures that are amounts of the program's asset, in its smallest units. */
/** The figures that are amounts of the asset, in units (some an exact fraction of a unit). */
export const AMOUNT_FIGURES = new Set([
  "totalGrossRevenue",
  "totalDeposited",
  "totalClaimed",
  "totalClaimable",
  "held",
  "earnedOnChain",
  "earnedByFormula",
  "formulaNotYetShared",
  "balance",
  "claimable",
  "owed",
  "escrow",
  "surplus",
]);

/**
 * An amount figure as money in the asset's unit ("1,279.94 tUSD", rounded down; an exact fraction
 * of a unit, as the formula's share is, shown by its whole units), or undefined when `key` is no
 * amount or its value is no number of units.
 */
export function amountFigureText(key: string, value: Figure, asset: AssetUnits): string | undefined {
  const units = /^(-?\d+)(\.\d+)?$/.exec(String(value));
  if (!AMOUNT_FIGURES.has(key) || !units) return undefined;
  return `${formatMoney(BigInt(units[1]!), asset.decimals)} ${asset.symbol}`;
}

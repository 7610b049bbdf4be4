// The audit's public surface, for the CLI and the dApp's auditor page (Node and browsers: nothing
// here or below imports a node: module). Node-only helpers (the pipeline replay, view-key files)
// are in ./node/.
export { auditSplitter } from "./audit-splitter.ts";
export type { AuditProgress, AuditSplitterParameters, AuditStage } from "./audit-splitter.ts";
export { findAttestCalls } from "./attest-calls.ts";
export type { AttestCall, AttestCallLookup } from "./attest-calls.ts";
export { checkAttestations } from "./check-attestations.ts";
export { checkManifests } from "./check-manifests.ts";
export type { ManifestsOutcome } from "./check-manifests.ts";
export { checkPayouts, formatFraction } from "./check-payouts.ts";
export { checkReaders, MAX_ENVELOPE_BYTES } from "./check-readers.ts";
export type { AttestedManifest, CheckReadersParameters } from "./check-readers.ts";
export { checkReplay } from "./check-replay.ts";
export type { ReplayInput, ReplayOutput, ReplayPipeline } from "./check-replay.ts";
export { checkSolvency } from "./check-solvency.ts";
export { checkState } from "./check-state.ts";
export { countingTransport } from "./counting-transport.ts";
export type { RpcCounter } from "./counting-transport.ts";
export { AuditError, AuditOptionsError, CheckpointMismatchError, ReplayUnavailableError, SplitterNotFoundError } from "./errors.ts";
export { AMOUNT_FIGURES, amountFigureText, FIGURE_LABELS, type AssetUnits } from "./figures.ts";
export { formatReport } from "./format.ts";
export { collectHistory, DEFAULT_PAGE_SIZE, findDeploymentBlock, parseCheckpoint, serializeCheckpoint } from "./history.ts";
export type { AttestedEvent, ClaimedEvent, CommitteeEvent, DepositedEvent, History, SplitterEvent } from "./history.ts";
export { DEFAULT_CONTRIBUTORS_PER_CALL, DEPLOYLESS_CONTRIBUTORS_PER_CALL, MULTICALL3_ADDRESS, readViews } from "./read-views.ts";
export type { ContributorViews, SplitterViews } from "./read-views.ts";
export { rebuildState } from "./rebuild.ts";
export type { RebuiltContributor, RebuiltState } from "./rebuild.ts";
export { checkData, filesOf } from "./check-data.ts";
export { CHECK_IDS, CHECK_TITLES, MAX_FINDINGS, verdictHeadline, verdictOf } from "./report.ts";
export type { AuditReport, CheckId, CheckResult, CheckStatus, Figure, Finding, NotVerified, Verdict } from "./report.ts";

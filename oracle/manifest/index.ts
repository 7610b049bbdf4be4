// The manifest layer's public surface. Import from here, not from the files behind it.
export { buildManifest, summarizeReport } from "./build-manifest.ts";
export type { BuildManifestParameters, StoredFile } from "./build-manifest.ts";
export { cidFromHex, cidToHex } from "./cid-bytes.ts";
export {
  KeyEnvelopeUnreadableError,
  ManifestChainBrokenError,
  ManifestChainCycleError,
  ManifestChainTooLongError,
  ManifestCidBytesError,
  ManifestCidMismatchError,
  ManifestError,
  ManifestInvalidError,
  ManifestNotCanonicalError,
  ManifestNotJsonError,
} from "./errors.ts";
export type { KeyEnvelopeUnreadableReason, ManifestIssue } from "./errors.ts";
export { envelopeOf, privateContextOf, privateKeyContext, submissionKeyContext, type SealedFile } from "./key-context.ts";
export { openSealedFile, openSealedFileKey, readSealedFileEnvelope } from "./open-sealed-file.ts";
export type { OpenSealedFileParameters, SealedFileEnvelope, SealedFileKey } from "./open-sealed-file.ts";
export { MAX_ENVELOPE_BYTES, readKeyEnvelope } from "./read-key-envelope.ts";
export { MAX_MANIFEST_BYTES, readManifest } from "./read-manifest.ts";
export type { ReadManifestOptions } from "./read-manifest.ts";
export { fileCommitment, MANIFEST_SCHEMA, manifestJsonSchema, manifestNonce, manifestSchema } from "./schema.ts";
export type { FileCommitment, Manifest, ManifestSummary } from "./schema.ts";
export { validateManifest } from "./validate-manifest.ts";
export { verifyManifestChain, walkManifestChain } from "./walk-chain.ts";
export type { ChainLink, ContributorState, VerifiedChain, WalkManifestChainOptions } from "./walk-chain.ts";
export { computeManifestCid, writeManifest } from "./write-manifest.ts";

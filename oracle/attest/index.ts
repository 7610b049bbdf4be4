// The attestation layer's public surface: committee signing and verification, signer keys, and
// the relayer that posts attestations on chain. Import from here, not from the files behind it.
export { attestationForManifest, attestationNonce, nextNonce } from "./attestation-for-manifest.ts";
export { combineSignatures } from "./combine-signatures.ts";
export { committeeReaderKey } from "./committee-reader-key.ts";
export type { CombinedSignatures, CombineSignaturesParameters } from "./combine-signatures.ts";
export {
  AttestError,
  AttestationExpiredError,
  AttestationRevertedError,
  InvalidAttestationSignatureError,
  NotACommitteeMemberError,
  RpcUnavailableError,
  SignerKeyError,
  ThresholdNotMetError,
  TransactionPendingError,
  TransactionRejectedError,
} from "./errors.ts";
export { decryptKeystore, encryptKeystore, loadAccount, loadAccountFromEnv, STANDARD_SCRYPT } from "./keystore.ts";
export type { KeystoreV3, LoadAccountParameters, ScryptParams } from "./keystore.ts";
export { readCommittee } from "./read-committee.ts";
export type { Committee } from "./read-committee.ts";
export { memberReaderKeySignature, readProgramReaders } from "./reader-keys.ts";
export type { ProgramReaders } from "./reader-keys.ts";
export { recoverAttestationSigner } from "./recover-attestation-signer.ts";
export type { RecoverAttestationSignerParameters } from "./recover-attestation-signer.ts";
export { AttemptLog } from "./relayer/attempt-log.ts";
export type { Attempt, AttemptStatus } from "./relayer/attempt-log.ts";
export { Relayer } from "./relayer/relayer.ts";
export type { PostResult, RelayerClient, RelayerOptions, ResumeOutcome } from "./relayer/relayer.ts";
export { isTransientRpcError, retryAfterMs, withRpcRetry } from "./relayer/retry.ts";
export type { RetryPolicy } from "./relayer/retry.ts";
export { signAttestation } from "./sign-attestation.ts";

// Check 2: every Attested event was signed by at least `threshold` distinct members of the
// committee in force at that point of the chain (rebuilt from CommitteeChanged events, in log
// order), in the order and form the contract requires, and names exactly those signers (its
// bitmap, by place in the committee's list); its nonce is above the contributor's last; its
// deadline had not passed at its block's timestamp. The audit does not take the
// contract's word for any of it: it re-verifies every EIP-712 signature itself.
import { getAddress, hexToBigInt, type Address, type Hex } from "viem";
import { recoverAttestationSigner } from "../attest/recover-attestation-signer.ts";
import { MAX_NONCE, MAX_NONCE_STEP, SIGNATURE_LENGTH } from "../protocol/attestation.ts";
import { eventKey, type AttestCallLookup } from "./attest-calls.ts";
import type { History } from "./history.ts";
import type { Committee } from "./rebuild.ts";
import { CheckBuilder, type CheckResult } from "./report.ts";

/** secp256k1's n / 2: OpenZeppelin's ECDSA (and so the contract) refuses a larger s. */
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

export interface CheckAttestationsParameters {
  history: History;
  lookup: AttestCallLookup;
  onProgress?: (done: number, total: number) => void;
}

export async function checkAttestations({ history, lookup, onProgress }: CheckAttestationsParameters): Promise<CheckResult> {
  const check = new CheckBuilder("attestations");
  const { chainId, splitter } = history;
  const lastNonce = new Map<string, bigint>();
  let committee: Committee | null = null;
  /** Lower-case signer → its place in the committee's list (its bit in Attested). */
  let members = new Map<string, number>();
  let signaturesVerified = 0;
  let attestations = 0;
  const total = history.events.filter((e) => e.kind === "attested").length;

  for (const e of history.events) {
    if (e.kind === "committee") {
      committee = { signers: e.signers, threshold: e.threshold, epoch: e.epoch };
      members = new Map(e.signers.map((s, i) => [s.toLowerCase(), i]));
      continue;
    }
    if (e.kind !== "attested") continue;
    attestations++;
    const who = getAddress(e.contributor);
    const what = `The attestation of ${who} nonce ${e.nonce} (block ${e.blockNumber}, tx ${e.transactionHash})`;

    const previous = lastNonce.get(who) ?? 0n;
    if (e.nonce <= previous) check.fail("attestations.nonce_not_increasing", `${what} does not raise the nonce: the previous one was ${previous}.`, who);
    if (e.nonce > MAX_NONCE || e.nonce - previous > MAX_NONCE_STEP) {
      check.fail("attestations.nonce_out_of_range", `${what} has a nonce more than ${MAX_NONCE_STEP} above the previous one (${previous}) or above ${MAX_NONCE}, which the contract refuses.`, who);
    }
    lastNonce.set(who, e.nonce);

    const call = lookup.calls.get(eventKey(e));
    if (!call) {
      check.fail("attestations.signatures_unavailable", `${what}: its signatures cannot be found (${lookup.problems.get(e.transactionHash) ?? "no attest call"}).`, who);
      continue;
    }
    const timestamp = lookup.timestamps.get(e.blockNumber);
    if (timestamp !== undefined && call.attestation.deadline < timestamp) {
      check.fail("attestations.expired", `${what} landed at time ${timestamp}, after its deadline ${call.attestation.deadline}.`, who);
    }
    if (!committee) {
      check.fail("attestations.no_committee", `${what} precedes every CommitteeChanged event.`, who);
      continue;
    }
    const sigs = call.signatures;
    const bytes = (sigs.length - 2) / 2;
    if (bytes % SIGNATURE_LENGTH !== 0) {
      check.fail("attestations.malformed_signatures", `${what} carries ${bytes} bytes of signatures, not a multiple of ${SIGNATURE_LENGTH}.`, who);
      continue;
    }
    const signers: Address[] = [];
    let valid = 0;
    let signerBits = 0n;
    for (let i = 0; i < bytes / SIGNATURE_LENGTH; i++) {
      const signature = `0x${sigs.slice(2 + i * 2 * SIGNATURE_LENGTH, 2 + (i + 1) * 2 * SIGNATURE_LENGTH)}` as Hex;
      const s = hexToBigInt(`0x${signature.slice(66, 130)}`);
      if (s > HALF_N) {
        check.fail("attestations.malleable_signature", `${what}: signature ${i + 1} has a high s (malleable); the contract refuses those.`, who);
        continue;
      }
      let signer: Address;
      try {
        signer = await recoverAttestationSigner({ chainId, splitter, attestation: call.attestation, signature });
      } catch {
        check.fail("attestations.bad_signature", `${what}: signature ${i + 1} does not recover to any address.`, who);
        continue;
      }
      signaturesVerified++;
      const last = signers.at(-1);
      if (last !== undefined && BigInt(signer) <= BigInt(last)) {
        check.fail("attestations.signers_not_in_order", `${what}: signer ${signer} follows ${last}; signers must be strictly increasing (no one signs twice).`, who);
      }
      signers.push(signer);
      if (!members.has(signer.toLowerCase())) {
        check.fail(
          "attestations.non_member",
          `${what} is signed by ${signer}, who is not a member of the committee in force (epoch ${committee.epoch}: ${committee.signers.join(", ")}).`,
          who,
        );
        continue;
      }
      signerBits |= 1n << BigInt(members.get(signer.toLowerCase())!);
      valid++;
    }
    if (signerBits !== e.signers) {
      check.fail(
        "attestations.signers_mismatch",
        `${what}: its event names the signers of bitmap 0x${e.signers.toString(16)}; its valid signatures are by bitmap 0x${signerBits.toString(16)} of epoch ${committee.epoch}.`,
        who,
      );
    }
    if (valid < committee.threshold) {
      check.fail("attestations.below_threshold", `${what} has ${valid} valid committee signature(s); epoch ${committee.epoch} needs ${committee.threshold}.`, who);
    }
    onProgress?.(attestations, total);
  }
  Object.assign(check.figures, {
    attestations,
    signaturesVerified,
    blocksRead: lookup.stats.blocks,
    transactions: lookup.stats.transactions,
    tracedTransactions: lookup.stats.traced,
    embeddedCallScans: lookup.stats.embedded,
    committeeEpoch: committee ? String(committee.epoch) : null,
  });
  return check.result();
}

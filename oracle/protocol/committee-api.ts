// The wire between committee nodes: the leader asks a member to co-sign an attestation, the
// member answers with its signature or a refusal that says what differed. Every message is signed
// by its sender's committee signer key (EIP-191 over the exact JSON text sent), names its sender
// and its recipient, the program, a time and a one-time id, so neither side trusts the network
// and no secret is shared. Browser-safe (the dApp reads member status with it).
import { z } from "zod";
import { address, count, decimal, hex, publicKey } from "./wire.ts";

export const COSIGN_REQUEST = "1tt/cosign-request@1";
export const COSIGN_RESPONSE = "1tt/cosign-response@1";
export const MEMBER_READER_KEY = "1tt/member-reader-key@1";

/** How far a message's time may be from the receiver's clock. */
export const MESSAGE_MAX_SKEW_SECONDS = 120;


/** A signed message: the JSON text exactly as signed, and the sender's 65-byte signature of it. */
export const signedEnvelope = z.strictObject({ message: z.string().max(64 * 1024), signature: hex });
export type SignedEnvelope = z.infer<typeof signedEnvelope>;

const header = {
  chainId: z.int().min(1),
  splitter: address,
  from: address,
  to: address,
  /** Unix seconds. */
  issuedAt: z.int().min(0),
};

export const cosignRequest = z.strictObject({
  kind: z.literal(COSIGN_REQUEST),
  ...header,
  /** 32 random bytes, hex: a member answers each id once. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  attestation: z.strictObject({ contributor: address, tokens: decimal, nonce: decimal, deadline: decimal, manifestCid: hex }),
});
export type CosignRequest = z.infer<typeof cosignRequest>;

export const cosignResponse = z.strictObject({
  kind: z.literal(COSIGN_RESPONSE),
  ...header,
  requestId: z.string().regex(/^[0-9a-f]{64}$/),
  result: z.union([
    z.strictObject({ signature: hex }),
    z.strictObject({ refused: z.strictObject({ reason: z.string().max(2000), differences: z.array(z.string().max(2000)).max(50) }) }),
  ]),
});
export type CosignResponse = z.infer<typeof cosignResponse>;

/** A member's reader public key, signed by its signer key (what the leader wraps data keys for). */
export const memberReaderKey = z.strictObject({
  kind: z.literal(MEMBER_READER_KEY),
  /** `from` and `to` are both the member: it vouches for its own key. */
  ...header,
  key: publicKey,
});
export type MemberReaderKey = z.infer<typeof memberReaderKey>;

/** GET /status of a committee node: public, unsigned, for monitoring. */
export const memberStatus = z.looseObject({
  address,
  pipeline: z.string(),
  verified: count,
  head: z.object({ sequence: count, cid: z.string() }).nullable(),
  refused: z.object({ sequence: count, cid: z.string(), reason: z.string() }).nullable(),
  busy: z.boolean(),
});
export type MemberStatus = z.infer<typeof memberStatus>;

/** The leader's GET /committee: each other member as it sees it. */
export const committeeMemberView = z.object({
  address,
  url: z.string(),
  state: z.enum(["up", "behind", "refusing", "down"]).describe("up: verified everything the leader committed; behind: verified fewer; refusing: its last replay disagreed; down: no answer"),
  behind: count.nullable().describe("submissions the leader committed that the member has not verified (null when down)"),
  status: memberStatus.nullable().describe("the member's own GET /status, as it answered"),
  error: z.string().nullable(),
});
export type CommitteeMemberView = z.infer<typeof committeeMemberView>;
export const committeeView = z.object({ submissions: count.describe("submissions the leader committed"), members: z.array(committeeMemberView) });
export type CommitteeView = z.infer<typeof committeeView>;

// Signing and opening the messages committee nodes exchange (oracle/protocol/committee-api.ts):
// the sender signs the exact JSON text with its signer key; the receiver recovers the signer from
// the text, checks it is the sender the message names, that the message is for it, for this
// program, and fresh. What the signer is allowed to ask is the caller's decision.
import { getAddress, recoverMessageAddress, type Address, type Hex, type LocalAccount } from "viem";
import type { z } from "zod";
import { MESSAGE_MAX_SKEW_SECONDS, signedEnvelope, type SignedEnvelope } from "../protocol/committee-api.ts";
import { OneTTError } from "../protocol/errors.ts";

/** A message that does not authenticate: wrong signature, sender, recipient, program or time. */
export class EnvelopeError extends OneTTError {
  override name = "EnvelopeError";
}

export async function signEnvelope(signer: LocalAccount, message: object): Promise<SignedEnvelope> {
  if (!signer.signMessage) throw new Error("the committee signer cannot sign messages");
  const text = JSON.stringify(message);
  return { message: text, signature: await signer.signMessage({ message: text }) };
}

export interface Expect {
  chainId: number;
  splitter: Address;
  /** This node's address: the message must be addressed to it. */
  to: Address;
  /** The sender it must come from, when known. */
  from?: Address;
}

/** Opens a signed message of `schema`, or throws EnvelopeError saying what does not hold. */
export async function openEnvelope<S extends z.ZodType<{ from: string; to: string; chainId: number; splitter: string; issuedAt: number }>>(
  body: unknown,
  schema: S,
  expect: Expect,
): Promise<z.infer<S>> {
  const envelope = signedEnvelope.safeParse(body);
  if (!envelope.success) throw new EnvelopeError("The message is not a signed envelope.", { details: envelope.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), hint: "Send {message, signature} as committee-api.ts defines." });
  let json: unknown;
  try {
    json = JSON.parse(envelope.data.message);
  } catch {
    throw new EnvelopeError("The signed message is not JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new EnvelopeError("The signed message has the wrong shape.", { details: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
  const m = parsed.data;
  let signer: Address;
  try {
    signer = await recoverMessageAddress({ message: envelope.data.message, signature: envelope.data.signature as Hex });
  } catch (cause) {
    throw new EnvelopeError("The message's signature is malformed.", { cause });
  }
  if (signer !== getAddress(m.from)) throw new EnvelopeError(`The message says it is from ${m.from} but is signed by ${signer}.`);
  if (expect.from && signer !== getAddress(expect.from)) throw new EnvelopeError(`The message is signed by ${signer}, not by ${expect.from}.`);
  if (getAddress(m.to) !== getAddress(expect.to)) throw new EnvelopeError(`The message is for ${m.to}, not for this node (${expect.to}).`);
  if (m.chainId !== expect.chainId || getAddress(m.splitter) !== getAddress(expect.splitter)) {
    throw new EnvelopeError(`The message is for program ${m.chainId}/${m.splitter}, not ${expect.chainId}/${expect.splitter}.`);
  }
  const skew = Math.abs(Math.floor(Date.now() / 1000) - m.issuedAt);
  if (skew > MESSAGE_MAX_SKEW_SECONDS) throw new EnvelopeError(`The message was issued ${skew} s away from this node's clock (at most ${MESSAGE_MAX_SKEW_SECONDS} s).`, { hint: "Check both machines' clocks (NTP)." });
  return m;
}

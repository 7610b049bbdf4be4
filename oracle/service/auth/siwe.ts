// Sign-In with Ethereum (EIP-4361): checks a signed message against this oracle's domain,
// origin, chain and a nonce it issued, then the signature. Each refusal says which check
// failed, so a wallet integration can be fixed from the message alone.
import { createPublicClient, getAddress, isAddress, verifyMessage, type Address, type Hex, type PublicClient } from "viem";
import { rpcTransport } from "../../protocol/rpc-transport.ts";
import { parseSiweMessage, verifySiweMessage } from "viem/siwe";
import { ApiError } from "../errors.ts";
import type { SessionStore } from "./sessions.ts";

export interface SiweSettings {
  domain: string;
  origin: string;
  chainId: number;
  rpcUrl: string | null;
}

/** Clock difference tolerated between the wallet's machine and the oracle's. */
const CLOCK_SKEW_MS = 60_000;

const refuse = (code: string, message: string, hint: string) => new ApiError(401, code, message, hint);
/** The EIP-4361 fields that may appear once at most. */
const SINGLE_FIELDS = ["URI", "Version", "Chain ID", "Nonce", "Issued At", "Expiration Time", "Not Before", "Request ID", "Resources"];
const NEW_MESSAGE = "Request a new nonce (GET /session/nonce) and sign a new message.";

export class SiweVerifier {
  readonly #settings: SiweSettings;
  readonly #sessions: SessionStore;
  readonly #nonceTtlMs: number;
  readonly #client: PublicClient | null;

  constructor(settings: SiweSettings, sessions: SessionStore, nonceTtlSeconds: number) {
    this.#settings = settings;
    this.#sessions = sessions;
    this.#nonceTtlMs = nonceTtlSeconds * 1000;
    // With an RPC endpoint, smart-contract wallets sign in too (ERC-1271, ERC-6492).
    this.#client = settings.rpcUrl ? createPublicClient({ transport: rpcTransport(settings.rpcUrl, { retryCount: 1, timeout: 10_000 }) }) : null;
  }

  /** Verifies message + signature and consumes the nonce. Returns the address and the message's expiry. */
  async verify(message: string, signature: Hex, now = Date.now()): Promise<{ address: Address; expiresAt: number | null }> {
    const s = this.#settings;
    const m = parseSiweMessage(message);
    if (!m.address || !m.domain || !m.uri || !m.nonce || m.chainId === undefined || m.version !== "1") {
      throw new ApiError(400, "invalid_siwe_message", "the sign-in message is not an EIP-4361 message (domain, address, URI, version 1, chain id and nonce are required).",
        "Build it with a SIWE library, e.g. viem's createSiweMessage.");
    }
    if (!isAddress(m.address, { strict: false })) throw new ApiError(400, "invalid_siwe_message", "the sign-in message's address is not an Ethereum address.", "Sign with an Ethereum account.");
    // EIP-4361 wants the address checksummed (EIP-55) and each field once; a parser that takes
    // the last of two URI lines would check one and let the wallet show the other.
    if (message.split("\n")[1] !== m.address || !isAddress(m.address, { strict: true }) || m.address !== getAddress(m.address)) {
      throw new ApiError(400, "invalid_siwe_message", "the sign-in message's address is not written as EIP-4361 requires (EIP-55 checksummed, alone on the second line).", "Build the message with a SIWE library, e.g. viem's createSiweMessage.");
    }
    for (const field of SINGLE_FIELDS) {
      if (message.split("\n").filter((line) => line.startsWith(`${field}: `)).length > 1) {
        throw new ApiError(400, "invalid_siwe_message", `the sign-in message has more than one ${field} line.`, "Sign a message with each field once, as a SIWE library writes it.");
      }
    }
    if (m.domain !== s.domain) {
      throw refuse("siwe_wrong_domain", `the sign-in message is for ${m.domain}, but this oracle is ${s.domain}.`, "Sign in from the site this oracle serves; a message for another site is never accepted.");
    }
    let uriOrigin: string | null = null;
    try {
      uriOrigin = new URL(m.uri).origin;
    } catch {
      // refused below
    }
    if (uriOrigin !== s.origin) {
      throw refuse("siwe_wrong_uri", `the sign-in message's URI ${m.uri} is not on ${s.origin}.`, "Set the message's uri to the page the user signs in on.");
    }
    if (m.scheme !== undefined && `${m.scheme}:` !== new URL(s.origin).protocol) {
      throw refuse("siwe_wrong_uri", `the sign-in message's scheme ${m.scheme} is not ${new URL(s.origin).protocol.slice(0, -1)}.`, NEW_MESSAGE);
    }
    if (m.chainId !== s.chainId) {
      throw refuse("siwe_wrong_chain", `the sign-in message is for chain ${m.chainId}, but this oracle's program is on chain ${s.chainId}.`, "Switch the wallet to the program's chain and sign again.");
    }
    const issuedAt = m.issuedAt?.getTime();
    if (issuedAt === undefined || Number.isNaN(issuedAt)) {
      throw new ApiError(400, "invalid_siwe_message", "the sign-in message has no valid Issued At time.", NEW_MESSAGE);
    }
    if (issuedAt > now + CLOCK_SKEW_MS) throw refuse("siwe_not_yet_valid", "the sign-in message was issued in the future; check the device's clock.", NEW_MESSAGE);
    const expiresAt = m.expirationTime?.getTime() ?? null;
    if (expiresAt !== null && (Number.isNaN(expiresAt) || expiresAt <= now)) {
      throw refuse("siwe_expired", `the sign-in message expired at ${m.expirationTime!.toISOString()}.`, NEW_MESSAGE);
    }
    if (issuedAt < now - this.#nonceTtlMs - CLOCK_SKEW_MS) throw refuse("siwe_expired", "the sign-in message is too old: it was issued before its nonce could have been.", NEW_MESSAGE);
    const notBefore = m.notBefore?.getTime();
    if (notBefore !== undefined && (Number.isNaN(notBefore) || notBefore > now + CLOCK_SKEW_MS)) {
      throw refuse("siwe_not_yet_valid", "the sign-in message is not valid yet (Not Before is in the future).", NEW_MESSAGE);
    }
    switch (await this.#sessions.checkNonce(m.nonce, now)) {
      case "unknown":
        throw refuse("siwe_unknown_nonce", "this oracle did not issue the sign-in message's nonce.", NEW_MESSAGE);
      case "expired":
        throw refuse("siwe_expired", "the sign-in message's nonce has expired.", NEW_MESSAGE);
      case "used":
        throw refuse("siwe_replayed", "this sign-in message was already used; each one signs in once.", NEW_MESSAGE);
    }
    const address = getAddress(m.address);
    let valid: boolean;
    try {
      valid = this.#client
        ? await verifySiweMessage(this.#client, { message, signature, domain: s.domain, nonce: m.nonce, time: new Date(now) })
        : await verifyMessage({ address, message, signature });
    } catch {
      valid = false;
    }
    if (!valid) {
      throw refuse("siwe_bad_signature", `the signature does not match the address ${address}${this.#client ? "" : " (this oracle checks ordinary accounts only: no RPC_URL is set for smart-contract wallets)"}.`,
        "Sign the exact message text with the account it names.");
    }
    // Consumed last and atomically: of two concurrent uses of one message, one wins.
    if (!(await this.#sessions.consumeNonce(m.nonce, now))) {
      throw refuse("siwe_replayed", "this sign-in message was already used; each one signs in once.", NEW_MESSAGE);
    }
    return { address, expiresAt };
  }
}

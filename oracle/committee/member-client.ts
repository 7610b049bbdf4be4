// The leader's side of the committee transport: asks one member over HTTP to co-sign, with a
// timeout and retries for the network (never for a refusal, which is an answer), and accepts only
// an answer signed by that member, addressed to this leader, about this request. A member that
// is still replaying when the timeout ends keeps going: the leader's next attempt (the job's
// retry) finds the submission verified and gets the signature at once.
import { randomBytes } from "node:crypto";
import { getAddress, type Address, type Hex, type LocalAccount } from "viem";
import type { Attestation, SignerSignature } from "../protocol/attestation.ts";
import { COSIGN_REQUEST, cosignResponse, memberReaderKey, type CosignRequest, type MemberStatus } from "../protocol/committee-api.ts";
import { OneTTError } from "../protocol/errors.ts";
import { openEnvelope, signEnvelope } from "./envelope.ts";
import { CosignRefusedError } from "./node.ts";

/** The member could not be asked (down, unreachable, too slow, or it answered something unusable). */
export class MemberUnavailableError extends OneTTError {
  override name = "MemberUnavailableError";
}

export interface MemberClientOptions {
  /** The member's signer address (a committee member on chain) and its node's URL. */
  address: Address;
  url: string;
  /** The leader's signer key: requests are signed with it. */
  signer: LocalAccount;
  chainId: number;
  splitter: Address;
  /** Per attempt (default 60 s). */
  timeoutMs?: number;
  /** Attempts on a network error or a 5xx (default 3). */
  attempts?: number;
}

export class MemberClient {
  readonly address: Address;
  readonly url: string;
  readonly #o: MemberClientOptions;
  #readerKey: Hex | null = null;

  constructor(o: MemberClientOptions) {
    this.#o = o;
    this.address = getAddress(o.address);
    this.url = o.url.replace(/\/+$/, "");
  }

  async #fetch(path: string, init: RequestInit = {}): Promise<unknown> {
    const attempts = this.#o.attempts ?? 3;
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 250 * 2 ** i));
      try {
        const res = await fetch(`${this.url}${path}`, { ...init, signal: AbortSignal.timeout(this.#o.timeoutMs ?? 60_000) });
        const body = await res.json().catch(() => null);
        if (res.ok) return body;
        const said = (body as { message?: string } | null)?.message ?? res.statusText;
        if (res.status < 500) throw new MemberUnavailableError(`Member ${this.address} turned the request down (HTTP ${res.status}).`, { details: said });
        last = new Error(`HTTP ${res.status}: ${said}`);
      } catch (e) {
        if (e instanceof MemberUnavailableError) throw e;
        last = e;
      }
    }
    const why = (last as Error)?.name === "TimeoutError" ? `no answer within ${this.#o.timeoutMs ?? 60_000} ms` : String((last as Error)?.message ?? last);
    throw new MemberUnavailableError(`Member ${this.address} at ${this.url} did not answer.`, { details: `${why} (${attempts} attempts)`, hint: "Check that its node runs (GET /status); a member that was replaying answers the next attempt." });
  }

  /** The member's reader public key, as signed by its signer key. */
  /**
   * The member's reader public key, as signed by its signer key. Kept once read, so a member that
   * is down does not hold up the submissions sealed meanwhile (it reads them when it returns).
   */
  async readerPublicKey(): Promise<Hex> {
    if (!this.#readerKey) {
      const m = await openEnvelope(await this.#fetch("/reader-key"), memberReaderKey, { chainId: this.#o.chainId, splitter: this.#o.splitter, to: this.address, from: this.address });
      this.#readerKey = m.key as Hex;
    }
    return this.#readerKey;
  }

  /** The member's GET /status (one quick attempt: monitoring must not wait on a member that is down). */
  async status(timeoutMs = 3000): Promise<MemberStatus> {
    const res = await fetch(`${this.url}/status`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new MemberUnavailableError(`Member ${this.address} answered /status with HTTP ${res.status}.`);
    return (await res.json()) as MemberStatus;
  }

  /** Asks for the member's signature; throws CosignRefusedError with what differed, or MemberUnavailableError. */
  async cosign(attestation: Attestation): Promise<SignerSignature> {
    const request: CosignRequest = {
      kind: COSIGN_REQUEST,
      chainId: this.#o.chainId,
      splitter: this.#o.splitter,
      from: this.#o.signer.address,
      to: this.address,
      issuedAt: Math.floor(Date.now() / 1000),
      id: randomBytes(32).toString("hex"),
      attestation: {
        contributor: attestation.contributor,
        tokens: attestation.tokens.toString(),
        nonce: attestation.nonce.toString(),
        deadline: attestation.deadline.toString(),
        manifestCid: attestation.manifestCid,
      },
    };
    const body = await this.#fetch("/cosign", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(await signEnvelope(this.#o.signer, request)) });
    let response;
    try {
      response = await openEnvelope(body, cosignResponse, { chainId: this.#o.chainId, splitter: this.#o.splitter, to: this.#o.signer.address, from: this.address });
    } catch (e) {
      throw new MemberUnavailableError(`Member ${this.address} answered with a message that does not authenticate.`, { details: (e as OneTTError).shortMessage ?? String(e) });
    }
    if (response.requestId !== request.id) throw new MemberUnavailableError(`Member ${this.address} answered another request (${response.requestId}).`);
    if ("refused" in response.result) throw new CosignRefusedError(response.result.refused.reason, response.result.refused.differences);
    return { signer: this.address, signature: response.result.signature as Hex };
  }
}

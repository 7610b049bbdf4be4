// Claims without gas (claim-relay.ts), offered when this oracle posts transactions for a program:
//   GET  /claims/relay   whether claims are relayed here and, if so, the chain, program and relayer
//                        (200 either way: a page asks on load, and "not offered" is no failure)
//   POST /claims/relay   { claim: { contributor, recipient, nonce, deadline }, signature } → { transactionHash }
//                        (404 claims_not_relayed when this oracle relays no claims)
import type { FastifyInstance } from "fastify";
import { getAddress, type Hex } from "viem";
import type { ClaimRelay } from "./claim-relay.ts";
import { ApiError } from "./errors.ts";

const address = { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" } as const;
const uint = { type: "string", pattern: "^[0-9]{1,78}$", description: "a decimal integer" } as const;

interface RelayBody {
  claim: { contributor: string; recipient: string; nonce: string; deadline: string };
  signature: Hex;
}

export async function claimRelayRoutes(app: FastifyInstance, { relay }: { relay: ClaimRelay | null }): Promise<void> {
  app.get("/claims/relay", {
    schema: {
      tags: ["program"],
      summary: "Whether this oracle submits signed claims (claimWithSig) and pays their gas, and for which program",
      response: {
        200: {
          type: "object",
          required: ["offered"],
          properties: { offered: { type: "boolean" }, chainId: { type: "integer" }, splitter: { type: "string" }, relayer: { type: "string" } },
        },
      },
    },
  }, async () => (relay ? { offered: true, ...relay.info() } : { offered: false }));

  app.post<{ Body: RelayBody }>("/claims/relay", {
    schema: {
      tags: ["program"],
      summary: "Submits a contributor's signed claim with claimWithSig; this oracle pays the gas",
      body: {
        type: "object",
        required: ["claim", "signature"],
        additionalProperties: false,
        properties: {
          claim: {
            type: "object",
            required: ["contributor", "recipient", "nonce", "deadline"],
            additionalProperties: false,
            properties: { contributor: address, recipient: address, nonce: uint, deadline: uint },
          },
          signature: { type: "string", pattern: "^0x([0-9a-fA-F]{2}){1,4096}$" },
        },
      },
      // Its own refusals (the relay's, and 404 when none is offered); 400 and the rest are added for every route.
      response: {
        200: { type: "object", properties: { transactionHash: { type: "string" } } },
        404: { $ref: "Error#" },
        409: { $ref: "Error#" },
        422: { $ref: "Error#" },
        502: { $ref: "Error#" },
      },
    },
    config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
  }, async (req) => {
    if (!relay) throw new ApiError(404, "claims_not_relayed", "this oracle does not submit claims for anyone.", "Claim from your wallet (it pays the gas), or use an oracle whose GET /claims/relay says it is offered.");
    const { claim, signature } = req.body;
    const transactionHash = await relay.relay(
      { contributor: getAddress(claim.contributor), recipient: getAddress(claim.recipient), nonce: BigInt(claim.nonce), deadline: BigInt(claim.deadline) },
      signature,
    );
    return { transactionHash };
  });
}

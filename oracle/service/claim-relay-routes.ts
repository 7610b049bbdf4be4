// Claims without gas (claim-relay.ts), offered when this oracle posts transactions for a program:
//   GET  /claims/relay   whether claims are relayed here and, if so, the chain, program and relayer
//                        (200 either way: a page asks on load, and "not offered" is no failure)
//   POST /claims/relay   { claim: { contributor, recipient, nonce, deadline }, signature } → { transactionHash }
//                        (404 claims_not_relayed when this oracle relays no claims)
import type { FastifyInstance } from "fastify";
import { getAddress } from "viem";
import type { ClaimRelay } from "./claim-relay.ts";
import { claimRelayAnswer, claimRelayInfo, claimRelayRequest } from "../protocol/oracle-api.ts";
import { ApiError, errorSchema } from "./errors.ts";
import { answer, request, type ZodWire } from "./wire-schema.ts";

export async function claimRelayRoutes(app: FastifyInstance, { relay }: { relay: ClaimRelay | null }): Promise<void> {
  const api = app.withTypeProvider<ZodWire>();
  api.get("/claims/relay", {
    schema: {
      tags: ["program"],
      summary: "Whether this oracle submits signed claims (claimWithSig) and pays their gas, and for which program",
      response: { 200: answer(claimRelayInfo) },
    },
  }, async () => (relay ? { offered: true as const, ...relay.info() } : { offered: false as const }));

  api.post("/claims/relay", {
    schema: {
      tags: ["program"],
      summary: "Submits a contributor's signed claim with claimWithSig; this oracle pays the gas",
      body: request(claimRelayRequest),
      // Its own refusals (the relay's, and 404 when none is offered); 400 and the rest are added for every route.
      response: {
        200: answer(claimRelayAnswer),
        404: errorSchema.ref,
        409: errorSchema.ref,
        422: errorSchema.ref,
        502: errorSchema.ref,
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

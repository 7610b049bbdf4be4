// Claims without gas (claim-relay.ts), only when this oracle posts transactions for a program:
//   GET  /claims/relay   the chain, program and relayer address (404 when this oracle relays no claims)
//   POST /claims/relay   { claim: { contributor, recipient, nonce, deadline }, signature } → { transactionHash }
import type { FastifyInstance } from "fastify";
import { getAddress, type Hex } from "viem";
import type { ClaimRelay } from "./claim-relay.ts";

const address = { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" } as const;
const uint = { type: "string", pattern: "^[0-9]{1,78}$", description: "a decimal integer" } as const;

interface RelayBody {
  claim: { contributor: string; recipient: string; nonce: string; deadline: string };
  signature: Hex;
}

export async function claimRelayRoutes(app: FastifyInstance, { relay }: { relay: ClaimRelay }): Promise<void> {
  app.get("/claims/relay", {
    schema: {
      tags: ["program"],
      summary: "Whether this oracle submits signed claims (claimWithSig) and pays their gas, and for which program",
      response: { 200: { type: "object", properties: { chainId: { type: "integer" }, splitter: { type: "string" }, relayer: { type: "string" } } } },
    },
  }, async () => relay.info());

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
      response: { 200: { type: "object", properties: { transactionHash: { type: "string" } } } },
    },
    config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
  }, async (req) => {
    const { claim, signature } = req.body;
    const transactionHash = await relay.relay(
      { contributor: getAddress(claim.contributor), recipient: getAddress(claim.recipient), nonce: BigInt(claim.nonce), deadline: BigInt(claim.deadline) },
      signature,
    );
    return { transactionHash };
  });
}

// GET /committee: how the leader sees the other committee members (the dApp's committee view):
// each one up, behind by N submissions, refusing with its reason, or down. Read live from each
// member's own /status; nothing here is trusted for a count, it is for people watching.
import type { FastifyInstance } from "fastify";
import type { MemberClient } from "../committee/member-client.ts";
import type { CommitteeMemberView, CommitteeView } from "../protocol/committee-api.ts";
import type { RoutesOptions } from "./context.ts";

const memberSchema = {
  type: "object",
  required: ["address", "url", "state", "behind", "status", "error"],
  properties: {
    address: { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" },
    url: { type: "string" },
    state: { type: "string", enum: ["up", "behind", "refusing", "down"] },
    behind: { type: ["integer", "null"], minimum: 0 },
    status: { type: ["object", "null"], description: "the member's own GET /status, as it answered", additionalProperties: true },
    error: { type: ["string", "null"] },
  },
} as const;

export async function committeeRoute(app: FastifyInstance, { ctx, members }: RoutesOptions & { members: readonly MemberClient[] }): Promise<void> {
  app.get("/committee", {
    schema: {
      tags: ["program"],
      summary: "The other committee members as this oracle sees them: up, behind by N, refusing with a reason, or down",
      response: { 200: { type: "object", required: ["submissions", "members"], properties: { submissions: { type: "integer", minimum: 0 }, members: { type: "array", items: memberSchema } } } },
    },
  }, async (): Promise<CommitteeView> => {
    const submissions = ctx.queue.committed;
    const views = await Promise.all(members.map(async (m): Promise<CommitteeMemberView> => {
      try {
        const status = await m.status();
        const behind = Math.max(0, submissions - status.verified);
        const state = status.refused ? "refusing" : behind > 0 ? "behind" : "up";
        return { address: m.address, url: m.url, state, behind, status, error: null };
      } catch (e) {
        return { address: m.address, url: m.url, state: "down", behind: null, status: null, error: (e as Error).message.split("\n")[0]! };
      }
    }));
    return { submissions, members: views };
  });
}

// GET /committee: how the leader sees the other committee members (the dApp's committee view):
// each one up, behind by N submissions, refusing with its reason, or down. Read live from each
// member's own /status; nothing here is trusted for a count, it is for people watching.
import type { FastifyInstance } from "fastify";
import type { MemberClient } from "../committee/member-client.ts";
import { committeeView, type CommitteeMemberView, type CommitteeView } from "../protocol/committee-api.ts";
import { answer, type ZodWire } from "./wire-schema.ts";
import type { RoutesOptions } from "./context.ts";

export async function committeeRoute(app: FastifyInstance, { ctx, members }: RoutesOptions & { members: readonly MemberClient[] }): Promise<void> {
  app.withTypeProvider<ZodWire>().get("/committee", {
    schema: {
      tags: ["program"],
      summary: "The other committee members as this oracle sees them: up, behind by N, refusing with a reason, or down",
      response: { 200: answer(committeeView) },
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

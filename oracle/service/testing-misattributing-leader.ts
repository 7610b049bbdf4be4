// For the committee tests only: a dishonest leader that credits a contributor with raw data they
// did not sign for. It is the real oracle service, configured from the environment exactly as
// `npm run oracle` is, whose program sink changes the contribution signature a manifest carries
// before the manifest is written. How, is the first argument:
//   unsigned     the manifest carries no contribution signature at all;
//   forged       it carries a signature of the same files by a key that is not the contributor's;
//   other-files  it carries the contributor's own genuine signature of their first upload, on
//                each later upload (a signature replayed onto data it was not given for).
// Nothing in the product can be switched into this; the test starts this file instead of main.ts.
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { contributionTypedData, type ContributionProof } from "../protocol/contribution.ts";
import { loadConfig } from "./config.ts";
import { programSinkFromEnv } from "./program-from-env.ts";
import { createOracleService } from "./service.ts";
import type { AcceptedSubmission, SubmissionSink } from "./sink.ts";

const MODES = ["unsigned", "forged", "other-files"] as const;
type Mode = (typeof MODES)[number];
const mode = process.argv[2] as Mode;
if (!MODES.includes(mode)) throw new Error(`say how to misattribute: ${MODES.join(", ")} (got ${JSON.stringify(process.argv[2])})`);

const config = loadConfig(process.env);
const program = await programSinkFromEnv(config, process.env);
const stranger = privateKeyToAccount(generatePrivateKey());
const firstSigned = new Map<string, ContributionProof>();

async function misattributed(s: AcceptedSubmission): Promise<AcceptedSubmission> {
  if (mode === "unsigned") return { ...s, contribution: null };
  if (mode === "forged") {
    const files = s.raw.map((f) => ({ sha256: f.sha256, bytes: f.bytes }));
    const issuedAt = s.contribution?.issuedAt ?? Math.floor(Date.now() / 1000);
    const typed = contributionTypedData({ chainId: config.chainId, splitter: config.splitterAddress }, s.contributor, files, issuedAt);
    return { ...s, contribution: { issuedAt, signature: await stranger.signTypedData(typed) } };
  }
  const first = firstSigned.get(s.contributor.toLowerCase());
  if (!first) {
    if (s.contribution) firstSigned.set(s.contributor.toLowerCase(), s.contribution);
    return s;
  }
  return { ...s, contribution: first };
}

const app = await createOracleService(config, {
  sink: (store): SubmissionSink => {
    const honest = program.sink(store);
    return { store: async (s, signal) => honest.store(await misattributed(s), signal), publish: (c) => honest.publish(c) };
  },
  claimRelay: program.claimRelay ?? undefined,
  members: program.members,
});
process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
await app.listen({ host: config.host, port: config.port });

// For the committee tests only: a dishonest leader. It is the real oracle service, configured from
// the environment exactly as `npm run oracle` is, whose program sink adds one token to every
// submission's count before the manifest is written, so the manifest, the sealed report and the
// attestation it asks the members to sign all claim one token more than the data holds. Nothing
// in the product can be switched into this; the test starts this file instead of main.ts.
import { loadConfig } from "./config.ts";
import { programSinkFromEnv } from "./program-from-env.ts";
import { createOracleService } from "./service.ts";
import type { AcceptedSubmission, SubmissionSink } from "./sink.ts";

const inflated = (s: AcceptedSubmission): AcceptedSubmission => ({ ...s, report: { ...s.report, tokens: { ...s.report.tokens, out: s.report.tokens.out + 1 } } });

const config = loadConfig(process.env);
const program = await programSinkFromEnv(config, process.env);
const app = await createOracleService(config, {
  sink: (store): SubmissionSink => {
    const honest = program.sink(store);
    return { store: (s, signal) => honest.store(inflated(s), signal), publish: (c) => honest.publish(c) };
  },
  claimRelay: program.claimRelay ?? undefined,
  members: program.members,
});
process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
await app.listen({ host: config.host, port: config.port });

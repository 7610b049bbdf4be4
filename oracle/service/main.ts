// `npm run oracle`: reads the environment (see config.ts / README.md), starts the service and
// stops it cleanly on SIGINT/SIGTERM: the current job is finished if committed, otherwise kept
// queued for the next start; then workers, dedup state, database and content store are closed.
import type { ReaderSpec } from "../crypto/index.ts";
import { ConfigError } from "../pipeline/config.ts";
import { StateError } from "../ledger/state.ts";
import { StoreError } from "../store/index.ts";
import { DatabaseError } from "./database/database.ts";
import { EmbeddedPostgresError } from "./database/embedded.ts";
import { VARIABLES } from "./config.ts";
import { configOrExit, exitWith } from "./entry.ts";
import { PROGRAM_VARIABLES, programSinkFromEnv, readersFromEnv } from "./program-from-env.ts";
import { OracleMetrics } from "./metrics.ts";
import { createOracleService } from "./service.ts";
import { ContentStoreSink } from "./sink.ts";

const fail = exitWith("1tt oracle");
const config = configOrExit("npm run oracle — the 1TT oracle service", [...VARIABLES, ...PROGRAM_VARIABLES], fail);

// Made here so the relayer, built before the service, counts its attempts in the same registry.
const metrics = config.metrics ? new OracleMetrics() : undefined;

// With a program configured, submissions are encrypted, get manifests and are attested on chain;
// without one (development without a chain), they are encrypted and stored, with no manifest.
let program;
let devReaders: ReaderSpec[] = [];
if (!config.splitterAddress) {
  try {
    const { consumers, auditors } = readersFromEnv(process.env);
    devReaders = [...consumers.map((publicKey) => ({ role: "consumer" as const, publicKey })), ...auditors.map((publicKey) => ({ role: "auditor" as const, publicKey }))];
  } catch (e) {
    fail((e as Error).message, 2);
  }
} else {
  try {
    program = await programSinkFromEnv(config, process.env, metrics);
  } catch (e) {
    fail(`cannot set up the program ${config.splitterAddress}: ${(e as Error).message}`, 2);
  }
}

let app;
try {
  const chainId = config.chainId;
  app = await createOracleService(config, {
    sink: program ? program.sink : (store) => new ContentStoreSink(store, { readers: devReaders, chainId }),
    claimRelay: program?.claimRelay ?? undefined,
    members: program?.members,
    metrics,
  });
} catch (e) {
  if (e instanceof StoreError || e instanceof StateError || e instanceof ConfigError || e instanceof DatabaseError || e instanceof EmbeddedPostgresError) fail(`cannot start: ${e.message}`, 1);
  throw e;
}

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    app.log.error("shutdown took too long; exiting (a restart resumes the current job)");
    process.exit(1);
  }, config.shutdownTimeoutMs + 10_000);
  force.unref();
  try {
    await app.close();
    process.exit(0);
  } catch (e) {
    app.log.error({ err: e }, "shutdown failed");
    process.exit(1);
  }
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

try {
  await app.listen({ host: config.host, port: config.port });
} catch (e) {
  app.log.error({ err: e }, `cannot listen on ${config.host}:${config.port}`);
  await app.close();
  process.exit(1);
}

// Attestations a crash left in flight are finished while the oracle already answers (a pending
// transaction can take minutes to be mined or replaced). The relayer posts one at a time, so new
// attestations wait behind these.
program?.relayer?.resume().then(
  (resumed) => {
    for (const r of resumed) if (r.error) app.log.error({ err: r.error }, "a pending attestation could not be finished");
  },
  (e) => app.log.error({ err: e }, "finishing the pending attestations failed"),
);

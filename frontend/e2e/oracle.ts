// A real oracle for the browser tests: `node oracle/service/main.ts` as a child on a free port,
// with its data in a temp folder (embedded content store, one pipeline worker), stopped by PID.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { generateTestSet, type TestSetSizes } from "../../oracle/pipeline/testset/generate.ts";
import { freePort, ROOT } from "./chain.ts";

export interface Oracle {
  url: string;
  stop: () => void;
}

/**
 * Without SPLITTER_ADDRESS the oracle accepts and stores submissions but attests nothing (the
 * attestation wiring is the attestation layer's work in progress); the chain side of these tests
 * attests with its own committee key instead.
 */
export async function startOracle(env: { publicOrigin: string; dataDir: string; consumers: string[] }): Promise<Oracle> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", join(ROOT, "oracle/service/main.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      ORACLE_HOST: "127.0.0.1",
      ORACLE_PORT: String(port),
      ORACLE_DATA_DIR: join(env.dataDir, "oracle"),
      CONTENT_STORE_DIR: join(env.dataDir, "ipfs"),
      ORACLE_PUBLIC_ORIGIN: env.publicOrigin,
      CHAIN_ID: "31337",
      ORACLE_CONSUMERS: env.consumers.join(","),
      PIPELINE_WORKERS: "1",
      ORACLE_LOG_LEVEL: "warn",
    },
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGTERM");
  };
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the oracle exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`the oracle did not answer on ${url} within 30 s: ${stderr}`);
}

const SMALL: TestSetSizes = { clean: 30, boilerplate: 6, repetition: 6, nonEnglish: 6, exactDuplicates: 4, nearDuplicates: 2, nearDuplicateTargets: [0.9] };

/** A small realistic dataset in two JSONL files, from the pipeline's labelled test-set generator. */
export function datasetFiles(seed: number): { name: string; mimeType: string; buffer: Buffer }[] {
  const lines = [...generateTestSet(seed, SMALL)].map((d) => JSON.stringify({ text: d.text }));
  const half = Math.ceil(lines.length / 2);
  return [
    { name: "part-1.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(lines.slice(0, half).join("\n") + "\n") },
    { name: "part-2.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(lines.slice(half).join("\n") + "\n") },
  ];
}

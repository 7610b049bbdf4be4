// The `1tt` command as a package: `npm pack` builds its JavaScript, and the tarball, unpacked
// under a node_modules folder (where Node refuses to run .ts files), answers --version and
// `audit --help`. Its dependencies are the repository's own, linked, so the test needs no
// download; installing the tarball with npm gives the same files (docs/deploy.md).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..");
const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;
const scratch = mkdtempSync(join(tmpdir(), "1tt-package-"));
const installed = join(scratch, "node_modules", "1tt");
let files: string[] = [];

const cli = (...args: string[]) => run(process.execPath, [join(installed, "bin", "1tt.cjs"), ...args], { cwd: scratch });

describe("the 1tt package", { timeout: 300_000 }, () => {
  before(async () => {
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", scratch, "--loglevel=error"], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path);
    await run("mkdir", ["-p", installed]);
    await run("tar", ["-xzf", join(scratch, packed!.filename), "-C", installed, "--strip-components=1"]);
    symlinkSync(join(ROOT, "node_modules"), join(installed, "node_modules"));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("ships compiled JavaScript and no TypeScript source", () => {
    assert.ok(files.includes("dist/oracle/cli/1tt.js"), "dist/oracle/cli/1tt.js is in the tarball");
    assert.ok(files.includes("dist/oracle/pipeline/run/worker.js"), "the pipeline's worker is in the tarball");
    assert.deepEqual(files.filter((f) => f.endsWith(".ts")), []);
  });

  it("prints its version", async () => {
    const { stdout } = await cli("--version");
    assert.equal(stdout.trim(), version);
  });

  it("explains the audit command", async () => {
    const { stdout } = await cli("audit", "--help");
    assert.match(stdout, /Usage: 1tt audit/);
    assert.match(stdout, /--rpc <url>/);
  });

  it("preprocesses a file with its compiled pipeline workers", async () => {
    const input = join(scratch, "notes.txt");
    await run("sh", ["-c", `printf 'A field note about the river, written at dawn on the second day of the survey.\\n' > ${input}`]);
    const { stdout } = await cli("preprocess", input, "--out", join(scratch, "out"), "--workers", "2");
    assert.match(stdout, /wrote .*filtered\.jsonl/);
  });
});

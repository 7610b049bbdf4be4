// Runs a `1tt` command as a user does, in its own process, and collects its exit code and output.
import { spawn } from "node:child_process";

const CLI = new URL("../../cli/1tt.ts", import.meta.url).pathname;

export function runAuditCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli("audit", args);
}

export function runCli(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", CLI, command, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

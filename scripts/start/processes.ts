// The services `npm start` runs: each a child in its own process group (so a stop reaches the
// whole tree, and the terminal's Ctrl-C reaches only the start script, which stops them in order),
// its output appended to a log file, its pid recorded in <state>/run/processes.json so that a
// start after a crash of the previous one can stop what it left behind.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Service {
  name: string;
  pid: number;
  child: ChildProcess;
  log: string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
}

interface Recorded {
  name: string;
  pid: number;
  /** The command line, to tell our process from an unrelated one that got the same pid later. */
  cmdline: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function cmdlineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return null;
  }
}

export class ProcessTable {
  readonly services: Service[] = [];
  readonly #file: string;

  constructor(runDir: string) {
    this.#file = join(runDir, "processes.json");
  }

  #save(): void {
    const rows: Recorded[] = this.services.filter((s) => s.child.exitCode === null && s.child.signalCode === null)
      .map((s) => ({ name: s.name, pid: s.pid, cmdline: cmdlineOf(s.pid) ?? "" }));
    writeFileSync(this.#file, JSON.stringify(rows, null, 2) + "\n");
  }

  /** Stops the process groups a previous start recorded and left running (it was killed). */
  async stopLeftovers(say: (line: string) => void): Promise<void> {
    if (!existsSync(this.#file)) return;
    let rows: Recorded[] = [];
    try {
      rows = JSON.parse(readFileSync(this.#file, "utf8")) as Recorded[];
    } catch {
      rows = [];
    }
    for (const row of rows) {
      const now = cmdlineOf(row.pid);
      if (now === null || !groupAlive(row.pid) || (row.cmdline && now !== row.cmdline)) continue;
      say(`stopping the ${row.name} (pid ${row.pid}) left running by an earlier start`);
      await stopGroup(row.pid, 10_000);
    }
    writeFileSync(this.#file, "[]\n");
  }

  /** Starts `command args` in a new process group, stdout and stderr appended to `log`. */
  start(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string }): Service {
    const fd = openSync(options.log, "a");
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", fd, fd], detached: true });
    closeSync(fd);
    if (child.pid === undefined) throw new Error(`cannot start the ${name} (${command})`);
    const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
    const service: Service = { name, pid: child.pid, child, log: options.log, exited };
    this.services.push(service);
    this.#save();
    return service;
  }

  /** Stops the services in reverse start order, each within `timeoutMs` (then SIGKILL). */
  async stopAll(timeoutMs: number, say: (line: string) => void): Promise<void> {
    for (const s of [...this.services].reverse()) {
      if (!groupAlive(s.pid)) continue;
      say(`stopping the ${s.name} (pid ${s.pid})`);
      const forced = await stopGroup(s.pid, timeoutMs);
      if (forced) say(`the ${s.name} did not stop within ${timeoutMs / 1000} s: killed`);
    }
    this.services.length = 0;
    this.#save();
  }

  /** Kills every group at once (a second Ctrl-C). */
  killAll(): void {
    for (const s of this.services) {
      try {
        process.kill(-s.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}

/** SIGTERM to the group, then SIGKILL after `timeoutMs`; resolves once the group is empty. True when it had to kill. */
export async function stopGroup(pgid: number, timeoutMs: number): Promise<boolean> {
  try {
    process.kill(-pgid, "SIGTERM");
  } catch {
    return false;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return false;
    await sleep(100);
  }
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // gone meanwhile
  }
  while (groupAlive(pgid)) await sleep(50);
  return true;
}

/** The last lines of a log, to show why a service failed. */
export function tail(path: string, lines = 15): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).map((l) => `    ${l}`).join("\n");
  } catch {
    return "    (no log)";
  }
}

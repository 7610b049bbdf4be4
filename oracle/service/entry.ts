// What each command of the oracle (`npm run oracle`, `npm run oracle:worker`) does first: --help
// lists the variables it reads; a bad configuration stops it with one line per variable.
import { ConfigErrors, loadConfig, type OracleConfig } from "./config.ts";

/** Prints `message` as the command's own and exits with `code`. */
export const exitWith = (command: string) => (message: string, code: number): never => {
  process.stderr.write(`${command}: ${message}\n`);
  process.exit(code);
};

export function configOrExit(usage: string, variables: readonly (readonly [string, string])[], fail: (message: string, code: number) => never): OracleConfig {
  if (process.argv.includes("--help")) {
    process.stdout.write(`${usage}\n\nEnvironment variables:\n${variables.map(([n, d]) => `  ${n.padEnd(32)}${d}`).join("\n")}\n`);
    process.exit(0);
  }
  try {
    return loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigErrors) fail(e.message, 2);
    throw e;
  }
}

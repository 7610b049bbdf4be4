// The version of the `1tt` package: from the package.json above this file, which is two folders up
// in the repository (oracle/cli) and three in the installed package (dist/oracle/cli).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "1tt" && pkg.version) return pkg.version;
  }
  throw new Error("the 1tt package.json is missing above oracle/cli: reinstall the package");
}

// Writes manifest.schema.json from the zod definition in schema.ts:
//   node oracle/manifest/gen-schema.ts          (writes)
//   node oracle/manifest/gen-schema.ts --check  (exits 1 when the committed file is stale)
// manifest.test.ts runs the same check inside `npm test`.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { manifestJsonSchema } from "./schema.ts";

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), "manifest.schema.json");

export function renderManifestSchema(): string {
  return JSON.stringify(manifestJsonSchema(), null, 2) + "\n";
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fresh = renderManifestSchema();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(SCHEMA_FILE, "utf8");
    } catch {
      // missing is stale
    }
    if (current !== fresh) {
      console.error("oracle/manifest/manifest.schema.json is stale: run node oracle/manifest/gen-schema.ts");
      process.exit(1);
    }
    console.log("manifest.schema.json is up to date.");
  } else {
    writeFileSync(SCHEMA_FILE, fresh);
    console.log(`wrote ${SCHEMA_FILE}`);
  }
}

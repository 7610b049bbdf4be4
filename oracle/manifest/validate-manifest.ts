import { ManifestInvalidError, type ManifestIssue } from "./errors.ts";
import { manifestSchema, type Manifest } from "./schema.ts";

/** `["data", "raw", 0, "cid"]` → `data.raw[0].cid`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
  return out;
}

/**
 * Checks a value against the "1tt/manifest@1" schema and returns it typed. Throws
 * ManifestInvalidError listing every problem, each with the field it concerns.
 */
export function validateManifest(value: unknown, { cid, stage = "write" }: { cid?: string; stage?: "write" | "read" | "build" } = {}): Manifest {
  const result = manifestSchema.safeParse(value);
  if (result.success) return result.data;
  const issues: ManifestIssue[] = result.error.issues.map((issue) => {
    let path = formatPath(issue.path);
    // An unknown key is reported on its parent; name the key itself.
    if (issue.code === "unrecognized_keys") {
      const keys = (issue as { keys: string[] }).keys;
      return { path: keys.map((k) => (path ? `${path}.${k}` : k)).join(", "), message: "is not a manifest field" };
    }
    if (issue.code === "invalid_type" && issue.input === undefined) return { path, message: "is required" };
    path ||= "";
    return { path, message: issue.message };
  });
  throw new ManifestInvalidError(issues, { cid, stage });
}

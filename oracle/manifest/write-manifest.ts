import type { CID } from "multiformats/cid";
import type { AddOptions, ContentStore } from "../store/content-store.ts";
import { addJson, computeJsonCid } from "../store/json.ts";
import type { Manifest } from "./schema.ts";
import { validateManifest } from "./validate-manifest.ts";

/**
 * Validates and stores a manifest as canonical JSON (sorted keys, no whitespace), so its CID is
 * reproducible from the value alone. Throws ManifestInvalidError before storing anything.
 */
export async function writeManifest(store: ContentStore, manifest: Manifest, options?: AddOptions): Promise<CID> {
  return addJson(store, validateManifest(manifest, { stage: "write" }), options);
}

/** The CID writeManifest would return, without storing. */
export function computeManifestCid(manifest: Manifest): Promise<CID> {
  return computeJsonCid(validateManifest(manifest, { stage: "write" }));
}

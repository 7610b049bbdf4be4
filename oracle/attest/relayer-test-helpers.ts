// Manifests for the relayer tests: one per (splitter, contributor), the contributor's first.
import type { Address } from "viem";
import { buildManifest } from "../manifest/build-manifest.ts";
import type { Manifest } from "../manifest/schema.ts";
import { fakeReport, PIPELINE, storedFile } from "../manifest/testing.ts";

export { cidFromHex, readManifest, writeManifest } from "../manifest/index.ts";

let sequence = 0;

/** A valid manifest for `contributor`'s first submission to `splitter`, adding `tokens`. */
export async function fixtureManifestFor(splitter: Address, contributor: Address, tokens: number): Promise<Manifest> {
  const seq = sequence++;
  const report = fakeReport(seq, tokens);
  const input = report.submission.inputs[0]!;
  return buildManifest({
    program: { chainId: 31337, splitter },
    contributor,
    sequence: seq,
    contributorSequence: 0,
    previous: seq === 0 ? null : (await storedFile(`previous-${seq}`)).cid.toString(),
    pipeline: PIPELINE,
    report,
    data: {
      raw: [{ ...(await storedFile("raw")), plaintextSha256: input.sha256, plaintextBytes: input.bytes }],
      filtered: await storedFile(`filtered-${seq}`),
      report: await storedFile(`report-${seq}`),
      encryption: { scheme: "1tt/stream@1", keys: (await storedFile(`keys-${seq}`)).cid },
    },
    previousCumulative: 0,
  });
}

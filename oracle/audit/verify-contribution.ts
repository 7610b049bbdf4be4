// The one check that a manifest's raw data was signed by the contributor it credits, for the
// program it belongs to: used by the audit for every manifest and by every committee node before
// it signs. Without it a captured oracle and committee could credit a sybil address with made-up
// data, or with someone else's upload, behind an internally consistent manifest.
import type { Client, Hex } from "viem";
import { verifyTypedData } from "viem/actions";
import type { Manifest } from "../manifest/schema.ts";
import { verifyContribution, type contributionTypedData } from "../protocol/contribution.ts";
import type { SubmissionDifference } from "./verify-submission.ts";

type Verify = (args: ReturnType<typeof contributionTypedData> & { address: `0x${string}`; signature: Hex }) => Promise<boolean>;

/** Contract wallets (ERC-1271, ERC-6492) are checked through `client`; accounts by recovery alone. */
export const contractWalletVerifier = (client: Client): Verify => (args) => verifyTypedData(client, args);

/** Why the manifest's raw data is not the signed contribution of its contributor; null when it is. */
export async function contributionDifference(cid: string, m: Manifest, verify?: Verify): Promise<SubmissionDifference | null> {
  const at = `manifest ${cid} (sequence ${m.sequence}, ${m.contributor})`;
  if (!m.contribution) {
    return { code: "manifests.contribution_unsigned", message: `${at} carries no contribution signature: nothing shows ${m.contributor} uploaded its raw data.` };
  }
  const files = m.data.raw.map((f) => ({ sha256: f.plaintextSha256, bytes: f.plaintextBytes }));
  const valid = await verifyContribution({ program: m.program, contributor: m.contributor, files, proof: m.contribution }, verify);
  if (valid) return null;
  return {
    code: "manifests.contribution_forged",
    message: `${at}: its contribution signature is not ${m.contributor}'s signature of these ${files.length} raw file(s) for program ${m.program.chainId}/${m.program.splitter}, so its data cannot be credited to them.`,
  };
}

// The chain state the component and hook tests start from (deployed by deploy-worlds.ts in the
// global setup): one world per test file that changes chain state, so that files running side by
// side never see each other's claims and deposits.
import type { Address, Hex } from "viem";

/** TestUSD has 6 decimals. */
export const USD = 1_000_000n;
export const ALPHA_BPS = 1_000n;
export const CONTRIBUTOR_TOKENS = 3_000n;
export const OTHER_TOKENS = 1_000n;
export const FIRST_DEPOSIT = 10_000n * USD;
export const CONSUMER_FUNDS = 1_000_000n * USD;

/** The test files that each get a world of their own. */
export const WORLD_NAMES = ["app", "batch", "batch2", "claim", "deposit", "guard", "hooks", "submit"] as const;
export type WorldName = (typeof WORLD_NAMES)[number];

export interface World {
  splitter: Address;
  usd: Address;
  factory: Address;
  /** Deployed everything, made the first deposit. */
  deployer: Address;
  /** Holds CONSUMER_FUNDS of TestUSD, no allowance. */
  consumer: Address;
  /** Attested with CONTRIBUTOR_TOKENS. */
  contributor: Address;
  /** Attested with OTHER_TOKENS. */
  other: Address;
  /** No tokens, no TestUSD. */
  stranger: Address;
  /** The manifest CID (binary, hex) of the contributor's attestation. */
  contributorManifest: Hex;
}

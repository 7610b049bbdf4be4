// T_i, a contributor's cumulative tokens: what an attestation sets on chain and the splitter pays
// by. Each accepted submission adds the tokens its report kept (report.tokens.out) to the total
// before it; the oracle's manifest, its development sink, a committee member and the audit all
// compute it here, so they cannot disagree.

/** The largest cumulative count a manifest holds exactly (a JSON number). */
export const MAX_CUMULATIVE_TOKENS = BigInt(Number.MAX_SAFE_INTEGER);

/** A contributor's cumulative tokens after a submission that adds `added` to `before`. */
export function cumulativeTokens(before: number | bigint, added: number | bigint): bigint {
  return BigInt(before) + BigInt(added);
}

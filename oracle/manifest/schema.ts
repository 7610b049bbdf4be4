// The manifest: one public JSON document per accepted submission, stored on IPFS, named by the
// attestation that sets the contributor's token count. Defined once here (zod 4); the JSON Schema
// in manifest.schema.json is generated from this definition (node oracle/manifest/gen-schema.ts).
//
// It carries what a public auditor needs without the data: which program, who, where in the
// global log (a hash chain through `previous`), which pipeline, commitments to the (encrypted)
// data, counts only (never text), and the token arithmetic. Nothing in it depends on time or on
// the machine, so the same submission in the same place of the log gives the same bytes and CID.
import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { MAX_NONCE, MAX_TOTAL_TOKENS } from "../protocol/attestation.ts";
import { parseCid } from "../store/cid.ts";

export const MANIFEST_SCHEMA = "1tt/manifest@1";

const TOKENS_MAX = Number(MAX_TOTAL_TOKENS);

/** A CIDv1 in its canonical base32 text (what `CID.toString()` prints), raw or dag-pb, sha2-256. */
export const cidString = z
  .string()
  .regex(/^b[a-z2-7]{58,}$/, "must be a CIDv1 in base32 (bafk… or bafy…)")
  .refine((s) => {
    try {
      const cid = parseCid(s);
      return cid.version === 1 && cid.toString() === s;
    } catch {
      return false;
    }
  }, "must be a CIDv1 (raw or dag-pb, sha2-256) in canonical base32")
  .meta({ description: "CIDv1, base32, raw (0x55) or dag-pb (0x70) codec, sha2-256." });

/** An EIP-55 checksummed address: one spelling per address, so one CID per manifest. */
export const checksumAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .refine((s) => {
    try {
      return getAddress(s) === s;
    } catch {
      return false;
    }
  }, "must be EIP-55 checksummed (use viem's getAddress)")
  .transform((s) => s as Address)
  .meta({ description: "EIP-55 checksummed address." });

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters (sha256)");
const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const tokenCount = z.int().min(0).max(TOKENS_MAX);
/** Rule ids and PII types: short machine names, so no document text can ride in a key. */
const countKey = z.string().regex(/^[a-z0-9_]{1,64}(:[a-z0-9_]{1,64})*$/, "must be a rule id such as gopher_quality:short_doc");
const tally = z.strictObject({ documents: count, tokens: count });

/** A stored file: the CID of the bytes as stored (ciphertext when encrypted) and a commitment to the plaintext. */
export const fileCommitment = z.strictObject({
  cid: cidString.meta({ description: "CID of the bytes as stored: the ciphertext when `data.encryption` is set." }),
  plaintextSha256: sha256Hex.meta({ description: "sha256 of the plaintext, lowercase hex: a view-key holder can prove a replay used exactly these bytes." }),
  plaintextBytes: count.meta({ description: "Length of the plaintext in bytes." }),
});

export const manifestSchema = z
  .strictObject({
    schema: z.literal(MANIFEST_SCHEMA),
    program: z.strictObject({
      chainId: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
      splitter: checksumAddress.meta({ description: "The RevenueSplitter of the program." }),
    }),
    contributor: checksumAddress,
    sequence: count.meta({ description: "Place of this submission in the oracle's global log of accepted submissions (0 for the first)." }),
    contributorSequence: count.meta({
      description: "Place among this contributor's accepted submissions (0 for the first); the attestation nonce is contributorSequence + 1 unless `nonce` says otherwise.",
    }),
    nonce: z
      .int()
      .min(1)
      .max(Number(MAX_NONCE))
      .optional()
      .meta({
        description:
          "The attestation nonce, when it is not contributorSequence + 1: max(contributorSequence + 1, the contributor's nonce on chain + 1, their previous manifest's nonce + 1), so a new committee can attest after a captured one moved the contributor's nonce.",
      }),
    previous: cidString.nullable().meta({ description: "CID of the manifest with sequence - 1; null only for sequence 0." }),
    pipeline: z.strictObject({
      id: z.string().min(1).max(200),
      version: z.string().min(1).max(64),
      configHash: sha256Hex,
      tokenizer: z.strictObject({
        encoding: z.string().min(1).max(64),
        library: z.string().min(1).max(64),
        version: z.string().min(1).max(64),
      }),
    }),
    data: z.strictObject({
      encryption: z
        .strictObject({
          scheme: z.string().regex(/^[a-z0-9][a-z0-9._/@-]{0,63}$/, "must be a scheme id such as 1tt/stream@1"),
          keys: cidString.meta({
            description:
              "CID of the key envelope of the filtered data (its data key wrapped for every reader: contributor, committee, consumers, auditors); of every file when privateKeys is absent.",
          }),
          privateKeys: cidString
            .optional()
            .meta({ description: "CID of the key envelope of the raw files and the report (contributor, committee and auditors only: not the consumers)." }),
        })
        .nullable()
        .meta({ description: "null only when the data is stored in the clear (development)." }),
      raw: z.array(fileCommitment).min(1).max(10_000).meta({ description: "The uploaded files, in upload order." }),
      filtered: fileCommitment.meta({ description: "The accepted documents as JSONL." }),
      report: fileCommitment.meta({ description: "The detailed report (it quotes documents, so it is stored like the data)." }),
    }),
    summary: z.strictObject({
      documents: z.strictObject({ in: count, out: count }),
      tokens: z.strictObject({ in: count, out: count }),
      removed: z.record(countKey, tally).meta({ description: "Documents and tokens removed, by rule id." }),
      duplicates: z.strictObject({
        exact: z.strictObject({ within: tally, across: tally }),
        near: z.strictObject({ within: tally, across: tally }),
        passages: z
          .strictObject({ within: tally, across: tally })
          .optional()
          .meta({ description: "Removed because most of their passages appear in earlier documents (pipelines from 1.1.0)." }),
      }),
      pii: z.record(countKey, count).meta({ description: "Redactions by PII type." }),
      readerIssues: count.meta({ description: "Lines or records the readers could not use." }),
    }),
    contribution: z
      .strictObject({
        issuedAt: z.int().min(0).max(Number.MAX_SAFE_INTEGER).meta({ description: "Unix time (seconds) the contributor signed at." }),
        signature: z
          .string()
          .regex(/^0x([0-9a-f]{2}){65,8192}$/, "must be a lowercase 0x-hex signature of at least 65 bytes")
          .transform((s) => s as Hex)
          .meta({ description: "The contributor's EIP-712 signature (1TT Contribution, oracle/protocol/contribution.ts) of the program and data.raw's sha256s and sizes, in order." }),
      })
      .optional()
      .meta({ description: "The contributor's signature of this upload; required of every manifest written since signed submissions (the audit fails a manifest without it)." }),
    tokens: z.strictObject({
      added: tokenCount.meta({ description: "Tokens this submission added (summary.tokens.out)." }),
      cumulative: tokenCount.meta({ description: "The contributor's cumulative tokens after it: the attested count." }),
    }),
  })
  .superRefine((m, ctx) => {
    if ((m.sequence === 0) !== (m.previous === null)) {
      ctx.addIssue({
        code: "custom",
        path: ["previous"],
        message: m.sequence === 0 ? "must be null for the first manifest (sequence 0)" : "must name the previous manifest (only sequence 0 has none)",
      });
    }
    if (m.contributorSequence > m.sequence) {
      ctx.addIssue({ code: "custom", path: ["contributorSequence"], message: "cannot exceed sequence" });
    }
    if (m.tokens.added !== m.summary.tokens.out) {
      ctx.addIssue({ code: "custom", path: ["tokens", "added"], message: `must equal summary.tokens.out (${m.summary.tokens.out})` });
    }
    if (m.nonce !== undefined && m.nonce <= m.contributorSequence + 1) {
      ctx.addIssue({ code: "custom", path: ["nonce"], message: `is recorded only when above contributorSequence + 1 (${m.contributorSequence + 1})` });
    }
    if (m.contributorSequence === 0 && m.tokens.cumulative !== m.tokens.added) {
      ctx.addIssue({ code: "custom", path: ["tokens", "cumulative"], message: "must equal tokens.added on a contributor's first submission" });
    }
    const s = m.summary;
    const gone =
      Object.values(s.removed).reduce((n, t) => n + t.documents, 0) +
      s.duplicates.exact.within.documents +
      s.duplicates.exact.across.documents +
      s.duplicates.near.within.documents +
      s.duplicates.near.across.documents +
      (s.duplicates.passages?.within.documents ?? 0) +
      (s.duplicates.passages?.across.documents ?? 0);
    if (s.documents.in !== s.documents.out + gone) {
      ctx.addIssue({
        code: "custom",
        path: ["summary", "documents", "in"],
        message: `must equal documents out + removed + duplicates (${s.documents.out + gone})`,
      });
    }
  });

export type Manifest = z.output<typeof manifestSchema>;
export type FileCommitment = z.output<typeof fileCommitment>;
export type ManifestSummary = Manifest["summary"];

/** The JSON Schema (draft 2020-12) of the manifest, as committed in manifest.schema.json. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(manifestSchema, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>;
  return {
    $id: "urn:1tt:schema:manifest@1",
    title: "1TT submission manifest (1tt/manifest@1)",
    ...schema,
  };
}

/** The attestation nonce a manifest justifies: its recorded `nonce`, else contributorSequence + 1. */
export function manifestNonce(m: Pick<Manifest, "nonce" | "contributorSequence">): bigint {
  return BigInt(m.nonce ?? m.contributorSequence + 1);
}

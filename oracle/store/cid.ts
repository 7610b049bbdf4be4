// Turning user input into a CID the store can hold, with one clear error for everything else.
import { base32upper } from "multiformats/bases/base32";
import { CID } from "multiformats/cid";
import * as dagPb from "@ipld/dag-pb";
import * as raw from "multiformats/codecs/raw";
import { InvalidCidError } from "./errors.ts";
import { UNIXFS_V1_2025 } from "./profile.ts";

export type CidInput = CID | string;

/** Parses a CID string (or checks a CID object): dag-pb or raw, sha2-256, as the profile makes. */
export function parseCid(input: CidInput): CID {
  let cid: CID | null;
  if (typeof input === "string") {
    try {
      const text = input.trim();
      // Base32 in upper case (multibase prefix B) is the same CID; gateways accept it too.
      cid = text.startsWith("B") ? CID.parse(text, base32upper) : CID.parse(text);
    } catch (cause) {
      throw new InvalidCidError(input, { cause });
    }
  } else {
    cid = CID.asCID(input);
    if (cid === null) throw new InvalidCidError(String(input), { details: "Not a CID object." });
  }
  if (cid.code !== dagPb.code && cid.code !== raw.code) {
    throw new InvalidCidError(cid.toString(), {
      details: `Codec 0x${cid.code.toString(16)} is not dag-pb (0x70) or raw (0x55); the store holds UnixFS files only.`,
    });
  }
  if (cid.multihash.code !== UNIXFS_V1_2025.hashCode) {
    throw new InvalidCidError(cid.toString(), {
      details: `Hash 0x${cid.multihash.code.toString(16)} is not sha2-256 (0x12).`,
    });
  }
  return cid;
}

/** The canonical text of a CID: version 1, base32. Used for file names and comparisons. */
export function cidKey(cid: CID): string {
  return cid.toV1().toString();
}

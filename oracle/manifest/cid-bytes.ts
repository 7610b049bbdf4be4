// The manifest CID as the contract stores it: the binary CIDv1 (version varint, codec varint,
// multihash) in the attestation's `bytes manifestCid`, hex-encoded for viem. A raw-codec
// manifest (every manifest under 1 MiB) is 36 bytes: 0x01 0x55 0x12 0x20 + the sha256.
import { CID } from "multiformats/cid";
import { bytesToHex, hexToBytes, isHex, type Hex } from "viem";
import { parseCid, type CidInput } from "../store/cid.ts";
import { ManifestCidBytesError } from "./errors.ts";

function anchorable(cid: CID, input: string): CID {
  if (cid.version !== 1) throw new ManifestCidBytesError(input, "CIDv0 cannot be anchored; the oracle writes CIDv1 only.");
  try {
    return parseCid(cid);
  } catch (cause) {
    throw new ManifestCidBytesError(input, (cause as Error).message.split("\n")[0]!, cause);
  }
}

/** The `manifestCid` of an attestation for a manifest CID (object or string). */
export function cidToHex(cid: CidInput): Hex {
  let parsed: CID;
  try {
    parsed = typeof cid === "string" ? CID.parse(cid.trim()) : (CID.asCID(cid) ?? (() => { throw new Error("not a CID object"); })());
  } catch (cause) {
    throw new ManifestCidBytesError(String(cid), (cause as Error).message, cause);
  }
  return bytesToHex(anchorable(parsed, String(cid)).bytes);
}

/** The CID named by an attestation's (or an `Attested` event's) `manifestCid` bytes. */
export function cidFromHex(hex: Hex): CID {
  if (!isHex(hex, { strict: true }) || hex.length % 2 !== 0) throw new ManifestCidBytesError(hex, "Not an even-length 0x hex string.");
  let cid: CID;
  try {
    cid = CID.decode(hexToBytes(hex));
  } catch (cause) {
    throw new ManifestCidBytesError(hex, `Not a binary CID: ${(cause as Error).message}`, cause);
  }
  return anchorable(cid, hex);
}

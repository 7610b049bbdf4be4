// The small shapes every wire message is built of (addresses, hex, decimal integers, times, CIDs),
// written once so that the oracle's HTTP API, the committee's messages and their JSON Schemas
// check a value the same way. Browser-safe.
import { z } from "zod";

/** A 20-byte address, 0x-prefixed, checksummed or not. */
export const address = z.templateLiteral(["0x", z.string().regex(/^[0-9a-fA-F]{40}$/)]);
/** Any number of bytes as 0x hex (case-insensitive, possibly odd length: the checker decides). */
export const hex = z.templateLiteral(["0x", z.string().regex(/^[0-9a-fA-F]*$/)]);
/** A 32-byte X25519 public key, 0x + 64 hex. */
export const publicKey = z.templateLiteral(["0x", z.string().regex(/^[0-9a-fA-F]{64}$/)]);
/** A uint256 as decimal text: JSON numbers lose precision past 2^53. */
export const decimal = z.string().regex(/^[0-9]{1,78}$/, "must be a whole number in decimal").describe("a decimal integer");
/** A count: a whole number of at least zero. */
export const count = z.int().min(0);
/** A moment as ISO 8601 in UTC, as Date.toISOString writes it. */
export const isoTime = z.iso.datetime();
/** A CID as text (base32 CIDv1, or a CIDv0), as a client may pass it in a path. */
export const cidText = z.string().min(8).max(128).regex(/^[A-Za-z0-9]+$/);

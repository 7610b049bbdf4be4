// An independent route to UnixFS CIDs for the tests, written from the specs (CIDv1, multihash,
// multibase base32, dag-pb and UnixFS protobuf), with no IPFS library: if the importer and this
// file agree, a mistake would have to be made twice in two different ways.
import { createHash } from "node:crypto";

const RAW = 0x55;
const DAG_PB = 0x70;
const SHA2_256 = 0x12;

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

function concat(parts: (Uint8Array | number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** RFC 4648 base32, lower case, no padding, with the multibase prefix "b". */
function base32(bytes: Uint8Array): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let out = "b";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

export interface HandCid {
  bytes: Uint8Array;
  text: string;
}

function cidV1(codec: number, block: Uint8Array): HandCid {
  const digest = createHash("sha256").update(block).digest();
  const bytes = concat([varint(1), varint(codec), varint(SHA2_256), varint(digest.length), digest]);
  return { bytes, text: base32(bytes) };
}

/** The CID of a raw block (a one-chunk file under raw leaves). */
export function rawLeafCid(data: Uint8Array): HandCid {
  return cidV1(RAW, data);
}

function field(tag: number, payload: Uint8Array): Uint8Array {
  return concat([[tag], varint(payload.length), payload]);
}

/**
 * The CID of a one-level UnixFS file node over raw leaves: PBNode { Links: [PBLink { Hash,
 * Name: "", Tsize }], Data: UnixFS { Type: File, filesize, blocksizes } }, links written
 * before data as dag-pb's canonical form requires.
 */
export function fileNodeCid(leaves: { cid: HandCid; size: number }[]): HandCid {
  const fileSize = leaves.reduce((n, l) => n + l.size, 0);
  const unixfs = concat([
    [0x08, 2], // Type = File
    [0x18, ...varint(fileSize)], // filesize
    ...leaves.map((l) => [0x20, ...varint(l.size)]), // blocksizes, one field per child
  ]);
  const links = leaves.map((l) =>
    field(
      0x12, // PBNode.Links
      concat([field(0x0a, l.cid.bytes), [0x12, 0], [0x18, ...varint(l.size)]]), // Hash, Name "", Tsize
    ),
  );
  return cidV1(DAG_PB, concat([...links, field(0x0a, unixfs)]));
}

/** Cuts bytes into 1 MiB leaves and builds the one-level root (files of 2..1024 chunks). */
export function fileCidByHand(data: Uint8Array, chunkSize = 1 << 20): string {
  if (data.length <= chunkSize) return rawLeafCid(data).text;
  const leaves = [];
  for (let at = 0; at < data.length; at += chunkSize) {
    const chunk = data.subarray(at, at + chunkSize);
    leaves.push({ cid: rawLeafCid(chunk), size: chunk.length });
  }
  if (leaves.length > 1024) throw new Error("fileCidByHand builds one level only (at most 1024 chunks).");
  return fileNodeCid(leaves).text;
}

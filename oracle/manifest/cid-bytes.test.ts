import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import * as dagPb from "@ipld/dag-pb";
import { sha256 } from "multiformats/hashes/sha2";
import { identity } from "multiformats/hashes/identity";
import { bytesToHex } from "viem";
import { cidFromHex, cidToHex, computeManifestCid, ManifestCidBytesError } from "./index.ts";
import { fixtureManifest } from "./testing.ts";

describe("manifest CID bytes (the attestation's manifestCid)", () => {
  it("round-trips a manifest CID through the contract's bytes, as multiformats encodes it", async () => {
    const cid = await computeManifestCid(await fixtureManifest());
    const hex = cidToHex(cid);
    assert.equal(hex, bytesToHex(CID.parse(cid.toString()).bytes));
    assert.equal(hex.slice(0, 10), "0x01551220", "CIDv1, raw, sha2-256, 32 bytes");
    assert.equal(hex.length, 2 + 36 * 2);
    assert.equal(cidToHex(cid.toString()), hex);
    assert.ok(cidFromHex(hex).equals(cid));
    assert.equal(cidFromHex(hex).toString(), cid.toString());
  });

  it("round-trips a dag-pb CID (a manifest over 1 MiB)", async () => {
    const cid = CID.createV1(dagPb.code, await sha256.digest(new Uint8Array([1, 2, 3])));
    assert.ok(cidFromHex(cidToHex(cid)).equals(cid));
    assert.equal(cidToHex(cid).slice(0, 6), "0x0170");
  });

  it("refuses what cannot be anchored", async () => {
    const v1 = CID.createV1(raw.code, await sha256.digest(new Uint8Array([1])));
    const v0 = CID.createV0(await sha256.digest(new Uint8Array([1])));
    const idHash = CID.createV1(raw.code, identity.digest(new Uint8Array([1, 2])));
    assert.throws(() => cidToHex(v0), ManifestCidBytesError);
    assert.throws(() => cidToHex(v0.toString()), ManifestCidBytesError);
    assert.throws(() => cidToHex(idHash), ManifestCidBytesError);
    assert.throws(() => cidToHex("not a cid"), ManifestCidBytesError);
    assert.throws(() => cidFromHex(bytesToHex(v0.bytes)), ManifestCidBytesError);
    assert.throws(() => cidFromHex(`${cidToHex(v1)}00`), ManifestCidBytesError, "trailing bytes");
    assert.throws(() => cidFromHex(cidToHex(v1).slice(0, -2) as `0x${string}`), ManifestCidBytesError, "truncated");
    assert.throws(() => cidFromHex("0x"), ManifestCidBytesError);
    assert.throws(() => cidFromHex("0xzz" as `0x${string}`), ManifestCidBytesError);
  });
});

// Every failure is answered in the error shape { error: { code, message, hint } } as JSON,
// whatever the route had begun to answer with and however broken the request is.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as dagPb from "@ipld/dag-pb";
import { FsBlockstore } from "blockstore-fs";
import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";
import { datasetJsonl, followEvents, serviceForSuite, sql, upload } from "./testing.ts";

type ErrorBody = { error: { code: string; message: string; hint: string } };

describe("error answers", () => {
  const f = serviceForSuite();

  it("answers a stored file whose root block does not decode with a JSON error, not a 200 cut short", async () => {
    const res = await upload(f.svc.url, f.alice, [{ name: "a.jsonl", data: datasetJsonl(3) }]);
    const { job } = (await res.json()) as { job: { id: string } };
    assert.equal((await followEvents(f.svc.url, f.alice, job.id)).at(-1)!.data.state, "accepted");

    // The root block the faulty size encoding wrote for a file of 2^31 bytes: valid dag-pb under
    // its hash, with UnixFS data whose size fields are malformed varints.
    const blocks = new FsBlockstore(join(f.svc.dir, "ipfs", "blocks"));
    await blocks.open();
    const leaf = CID.createV1(0x55, await sha256.digest(new Uint8Array([1, 2, 3])));
    await blocks.put(leaf, new Uint8Array([1, 2, 3]));
    const rootBytes = dagPb.encode(dagPb.prepare({ Data: Uint8Array.from(Buffer.from("08021800000000002000b2400000", "hex")), Links: [{ Hash: leaf, Tsize: 3 }] }));
    const root = CID.createV1(dagPb.code, await sha256.digest(rootBytes));
    await blocks.put(root, rootBytes);
    await sql(f.svc.config, "INSERT INTO contents (cid, job_id, kind) VALUES ($1, $2, 'raw')", [root.toString(), job.id]);

    const file = await fetch(`${f.svc.url}/ipfs/${root}`);
    assert.equal(file.status, 500);
    assert.match(file.headers.get("content-type") ?? "", /^application\/json/);
    const body = (await file.json()) as ErrorBody;
    assert.equal(body.error.code, "internal");
    assert.match(body.error.message, /request id/);
  });

  it("answers headers too large for the oracle in the error shape", async () => {
    const res = await fetch(`${f.svc.url}/stats`, { headers: { "x-padding": "a".repeat(20_000) } });
    assert.equal(res.status, 431);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(((await res.json()) as ErrorBody).error.code, "headers_too_large");
  });
});

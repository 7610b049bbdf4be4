import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContentStore, parseApiUrl } from "./create-content-store.ts";
import { EmbeddedStore } from "./embedded/embedded-store.ts";
import { InvalidStoreConfigError, StoreUnreachableError } from "./errors.ts";
import { KuboStore } from "./kubo/kubo-store.ts";
import { FakeKubo } from "./testing/fake-kubo.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "1tt-create-test-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("createContentStore", () => {
  it("uses the embedded store in CONTENT_STORE_DIR when IPFS_API_URL is not set", async () => {
    const store = await createContentStore({ CONTENT_STORE_DIR: join(dir, "embedded"), IPFS_API_URL: " " });
    assert.ok(store instanceof EmbeddedStore);
    assert.equal(store.kind, "embedded");
    assert.equal(store.location, join(dir, "embedded"));
    await store.close();
  });

  it("uses a Kubo node when IPFS_API_URL is set, after checking it answers", async () => {
    const node = new FakeKubo();
    const url = await node.start();
    const store = await createContentStore({ IPFS_API_URL: url, IPFS_API_TOKEN: "s3cret" });
    assert.ok(store instanceof KuboStore);
    assert.equal(store.location, url);
    assert.equal(node.calls("/api/v0/version").length, 1);
    assert.equal(node.calls("/api/v0/version")[0].authorization, "Bearer s3cret");
    await store.close();
    await node.stop();
  });

  it("fails at once with StoreUnreachableError when the Kubo node is down", async () => {
    await assert.rejects(createContentStore({ IPFS_API_URL: "http://127.0.0.1:9" }), StoreUnreachableError);
  });

  it("accepts Kubo's multiaddr form and refuses what is not an http(s) URL", () => {
    assert.equal(parseApiUrl("/ip4/127.0.0.1/tcp/5001").href, "http://127.0.0.1:5001/");
    assert.equal(parseApiUrl("/ip6/::1/tcp/5001").href, "http://[::1]:5001/");
    assert.equal(parseApiUrl("https://ipfs.example.org/").href, "https://ipfs.example.org/");
    for (const bad of ["localhost:5001", "ftp://host:5001", "not a url", "http://user:pw@host:5001", "http://h:1/?x=1"]) {
      assert.throws(() => parseApiUrl(bad), (err: unknown) => {
        assert.ok(err instanceof InvalidStoreConfigError, bad);
        assert.equal(err.variable, "IPFS_API_URL");
        assert.match(err.message, /What to do:/);
        return true;
      });
    }
  });
});

// The gateway store against real HTTP servers (node:http on 127.0.0.1): bytes as served,
// streamed as they arrive; 404 and 410 as CidNotFoundError; a server that is down, failing or
// cutting the body as StoreError with advice; has() by HEAD (GET where HEAD is refused); writes
// refused.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { collect } from "./bytes.ts";
import { computeCid } from "./compute-cid.ts";
import { EmbeddedStore } from "./embedded/embedded-store.ts";
import { CidNotFoundError, InvalidStoreConfigError, StoreError } from "./errors.ts";
import { GatewayCidNotFoundError, GatewayStore, parseGatewayUrl, ReadOnlyStoreError } from "./gateway.ts";
import { serveHttp as serve, serveStoreAsGateway, type TestServer } from "./gateway-testing.ts";

const bytesOf = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe("GatewayStore", () => {
  let dir = "";
  let store: EmbeddedStore;
  let gateway: TestServer & { requests: string[] };
  const content = bytesOf(3 * 1024 * 1024 + 17); // a multi-block DAG in the store
  let cid = "";

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "1tt-gateway-"));
    store = await EmbeddedStore.open(dir);
    cid = String(await store.add(content));
    // A gateway in front of the embedded store, as Kubo's gateway port or the oracle's /ipfs route.
    gateway = await serveStoreAsGateway(store);
  });
  after(async () => {
    await gateway?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves the content byte for byte from GET <base>/ipfs/<cid>, base URL with or without a slash", async () => {
    for (const base of [gateway.url, `${gateway.url}/`]) {
      gateway.requests.length = 0;
      const g = new GatewayStore(base);
      assert.deepEqual(await collect(g.get(cid)), content);
      assert.deepEqual(gateway.requests, [`GET /ipfs/${cid}`]);
      assert.equal(g.url(cid), `${gateway.url}/ipfs/${cid}`);
    }
  });

  it("streams: the first bytes arrive before the server has sent the rest", { timeout: 10_000 }, async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let sentSecond = false;
    const slow = await serve(async (_req, res) => {
      res.writeHead(200);
      res.write(bytesOf(1000, 1));
      await released; // the rest only once the client has seen the first part
      sentSecond = true;
      res.end(bytesOf(500, 2));
    });
    try {
      const pieces = new GatewayStore(slow.url).get(cid)[Symbol.asyncIterator]();
      const first = await pieces.next();
      assert.equal(sentSecond, false);
      assert.deepEqual(first.value, bytesOf(1000, 1));
      release();
      const rest: Uint8Array[] = [];
      for (let p = await pieces.next(); !p.done; p = await pieces.next()) rest.push(p.value);
      assert.deepEqual(Buffer.concat(rest), Buffer.from(bytesOf(500, 2)));
    } finally {
      release();
      await slow.close();
    }
  });

  it("closes the connection when the reader stops early", { timeout: 10_000 }, async () => {
    // 256 MiB at about 12 MB/s: the connection must close long before the body is all sent.
    let closed!: (finished: boolean) => void;
    const connectionClosed = new Promise<boolean>((r) => (closed = r));
    const long = await serve((_req, res) => {
      res.writeHead(200, { "content-length": String(256 * 1024 * 1024) });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(bytesOf(64 * 1024));
        sent += 64 * 1024;
        if (sent === 256 * 1024 * 1024) res.end();
      }, 5);
      res.on("close", () => {
        clearInterval(timer);
        closed(res.writableFinished);
      });
    });
    try {
      for await (const _piece of new GatewayStore(long.url).get(cid)) break;
      assert.equal(await connectionClosed, false, "the connection closed only once the whole body was sent");
    } finally {
      await long.close();
    }
  });

  it("reports a CID the gateway does not have (404, 410) as CidNotFoundError, with what to do", async () => {
    const missing = String(await computeCid(new TextEncoder().encode("not stored anywhere")));
    const g = new GatewayStore(gateway.url);
    await assert.rejects(collect(g.get(missing)), (e: Error) => {
      assert.ok(e instanceof CidNotFoundError && e instanceof GatewayCidNotFoundError);
      assert.equal((e as CidNotFoundError).cid, missing);
      assert.match(e.message, new RegExp(`^Content ${missing} is not in the IPFS gateway ${gateway.url}\\.`));
      assert.match(e.message, new RegExp(`What to do: Check the CID \\(GET ${gateway.url}/ipfs/${missing} answered "not found"\\)`));
      assert.doesNotMatch(e.message, /import a CAR/);
      return true;
    });
    const gone = await serve((_req, res) => void res.writeHead(410).end());
    try {
      await assert.rejects(collect(new GatewayStore(gone.url).get(cid)), CidNotFoundError);
    } finally {
      await gone.close();
    }
  });

  it("reports a gateway that is down as a StoreError naming the URL and the cause, not as not-found", async () => {
    const down = await serve(() => {});
    const url = down.url;
    await down.close();
    await assert.rejects(collect(new GatewayStore(url).get(cid)), (e: Error) => {
      assert.ok(e instanceof StoreError && !(e instanceof CidNotFoundError));
      assert.match(e.message, new RegExp(`^the IPFS gateway ${url} does not answer\\.`));
      assert.match(e.message, new RegExp(`Details: GET ${url}/ipfs/${cid} failed: ECONNREFUSED`));
      assert.match(e.message, /What to do: Check that .* is the right address and that the gateway is running/);
      return true;
    });
    await assert.rejects(new GatewayStore(url).has(cid), /does not answer/);
  });

  it("reports an error status with the gateway's own words, and a body cut short", async () => {
    const busy = await serve((_req, res) => void res.writeHead(503, "Service Unavailable").end("rate limited, slow down"));
    try {
      await assert.rejects(collect(new GatewayStore(busy.url).get(cid)), (e: Error) => {
        assert.ok(e instanceof StoreError && !(e instanceof CidNotFoundError));
        assert.match(e.message, /answered 503 Service Unavailable/);
        assert.match(e.message, /rate limited, slow down/);
        assert.match(e.message, /What to do: The gateway is busy or failing/);
        return true;
      });
    } finally {
      await busy.close();
    }
    const cut = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "100000" });
      res.write(bytesOf(1000));
      setTimeout(() => res.destroy(), 20);
    });
    try {
      await assert.rejects(collect(new GatewayStore(cut.url).get(cid)), (e: Error) => e instanceof StoreError && /stopped sending .* part way/.test(e.message));
    } finally {
      await cut.close();
    }
  });

  it("has(): HEAD, falling back to GET where HEAD is refused", async () => {
    const missing = String(await computeCid(new TextEncoder().encode("absent")));
    gateway.requests.length = 0;
    const g = new GatewayStore(gateway.url);
    assert.equal(await g.has(cid), true);
    assert.equal(await g.has(missing), false);
    assert.deepEqual(gateway.requests, [`HEAD /ipfs/${cid}`, `HEAD /ipfs/${missing}`]);
    const methods: string[] = [];
    const noHead = await serve((req, res) => {
      methods.push(req.method!);
      if (req.method === "HEAD") return void res.writeHead(405).end();
      res.writeHead(200).end("x");
    });
    try {
      assert.equal(await new GatewayStore(noHead.url).has(cid), true);
      assert.deepEqual(methods, ["HEAD", "GET"]);
    } finally {
      await noHead.close();
    }
  });

  it("refuses every write, and base URLs that cannot serve /ipfs/<cid>", async () => {
    const g = new GatewayStore(gateway.url);
    for (const attempt of [() => g.add(), () => g.pin(), () => g.unpin(), () => g.isPinned(), () => g.importCar(), () => collect(g.exportCar())]) {
      await assert.rejects(attempt(), (e: Error) => e instanceof ReadOnlyStoreError && /is read-only/.test(e.message));
    }
    assert.equal(parseGatewayUrl("https://ipfs.io/"), "https://ipfs.io");
    assert.equal(parseGatewayUrl("http://127.0.0.1:8787/oracle"), "http://127.0.0.1:8787/oracle");
    for (const bad of ["ipfs.io", "ftp://ipfs.io", "https://ipfs.io/?x=1"]) assert.throws(() => new GatewayStore(bad), InvalidStoreConfigError);
  });

  it("sends the headers it is given, and reads from another path when told (the oracle's /manifests)", async () => {
    const seen: { url?: string; auth?: string }[] = [];
    const server = await serve((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization });
      res.writeHead(200).end("{}");
    });
    try {
      const g = new GatewayStore(server.url, { path: "/manifests/", headers: { authorization: "Bearer t" } });
      assert.equal(new TextDecoder().decode(await collect(g.get(cid))), "{}");
      assert.deepEqual(seen, [{ url: `/manifests/${cid}`, auth: "Bearer t" }]);
    } finally {
      await server.close();
    }
  });
});

// Cross-site requests are refused, the dApp's own origin works (directly or through its /oracle
// proxy), preflights are answered, and rate limits count each client behind a trusted proxy.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { oracleProgram, signedUploadForm } from "../protocol/oracle-client.ts";
import { datasetJsonl, ORIGIN, serviceForSuite, startService } from "./testing.ts";

type ErrorBody = { error: { code: string; message: string; hint: string } };

const files = [{ name: "a.jsonl", data: datasetJsonl(4).split("\n").slice(0, 3).join("\n") + "\n" }];

describe("origins", () => {
  const f = serviceForSuite();
  const cookie = () => ({ cookie: `oracle_session=${f.alice.token}` });
  const form = async () => signedUploadForm(f.alice.account, await oracleProgram(f.svc.url), files);

  it("refuses an upload and a sign-out sent with the session cookie from another origin", async () => {
    for (const origin of ["http://evil.example", "http://localhost:6666", "http://sub.localhost:5173"]) {
      const up = await fetch(`${f.svc.url}/uploads`, { method: "POST", headers: { ...cookie(), origin }, body: await form() });
      assert.equal(up.status, 403, origin);
      assert.equal(((await up.json()) as ErrorBody).error.code, "origin_not_allowed");
      const out = await fetch(`${f.svc.url}/session/logout`, { method: "POST", headers: { ...cookie(), origin } });
      assert.equal(out.status, 403, origin);
    }
    const me = await fetch(`${f.svc.url}/session/me`, { headers: cookie() });
    assert.equal(me.status, 200, "the session is still open");
  });

  it("refuses a same-site request that carries no Origin but says where it comes from", async () => {
    const out = await fetch(`${f.svc.url}/session/logout`, { method: "POST", headers: { ...cookie(), "sec-fetch-site": "same-site" } });
    assert.equal(out.status, 403);
  });

  it("accepts state-changing requests from the dApp's origin, and from programs that send none", async () => {
    const up = await fetch(`${f.svc.url}/uploads`, { method: "POST", headers: { ...cookie(), origin: ORIGIN, "sec-fetch-site": "same-origin" }, body: await form() });
    assert.equal(up.status, 202, await up.clone().text());
    const bearer = await fetch(`${f.svc.url}/uploads`, { method: "POST", headers: f.alice.auth, body: await form() });
    assert.equal(bearer.status, 200, "the same files again: the existing job");
  });

  it("answers a CORS preflight from the dApp's origin, and gives another origin no permission", async () => {
    const ok = await fetch(`${f.svc.url}/uploads`, { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "authorization" } });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get("access-control-allow-origin"), ORIGIN);
    assert.equal(ok.headers.get("access-control-allow-credentials"), "true");
    assert.match(ok.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.match(ok.headers.get("access-control-allow-headers") ?? "", /authorization/);
    const evil = await fetch(`${f.svc.url}/uploads`, { method: "OPTIONS", headers: { origin: "http://evil.example", "access-control-request-method": "POST" } });
    assert.equal(evil.status, 204);
    assert.equal(evil.headers.get("access-control-allow-origin"), null);
  });
});

describe("rate limits behind a proxy", () => {
  let workers: PipelineWorkers;
  before(async () => (workers = await PipelineWorkers.start({}, 1)));
  after(async () => workers?.close());

  const nonce = (url: string, client: string) => fetch(`${url}/session/nonce`, { headers: { "x-forwarded-for": client } });

  it("counts each client behind a trusted proxy on its own", async () => {
    const svc = await startService(workers, { ORACLE_TRUST_PROXY: "loopback", RATE_LIMIT_SIGN_IN: "3" });
    try {
      for (let client = 1; client <= 10; client++) {
        for (let i = 0; i < 3; i++) assert.equal((await nonce(svc.url, `203.0.113.${client}`)).status, 200, `client ${client}, request ${i + 1}`);
      }
      const over = await nonce(svc.url, "203.0.113.1");
      assert.equal(over.status, 429);
      assert.equal(((await over.json()) as ErrorBody).error.code, "rate_limited");
    } finally {
      await svc.close();
    }
  });

  it("believes no X-Forwarded-For unless the operator trusts the proxy", async () => {
    const svc = await startService(workers, { RATE_LIMIT_SIGN_IN: "3" });
    try {
      for (let client = 1; client <= 3; client++) assert.equal((await nonce(svc.url, `203.0.113.${client}`)).status, 200);
      assert.equal((await nonce(svc.url, "203.0.113.4")).status, 429, "a forged header does not buy a new budget");
    } finally {
      await svc.close();
    }
  });
});

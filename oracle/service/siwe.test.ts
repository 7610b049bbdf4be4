// Sign-In with Ethereum: what is refused, and that each refusal says why.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { PipelineWorkers } from "../pipeline/run/workers.ts";
import { getJson, siweMessage, signIn, sql, startService, verify, type TestService } from "./testing.ts";

describe("sign-in with Ethereum", () => {
  let workers: PipelineWorkers;
  let svc: TestService;
  const account = privateKeyToAccount(generatePrivateKey());

  before(async () => {
    workers = await PipelineWorkers.start({}, 1);
    svc = await startService(workers, { SIWE_NONCE_TTL_SECONDS: "60", RATE_LIMIT_SIGN_IN: "40" });
  });
  after(async () => {
    await svc?.close();
    await workers?.close();
  });

  async function refusedWith(message: string, status: number, code: string, signer = account): Promise<string> {
    const res = await verify(svc.url, message, await signer.signMessage({ message }));
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(res.status, status, JSON.stringify(body));
    assert.equal(body.error.code, code);
    return body.error.message;
  }

  it("signs in with a fresh message and sets an HttpOnly, SameSite=Lax cookie", async () => {
    const message = await siweMessage(svc.url, account);
    const res = await verify(svc.url, message, await account.signMessage({ message }));
    assert.equal(res.status, 200);
    const cookie = res.headers.get("set-cookie")!;
    assert.match(cookie, /^oracle_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const me = await fetch(`${svc.url}/session/me`, { headers: { cookie: cookie.split(";")[0] } });
    assert.equal(((await me.json()) as { address: string }).address, account.address);
  });

  it("refuses an expired message", async () => {
    const message = await siweMessage(svc.url, account, { issuedAt: new Date(Date.now() - 30_000), expirationTime: new Date(Date.now() - 1000) });
    assert.match(await refusedWith(message, 401, "siwe_expired"), /expired at/);
  });

  it("refuses a message issued long before its nonce could have been", async () => {
    const message = await siweMessage(svc.url, account, { issuedAt: new Date(Date.now() - 3_600_000) });
    await refusedWith(message, 401, "siwe_expired");
  });

  it("refuses a replayed message: each signs in once", async () => {
    const message = await siweMessage(svc.url, account);
    const signature = await account.signMessage({ message });
    assert.equal((await verify(svc.url, message, signature)).status, 200);
    const again = await verify(svc.url, message, signature);
    assert.equal(again.status, 401);
    const body = (await again.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "siwe_replayed");
    assert.match(body.error.message, /already used/);
  });

  it("refuses a nonce it did not issue", async () => {
    const message = await siweMessage(svc.url, account, { nonce: "abcdefgh12345678" });
    await refusedWith(message, 401, "siwe_unknown_nonce");
  });

  it("refuses a message for another site, URI or chain", async () => {
    await refusedWith(await siweMessage(svc.url, account, { domain: "evil.example" }), 401, "siwe_wrong_domain");
    await refusedWith(await siweMessage(svc.url, account, { uri: "https://evil.example/login" }), 401, "siwe_wrong_uri");
    await refusedWith(await siweMessage(svc.url, account, { chainId: 1 }), 401, "siwe_wrong_chain");
  });

  it("refuses a signature by another key than the message's address", async () => {
    const message = await siweMessage(svc.url, account);
    const other = privateKeyToAccount(generatePrivateKey());
    assert.match(await refusedWith(message, 401, "siwe_bad_signature", other), /does not match the address/);
    // A failed attempt does not burn the nonce: the right signature still works.
    assert.equal((await verify(svc.url, message, await account.signMessage({ message }))).status, 200);
  });

  it("refuses a text that is not a SIWE message with 400", async () => {
    const res = await verify(svc.url, "hello", "0x1234");
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "invalid_siwe_message");
  });

  it("limits sign-in attempts per IP address with a clear 429", async () => {
    let last: Response | null = null;
    for (let i = 0; i < 45 && last?.status !== 429; i++) last = await fetch(`${svc.url}/session/nonce`);
    assert.equal(last!.status, 429);
    const body = (await last!.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "rate_limited");
    assert.match(body.error.message, /too many requests/);
    assert.ok(last!.headers.get("retry-after"));
    // Other routes have their own budget.
    assert.equal((await getJson(svc.url, null, "/stats")).status, 200);
  });
});

describe("sessions", () => {
  it("expire", async () => {
    const workers = await PipelineWorkers.start({}, 1);
    const svc = await startService(workers, { SESSION_TTL_SECONDS: "60" });
    try {
      const who = await signIn(svc.url);
      // Make the session old: 61 s have passed as far as the database is concerned.
      await sql(svc.config, "UPDATE sessions SET expires_at = $1", [Date.now() - 1000]);
      const me = await getJson(svc.url, who, "/session/me");
      assert.equal(me.status, 401);
      assert.equal(me.body.error.code, "not_signed_in");
    } finally {
      await svc.close();
      await workers.close();
    }
  });
});

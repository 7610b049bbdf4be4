// The HTTP surface under random input, for a bounded time: random paths, methods and headers,
// random and broken multipart bodies, mangled sign-in messages. Every answer is below 500 and in
// the error shape when it is an error, the service keeps answering, and its memory stays bounded.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { ORIGIN, serviceForSuite, siweMessage } from "./testing.ts";

const TIME_LIMIT_MS = 8000;
const RUNS = 400;
const MEMORY_GROWTH_LIMIT = 256 * 1024 * 1024;

const segment = fc.oneof(
  fc.constantFrom("session", "nonce", "verify", "me", "logout", "reader-key", "uploads", "jobs", "report", "events", "contributors", "submissions", "manifests", "ipfs", "stats", "health", "openapi.json", "..", "%2e%2e", "%00", "%ff", "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e"),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);
const path = fc.array(segment, { minLength: 1, maxLength: 5 }).chain((parts) => fc.option(fc.string({ maxLength: 30 }), { nil: undefined }).map((q) => `/${parts.join("/")}${q === undefined ? "" : `?${encodeURIComponent(q)}=${encodeURIComponent(q)}`}`));
const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
const headerValue = fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, ""));
const contentType = fc.oneof(
  fc.constantFrom("application/json", "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=x", "text/plain", "application/octet-stream", "application/x-www-form-urlencoded"),
  headerValue,
);

/** A multipart body from random parts, possibly cut anywhere. */
const multipart = fc.record({
  boundary: fc.stringMatching(/^[A-Za-z0-9'()+_,-./:=?]{1,70}$/),
  parts: fc.array(fc.record({ name: fc.string({ maxLength: 20 }), filename: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }), data: fc.string({ maxLength: 500 }) }), { maxLength: 4 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
}).map(({ boundary, parts, cut }) => {
  const body = parts.map((p) => `--${boundary}\r\ncontent-disposition: form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}\r\n\r\n${p.data}\r\n`).join("") + `--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: cut === undefined ? body : body.slice(0, cut % (body.length + 1)) };
});

describe("the HTTP surface under random input", () => {
  const f = serviceForSuite({ RATE_LIMIT_PER_IP: "100000", RATE_LIMIT_PER_ADDRESS: "100000", RATE_LIMIT_SIGN_IN: "100000", RATE_LIMIT_UPLOADS_PER_HOUR: "100000" });

  async function expectHandled(res: Response, what: string): Promise<void> {
    const text = await res.text();
    assert.ok(res.status < 500, `${what} answered ${res.status}: ${text.slice(0, 300)}`);
    if (res.status >= 400 && text !== "" && (res.headers.get("content-type") ?? "").startsWith("application/json")) {
      const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; hint?: unknown } };
      assert.equal(typeof body.error?.code, "string", `${what}: ${text.slice(0, 200)}`);
      assert.equal(typeof body.error?.message, "string", `${what}: ${text.slice(0, 200)}`);
    }
  }

  it("answers random requests without a server error, and stays up with bounded memory", async () => {
    const before = process.memoryUsage().rss;
    const auth = () => f.alice.auth;
    const request = fc.oneof(
      fc.record({ kind: fc.constant("any" as const), method, path, contentType, body: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }), header: headerValue, signedIn: fc.boolean() }),
      fc.record({ kind: fc.constant("upload" as const), multipart, signedIn: fc.boolean(), origin: fc.constantFrom(undefined, ORIGIN, "http://evil.example", "null") }),
      fc.record({ kind: fc.constant("siwe" as const), edits: fc.array(fc.record({ at: fc.nat(), text: fc.string({ maxLength: 30 }), remove: fc.nat({ max: 20 }) }), { maxLength: 4 }), signature: fc.stringMatching(/^0x[0-9a-f]{0,140}$/) }),
    );
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        if (r.kind === "any") {
          const headers: Record<string, string> = { "content-type": r.contentType, "x-fuzz": r.header, ...(r.signedIn ? auth() : {}) };
          const withBody = r.body !== undefined && r.method !== "GET" && r.method !== "HEAD";
          const res = await fetch(`${f.svc.url}${r.path}`, { method: r.method, headers, body: withBody ? r.body : undefined });
          await expectHandled(res, `${r.method} ${r.path}`);
        } else if (r.kind === "upload") {
          const headers: Record<string, string> = { "content-type": r.multipart.contentType, ...(r.signedIn ? auth() : {}), ...(r.origin ? { origin: r.origin } : {}) };
          const res = await fetch(`${f.svc.url}/uploads`, { method: "POST", headers, body: r.multipart.body });
          await expectHandled(res, "POST /uploads");
        } else {
          let message = await siweMessage(f.svc.url, privateKeyToAccount(generatePrivateKey()));
          for (const e of r.edits) {
            const at = e.at % (message.length + 1);
            message = message.slice(0, at) + e.text + message.slice(at + e.remove);
          }
          const res = await fetch(`${f.svc.url}/session/verify`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message, signature: r.signature }) });
          await expectHandled(res, "POST /session/verify");
        }
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    const health = await fetch(`${f.svc.url}/health`);
    assert.equal(health.status, 200, "the service still answers");
    const growth = process.memoryUsage().rss - before;
    assert.ok(growth < MEMORY_GROWTH_LIMIT, `memory grew by ${(growth / 2 ** 20).toFixed(0)} MiB`);
  });
});

// /openapi.json is true to every answer: each route called with good and bad input, every
// status documented for that route, every JSON body valid against the documented schema.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { datasetJsonl, followEvents, ORIGIN, serviceForSuite, signIn, upload } from "./testing.ts";
import { oracleProgram, signedUploadForm } from "../protocol/oracle-client.ts";

type Operation = { responses: Record<string, { content?: Record<string, { schema?: object }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: object };

describe("the OpenAPI description", () => {
  const f = serviceForSuite({ RATE_LIMIT_SIGN_IN: "1000" });
  const checked: string[] = [];

  /** Calls `method path` (path as in the document, {param} filled from `args`) and checks the answer against the document. */
  async function call(doc: Document, method: string, template: string, args: Record<string, string> = {}, init: RequestInit = {}): Promise<{ status: number; body: any }> {
    const path = template.replace(/\{(\w+)\}/g, (_, k: string) => args[k]) + (args.query ?? "");
    const res = await fetch(`${f.svc.url}${path}`, { method, ...init });
    const operation = doc.paths[template]?.[method.toLowerCase()];
    assert.ok(operation, `${method} ${template} is in the document`);
    const answer = operation.responses[String(res.status)];
    assert.ok(answer, `${method} ${template} answered ${res.status}, which the document does not list (it lists ${Object.keys(operation.responses).join(", ")})`);
    const type = res.headers.get("content-type") ?? "";
    let body: unknown = null;
    if (type.startsWith("application/json")) {
      body = await res.json();
      const schema = answer.content?.["application/json"]?.schema;
      assert.ok(schema, `${method} ${template} ${res.status} documents a JSON body`);
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats.default(ajv);
      const validate = ajv.compile({ ...schema, components: doc.components });
      assert.ok(validate(body), `${method} ${template} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 400)}`);
    } else {
      await res.arrayBuffer();
    }
    checked.push(`${method} ${template} ${res.status}`);
    return { status: res.status, body };
  }

  it("documents every answer of every route, for good input and bad", async () => {
    const doc = (await (await fetch(`${f.svc.url}/openapi.json`)).json()) as Document;
    const auth = { headers: f.alice.auth };
    const json = (body: unknown, headers: Record<string, string> = f.alice.auth) => ({ headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });

    await call(doc, "GET", "/health");
    await call(doc, "GET", "/stats");
    await call(doc, "GET", "/committee");
    await call(doc, "GET", "/claims/relay");
    await call(doc, "POST", "/claims/relay", {}, json({ claim: { contributor: f.alice.account.address, recipient: f.alice.account.address, nonce: "0", deadline: "1" }, signature: "0x00" }));
    await call(doc, "POST", "/claims/relay", {}, json({}));
    await call(doc, "GET", "/session/nonce");
    await call(doc, "POST", "/session/verify", {}, json({ message: "hello", signature: "0x00" }, {}));
    await call(doc, "POST", "/session/verify", {}, json({}, {}));
    await call(doc, "GET", "/session", {}, auth);
    await call(doc, "GET", "/session");
    await call(doc, "GET", "/session/me", {}, auth);
    await call(doc, "GET", "/session/me");
    await call(doc, "GET", "/session/reader-key", {}, auth);
    const bob = await signIn(f.svc.url, undefined, { readerKey: null });
    await call(doc, "GET", "/session/reader-key", {}, { headers: bob.auth });
    await call(doc, "PUT", "/session/reader-key", {}, json({ publicKey: "0x1234" }));
    await call(doc, "PUT", "/session/reader-key", {}, json({ publicKey: `0x${"00".repeat(32)}` }));

    const res = await upload(f.svc.url, f.alice, [{ name: "a.jsonl", data: datasetJsonl(8) }]);
    const { job } = (await res.json()) as { job: { id: string } };
    await followEvents(f.svc.url, f.alice, job.id);
    const form = await signedUploadForm(f.alice.account, await oracleProgram(f.svc.url), [{ name: "a.jsonl", data: datasetJsonl(8) }]);
    await call(doc, "POST", "/uploads", {}, { headers: f.alice.auth, body: form });
    await call(doc, "POST", "/uploads", {}, { headers: { ...f.alice.auth, origin: "http://evil.example" }, body: form });
    await call(doc, "POST", "/uploads", {}, { headers: bob.auth, body: form });
    await call(doc, "POST", "/uploads", {}, { body: form });
    await call(doc, "POST", "/uploads", {}, json({}));
    await call(doc, "POST", "/uploads", {}, { headers: { ...f.alice.auth, "content-type": "multipart/form-data" }, body: "x" });

    await call(doc, "GET", "/jobs", {}, auth);
    await call(doc, "GET", "/jobs", { query: "?limit=0" }, auth);
    await call(doc, "GET", "/jobs");
    const { body: done } = await call(doc, "GET", "/jobs/{id}", { id: job.id }, auth);
    await call(doc, "GET", "/jobs/{id}", { id: "00000000-0000-0000-0000-000000000000" }, auth);
    await call(doc, "GET", "/jobs/{id}", { id: "not-a-job" }, auth);
    await call(doc, "GET", "/jobs/{id}/report", { id: job.id }, auth);
    await call(doc, "GET", "/jobs/{id}/report", { id: job.id }, { headers: bob.auth });
    await call(doc, "GET", "/jobs/{id}/events", { id: job.id }, auth);

    await call(doc, "GET", "/contributors/{address}/submissions", { address: f.alice.account.address });
    await call(doc, "GET", "/contributors/{address}/submissions", { address: "0x123" });
    await call(doc, "GET", "/manifests/{cid}", { cid: done.result.rawCids[0] });
    await call(doc, "GET", "/manifests/{cid}", { cid: "not*a*cid" });
    await call(doc, "GET", "/ipfs/{cid}", { cid: done.result.rawCids[0] });
    await call(doc, "GET", "/ipfs/{cid}", { cid: "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e" });
    await call(doc, "GET", "/ipfs/{cid}", { cid: "bafynotacid00" });
    await call(doc, "POST", "/session/logout", {}, { headers: { ...f.alice.auth, origin: "http://evil.example" } });
    await call(doc, "POST", "/session/logout", {}, { headers: { ...bob.auth, origin: ORIGIN } });

    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    for (const route of routes) assert.ok(checked.some((c) => c.startsWith(`${route} `)), `${route} was called`);
    for (const route of routes.filter((r) => r !== "GET /health")) {
      const [m, p] = route.split(" ");
      assert.ok(doc.paths[p][m.toLowerCase()].responses["429"], `${route} documents 429 (rate limited)`);
      assert.ok(doc.paths[p][m.toLowerCase()].responses["500"], `${route} documents 500`);
    }
  });
});

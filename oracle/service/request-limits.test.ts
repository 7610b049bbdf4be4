// Limits that hold while the request streams in, and refusals every client can read: the first
// byte past a limit ends the upload, a refusal before the body reaches fetch as an answer (not a
// network error), a broken multipart body is a 400, and a slow or idle upload is cut.
import assert from "node:assert/strict";
import { request } from "node:http";
import { connect } from "node:net";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { datasetJsonl, serviceForSuite, signIn, upload } from "./testing.ts";

const LIMIT = 256 * 1024;
type ErrorBody = { error: { code: string; message: string; hint: string } };

/** Streams a multipart upload of one file of `size` bytes, 64 KiB at a time; stops writing at the answer. */
function streamUpload(url: string, auth: Record<string, string>, size: number): Promise<{ status: number; body: ErrorBody; sent: number }> {
  const boundary = "----1tt-limit-boundary";
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.txt"\r\ncontent-type: text/plain\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const piece = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(`${url}/uploads`, { method: "POST", headers: { ...auth, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" } });
    req.on("response", (res) => {
      answered = true;
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) as ErrorBody, sent }));
    });
    req.on("error", (e) => (answered ? undefined : reject(e)));
    req.write(head);
    const pump = () => {
      while (!answered && sent < size) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) req.end(tail);
    };
    pump();
  });
}

describe("request limits", () => {
  const f = serviceForSuite({ UPLOAD_LIMIT_BYTES: String(LIMIT), UPLOAD_MIN_BYTES_PER_SECOND: "2000", ORACLE_IDLE_TIMEOUT_MS: "1500" });

  const leftovers = () => readdirSync(join(f.svc.config.dataDir, "incoming"));

  it("refuses a single file over the limit at the first byte past it, not after reading it all", async () => {
    const size = 256 * 1024 * 1024;
    const { status, body, sent } = await streamUpload(f.svc.url, f.alice.auth, size);
    assert.equal(status, 413);
    assert.equal(body.error.code, "upload_too_large");
    assert.ok(sent < 32 * 1024 * 1024, `the answer came after ${sent} of ${size} bytes`);
    assert.deepEqual(leftovers(), []);
  });

  it("refuses an upload whose declared length is over the limit before reading it", async () => {
    const form = new FormData();
    form.append("file", new Blob([Buffer.alloc(LIMIT * 8, 0x61)]), "big.txt");
    const res = await fetch(`${f.svc.url}/uploads`, { method: "POST", headers: f.alice.auth, body: form });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as ErrorBody).error.code, "upload_too_large");
  });

  it("answers a refusal made before the body is read so that fetch can read it", async () => {
    const bob = await signIn(f.svc.url, undefined, { readerKey: null });
    const res = await upload(f.svc.url, bob, [{ name: "one.jsonl", data: datasetJsonl(2).split("\n")[0] + "\n" }]);
    assert.equal(res.status, 409);
    assert.equal(((await res.json()) as ErrorBody).error.code, "reader_key_required");
    // A body far larger than what is read and dropped after a refusal: the lingering close.
    const large = await upload(f.svc.url, bob, [{ name: "large.jsonl", data: Buffer.alloc(24 * 1024 * 1024, 0x61) }]);
    assert.equal(large.status, 409);
    assert.equal(((await large.json()) as ErrorBody).error.code, "reader_key_required");
    // And with no session at all.
    const form = new FormData();
    form.append("file", new Blob(["{}\n"]), "one.jsonl");
    const anonymous = await fetch(`${f.svc.url}/uploads`, { method: "POST", body: form });
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as ErrorBody).error.code, "not_signed_in");
  });

  it("answers a multipart body without a boundary, or cut before its closing boundary, with 400 in the error shape", async () => {
    const noBoundary = await fetch(`${f.svc.url}/uploads`, { method: "POST", headers: { ...f.alice.auth, "content-type": "multipart/form-data" }, body: "hello" });
    assert.equal(noBoundary.status, 400);
    assert.equal(((await noBoundary.json()) as ErrorBody).error.code, "malformed_multipart");
    const cut = await fetch(`${f.svc.url}/uploads`, {
      method: "POST",
      headers: { ...f.alice.auth, "content-type": "multipart/form-data; boundary=xyz" },
      body: `--xyz\r\ncontent-disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n{"text": "no closing boundary"}\n`,
    });
    assert.equal(cut.status, 400);
    const body = (await cut.json()) as ErrorBody;
    assert.equal(body.error.code, "malformed_multipart");
    assert.ok(body.error.hint.length > 10);
    assert.deepEqual(leftovers(), []);
  });

  it("cuts an upload that trickles in slower than the minimum rate, keeping nothing", async () => {
    const boundary = "----1tt-trickle";
    const started = Date.now();
    const answer = await new Promise<{ status: number; code: string }>((resolve, reject) => {
      const req = request(`${f.svc.url}/uploads`, { method: "POST", headers: { ...f.alice.auth, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" } });
      const drip = setInterval(() => req.write("0123456789"), 500);
      req.on("response", (res) => {
        clearInterval(drip);
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, code: (JSON.parse(text) as ErrorBody).error.code }));
      });
      req.on("error", (e) => {
        clearInterval(drip);
        reject(e);
      });
      req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="slow.jsonl"\r\n\r\n`);
    });
    assert.deepEqual(answer, { status: 408, code: "upload_too_slow" });
    assert.ok(Date.now() - started < 20_000);
    for (let i = 0; i < 50 && leftovers().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(leftovers(), []);
  });

  it("closes a connection that goes idle in the middle of a request", async () => {
    const { port } = new URL(f.svc.url);
    const socket = connect(Number(port), "127.0.0.1");
    socket.write(`POST /uploads HTTP/1.1\r\nhost: x\r\ncontent-type: multipart/form-data; boundary=b\r\ncontent-length: 100000\r\n${f.alice.auth.authorization ? `authorization: ${f.alice.auth.authorization}\r\n` : ""}\r\n--b\r\n`);
    const started = Date.now();
    await new Promise<void>((resolve) => socket.on("close", () => resolve()).on("error", () => {}).resume());
    const waited = Date.now() - started;
    assert.ok(waited >= 1000 && waited < 10_000, `closed after ${waited} ms`);
    for (let i = 0; i < 50 && leftovers().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(leftovers(), []);
  });
});

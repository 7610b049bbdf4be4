// The one oracle client (oracle/protocol/oracle-client.ts) against a real oracle: it reads every
// answer through the API's schemas, turns each refusal into an error that carries the oracle's
// code and hint, and says plainly when the oracle is not there or speaks another version.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, it } from "node:test";
import { privateKeyToAccount, generatePrivateKey } from "viem/accounts";
import { statsAnswer } from "../protocol/oracle-api.ts";
import { OracleClient, OracleError, OracleUnreachableError, signInMessage } from "../protocol/oracle-client.ts";
import { serviceForSuite } from "./testing.ts";

describe("the oracle client", () => {
  const f = serviceForSuite();

  it("signs in with a wallet and reads the session, the reader key and the program through the documented shapes", async () => {
    const oracle = new OracleClient(f.svc.url);
    const account = privateKeyToAccount(generatePrivateKey());
    const message = signInMessage(await oracle.nonce(), account.address);
    const { token, address } = await oracle.verify({ message, signature: await account.signMessage({ message }) });
    assert.equal(address, account.address);
    const signedIn = oracle.with({ authorization: `Bearer ${token}` });
    const key = `0x${"11".repeat(32)}` as const;
    const registered = await signedIn.registerReaderKey(key);
    assert.equal(registered.publicKey, key);
    const session = await signedIn.session();
    assert.deepEqual({ address: session.address, key: session.readerKey?.publicKey }, { address: account.address, key });
    assert.equal((await oracle.session()).address, null, "without the token nobody is signed in");
    const stats = await oracle.stats();
    assert.equal(stats.program.chainId, (await oracle.nonce()).chainId);
    assert.deepEqual((await signedIn.jobs()).jobs, []);
  });

  it("turns a refusal into an OracleError with the oracle's status, code and hint", async () => {
    const refused = await new OracleClient(f.svc.url).jobs().then(() => null, (e: unknown) => e);
    assert.ok(refused instanceof OracleError, String(refused));
    assert.equal(refused.status, 401);
    assert.equal(refused.code, "not_signed_in");
    assert.ok(refused.hint && refused.hint.length > 0, "the hint says what to do");
  });

  it("refuses an answer that is not of the documented shape, naming the route and what differs", async () => {
    // As if the oracle answered GET /stats with another version's shape: its health answer.
    const wrong = await new OracleClient(f.svc.url).json(statsAnswer, "/health").then(() => null, (e: unknown) => e);
    assert.ok(wrong instanceof OracleError, String(wrong));
    assert.equal(wrong.code, "unexpected_answer");
    assert.match(wrong.shortMessage, /GET \/health/);
    assert.match(wrong.shortMessage, /program/);
  });

  it("says the oracle does not answer when nothing listens at its URL", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const gone = await new OracleClient(`http://127.0.0.1:${port}`).stats().then(() => null, (e: unknown) => e);
    assert.ok(gone instanceof OracleUnreachableError, String(gone));
    assert.equal(gone.code, "oracle_unreachable");
  });
});

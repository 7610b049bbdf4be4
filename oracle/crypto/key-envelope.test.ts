import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KeyEnvelopeError, type KeyEnvelopeErrorCode } from "./errors.ts";
import { READER_ROLES, createKeyEnvelope, openKeyEnvelope, type KeyEnvelope } from "./key-envelope.ts";
import { encodePublicKey, generateReaderKey } from "./reader-key.ts";
import { generateDataKey } from "./stream-format.ts";
import { decryptAll, encryptAll, rejectsWith, seeded } from "./testing.ts";

const CONTEXT = "1tt/submission/31337/0x5fbdb2315678afecb367f032d93f642f64180aa3/0x70997970c51812dc3a010c7d01b50e0d17dc79c8/1";
const dataKey = generateDataKey(seeded(21));
const readers = {
  contributor: generateReaderKey(seeded(22)),
  consumer: generateReaderKey(seeded(23)),
  committee1: generateReaderKey(seeded(24)),
  committee2: generateReaderKey(seeded(25)),
  auditor: generateReaderKey(seeded(26)),
};
const envelope = createKeyEnvelope(
  dataKey,
  [
    { role: "contributor", publicKey: readers.contributor.publicKey },
    { role: "consumer", publicKey: encodePublicKey(readers.consumer.publicKey) },
    { role: "committee", id: "0x1111111111111111111111111111111111111111", publicKey: readers.committee1.publicKey },
    { role: "committee", id: "0x2222222222222222222222222222222222222222", publicKey: readers.committee2.publicKey },
    { role: "auditor", id: "view key 2026", publicKey: readers.auditor.publicKey },
  ],
  CONTEXT,
);

function throwsCode(fn: () => unknown, code: KeyEnvelopeErrorCode): void {
  assert.throws(fn, (e: unknown) => e instanceof KeyEnvelopeError && e.code === code);
}
const edited = (change: (e: KeyEnvelope) => void): KeyEnvelope => {
  const copy = JSON.parse(JSON.stringify(envelope)) as KeyEnvelope;
  change(copy);
  return copy;
};

describe("key envelope", () => {
  it("lets every reader role open it and decrypt the submission, after a JSON round trip", async () => {
    const plaintext = seeded(27)(5000);
    const ciphertext = await encryptAll(plaintext, dataKey, { chunkSize: 1024 });
    const json = JSON.parse(JSON.stringify(envelope));
    assert.deepEqual([...new Set(envelope.readers.map((r) => r.role))], [...READER_ROLES]);
    for (const [name, reader] of Object.entries(readers)) {
      const key = openKeyEnvelope(json, reader.privateKey, { context: CONTEXT });
      assert.deepEqual(key, dataKey, name);
      assert.deepEqual(await decryptAll(ciphertext, key), plaintext, name);
    }
  });

  it("refuses a key that is not listed with not_a_reader, and that key cannot decrypt", async () => {
    const outsider = generateReaderKey();
    throwsCode(() => openKeyEnvelope(envelope, outsider.privateKey), "not_a_reader");
    const ciphertext = await encryptAll(new Uint8Array(10), dataKey);
    await rejectsWith(decryptAll(ciphertext, outsider.privateKey), "wrong_key"); // a reader key is not a data key
  });

  it("refuses to open an envelope made for another context", () => {
    throwsCode(() => openKeyEnvelope(envelope, readers.consumer.privateKey, { context: `${CONTEXT}0` }), "context_mismatch");
  });

  it("detects an edited context, role, id, ephemeral key or wrapped key with unwrap_failed", () => {
    const edits: ((e: KeyEnvelope) => void)[] = [
      (e) => (e.context = `${CONTEXT}0`),
      (e) => (e.readers[1].role = "auditor"),
      (e) => (e.readers[1].id = "someone"),
      (e) => (e.readers[1].ephemeralPublicKey = e.readers[0].ephemeralPublicKey),
      (e) => (e.readers[1].wrappedKey = `${e.readers[1].wrappedKey.slice(0, -2)}${e.readers[1].wrappedKey.endsWith("00") ? "01" : "00"}` as `0x${string}`),
    ];
    for (const edit of edits) throwsCode(() => openKeyEnvelope(edited(edit), readers.consumer.privateKey), "unwrap_failed");
  });

  it("cannot be re-targeted: an entry copied under another reader's public key does not open", () => {
    const attacker = generateReaderKey();
    const moved = edited((e) => (e.readers[1].publicKey = encodePublicKey(attacker.publicKey)));
    throwsCode(() => openKeyEnvelope(moved, attacker.privateKey), "unwrap_failed");
  });

  it("uses a fresh ephemeral key per entry, and is reproducible with injected randomness", () => {
    const specs = [{ role: "consumer" as const, publicKey: readers.consumer.publicKey }];
    assert.deepEqual(createKeyEnvelope(dataKey, specs, CONTEXT, { random: seeded(5) }), createKeyEnvelope(dataKey, specs, CONTEXT, { random: seeded(5) }));
    assert.equal(new Set(envelope.readers.map((r) => r.ephemeralPublicKey)).size, envelope.readers.length);
  });

  it("refuses malformed envelopes, unknown roles and low-order public keys", () => {
    throwsCode(() => openKeyEnvelope({ ...envelope, schema: "1tt/keys@2" }, readers.consumer.privateKey), "malformed");
    throwsCode(() => openKeyEnvelope(edited((e) => (e.readers[0].wrappedKey = "0x00")), readers.consumer.privateKey), "malformed");
    throwsCode(() => openKeyEnvelope("not json", readers.consumer.privateKey), "malformed");
    throwsCode(() => createKeyEnvelope(dataKey, [{ role: "owner" as "consumer", publicKey: readers.consumer.publicKey }], CONTEXT), "malformed");
    throwsCode(() => createKeyEnvelope(dataKey, [{ role: "consumer", publicKey: new Uint8Array(32) }], CONTEXT), "bad_public_key");
    throwsCode(() => createKeyEnvelope(dataKey, [], CONTEXT), "malformed");
    throwsCode(() => createKeyEnvelope(dataKey, [{ role: "consumer", publicKey: readers.consumer.publicKey }], ""), "malformed");
  });
});

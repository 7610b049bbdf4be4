// Throughput and memory of streaming encryption: node oracle/crypto/bench.ts [MiB] (default 1024).
// The plaintext is generated piece by piece (1 MiB at a time, never held whole). Phases, each
// over the same bytes: generate only; sha256 only (the reference), in JS and native; encrypt
// (ciphertext counted and dropped) with the portable code (@noble: what browsers run) and with
// Node's native sha256 and ChaCha20-Poly1305 (what the oracle and the CLI run); encrypt piped
// into decrypt, both ways. Decryption speed is derived: bytes / (t(encrypt → decrypt) − t(encrypt)). Peak RSS and heap are sampled every 16 MiB.
// Not a test: it takes tens of seconds and a CPU core.
import { sha256 } from "@noble/hashes/sha2.js";
import type { Sha256Factory } from "./bytes.ts";
import { decryptStream } from "./decrypt-stream.ts";
import { encryptStream } from "./encrypt-stream.ts";
import type { XChaChaFactory } from "./bytes.ts";
import { nodeSha256, nodeXChaCha20Poly1305 } from "./files.ts";
import { generateDataKey } from "./stream-format.ts";

const MIB = 1 << 20;
const sizeMiB = Number(process.argv[2] ?? 1024);
if (!Number.isInteger(sizeMiB) || sizeMiB <= 0) throw new Error("Usage: node oracle/crypto/bench.ts [MiB]");
const bytes = sizeMiB * MIB;
const key = generateDataKey();

let peakRss = 0;
let peakHeap = 0;
function sample(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
}

/** sizeMiB distinct 1 MiB pieces, each freshly allocated (as a file or network reader would). */
async function* generate(): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < sizeMiB; i++) {
    const piece = new Uint8Array(MIB);
    const words = new Uint32Array(piece.buffer);
    for (let j = 0; j < words.length; j += 64) words[j] = Math.imul(i + 1, 2654435761) ^ j;
    if (i % 16 === 0) sample();
    yield piece;
  }
}

async function phase(name: string, run: () => Promise<void>): Promise<number> {
  globalThis.gc?.();
  peakRss = 0;
  peakHeap = 0;
  sample();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  sample();
  console.log(
    `  ${name.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s  ${(bytes / 1e6 / seconds).toFixed(1).padStart(7)} MB/s   ` +
      `peak RSS ${(peakRss / MIB).toFixed(0)} MiB, heap+buffers ${(peakHeap / MIB).toFixed(0)} MiB`,
  );
  return seconds;
}

async function drain(stream: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const part of stream) n += part.byteLength;
  return n;
}

console.log(`oracle/crypto bench: ${sizeMiB} MiB generated in 1 MiB pieces, 64 KiB chunks, XChaCha20-Poly1305 (@noble/ciphers, or native ChaCha20-Poly1305), Node ${process.version}`);
await phase("generate only", async () => void (await drain(generate())));
const hashOnly = (factory: Sha256Factory) => async () => {
  const hash = factory();
  for await (const piece of generate()) hash.update(piece);
  hash.digest();
};
await phase("sha256 only, @noble/hashes", hashOnly(sha256.create));
await phase("sha256 only, node:crypto", hashOnly(nodeSha256));
const encrypt = (factory: Sha256Factory, xchacha?: XChaChaFactory) => async () => {
  const { ciphertext, summary } = encryptStream(generate(), key, { sha256: factory, xchacha });
  ciphertextBytes = await drain(ciphertext);
  if ((await summary).plaintextBytes !== bytes) throw new Error("wrong plaintext length");
};
const roundTrip = (xchacha?: XChaChaFactory) => async () => {
  const encrypted = encryptStream(generate(), key, { sha256: nodeSha256, xchacha });
  const decrypted = decryptStream(encrypted.ciphertext, key, { sha256: nodeSha256, xchacha });
  if ((await drain(decrypted.plaintext)) !== bytes) throw new Error("wrong decrypted length");
  if ((await decrypted.summary).plaintextSha256 !== (await encrypted.summary).plaintextSha256) throw new Error("hash mismatch");
};
let ciphertextBytes = 0;
await phase("encrypt, all @noble (browser)", encrypt(sha256.create));
const rates: { label: string; encrypt: number; decrypt: number }[] = [];
for (const [label, xchacha] of [["@noble cipher, node sha256", undefined], ["native (oracle, CLI)", nodeXChaCha20Poly1305]] as const) {
  const encryptSeconds = await phase(`encrypt, ${label}`, encrypt(nodeSha256, xchacha));
  const bothSeconds = await phase(`encrypt → decrypt, ${label}`, roundTrip(xchacha));
  rates.push({ label, encrypt: bytes / 1e6 / encryptSeconds, decrypt: bytes / 1e6 / (bothSeconds - encryptSeconds) });
}
for (const r of rates) console.log(`  decrypt, ${r.label} (derived)`.padEnd(44) + `${r.decrypt.toFixed(1).padStart(7)} MB/s`);
console.log(`  ciphertext overhead: ${ciphertextBytes - bytes} bytes (${(((ciphertextBytes - bytes) / bytes) * 100).toFixed(3)}%)`);
for (const r of rates) {
  for (const pipeline of [3, 5]) {
    console.log(
      `  ${r.label}, against a pipeline at ${pipeline} MB/s per core: encryption adds ${((pipeline / r.encrypt) * 100).toFixed(1)}% of its time, decryption ${((pipeline / r.decrypt) * 100).toFixed(1)}%`,
    );
  }
}
console.log(`  process max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

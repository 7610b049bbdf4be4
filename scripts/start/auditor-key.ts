// `npm start`'s auditor: a reader key (X25519) generated on the first start into a passphrase
// keystore (1tt/keystore@1) under <state>/auditor/, kept across starts, and published as the
// program's auditor key in the ReaderKeyRegistry, so the oracle seals every submission for it from
// the first one and anyone holding the keystore can replay the whole history with `1tt audit`.
// The passphrase sits beside the keystore with mode 0600: local development only (a real auditor
// makes its own key with `1tt keys new` and gives the owner its public key).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Hex } from "viem";
import { encryptKeystore, generateReaderKey, parseKeystore } from "../../oracle/crypto/index.ts";
import { writeKeystoreFile } from "../../oracle/crypto/files.ts";

export interface AuditorKey {
  publicKey: Hex;
  keystorePath: string;
  passphrasePath: string;
  created: boolean;
}

export async function auditorKey(stateDir: string): Promise<AuditorKey> {
  const dir = join(stateDir, "auditor");
  const keystorePath = join(dir, "keystore.json");
  const passphrasePath = join(dir, "passphrase");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let created = false;
  if (!existsSync(keystorePath)) {
    const passphrase = randomBytes(24).toString("base64url");
    const key = generateReaderKey();
    try {
      writeFileSync(passphrasePath, passphrase + "\n", { mode: 0o600 });
      await writeKeystoreFile(keystorePath, await encryptKeystore(key, passphrase, { label: "npm start auditor" }));
    } finally {
      key.privateKey.fill(0);
    }
    created = true;
  }
  if (!existsSync(passphrasePath)) throw new Error(`${keystorePath} has no passphrase beside it (${passphrasePath}): delete ${dir} for a new auditor key`);
  const publicKey = parseKeystore(JSON.parse(readFileSync(keystorePath, "utf8"))).publicKey.toLowerCase() as Hex;
  return { publicKey, keystorePath, passphrasePath, created };
}

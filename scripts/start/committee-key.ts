// The local committee key: generated on the first start into a Web3 v3 keystore under
// <state>/committee/, kept across starts (so the committee's address stays the same). Its
// password comes from COMMITTEE_KEY_PASSWORD, or is generated once and stored beside the
// keystore with mode 0600. A password in a file next to its keystore protects nothing against
// someone who can read the folder: this is for local development only. A real committee member
// keeps its keystore and password apart (docs/committee.md).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatePrivateKey, type PrivateKeyAccount } from "viem/accounts";
import { encryptKeystore, loadAccount } from "../../oracle/attest/index.ts";

export interface CommitteeKey {
  account: PrivateKeyAccount;
  keystorePath: string;
  /** The environment that hands the key to the oracle or a member's node (ORACLE_SIGNER_*). */
  oracleEnv: Record<string, string>;
  created: boolean;
}

/** `name`: the key's folder under the state folder ("committee" for the leader's, "member-1", …). */
export async function committeeKey(stateDir: string, envPassword: string | undefined, name = "committee"): Promise<CommitteeKey> {
  const dir = join(stateDir, name);
  const keystorePath = join(dir, "keystore.json");
  const passwordPath = join(dir, "password");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let created = false;
  if (!existsSync(keystorePath)) {
    let password = envPassword;
    if (!password) {
      password = randomBytes(24).toString("base64url");
      writeFileSync(passwordPath, password + "\n", { mode: 0o600 });
      chmodSync(passwordPath, 0o600);
    }
    const keystore = await encryptKeystore(generatePrivateKey(), password);
    writeFileSync(keystorePath, JSON.stringify(keystore, null, 2) + "\n", { mode: 0o600 });
    created = true;
  }
  if (!envPassword && !existsSync(passwordPath)) {
    throw new Error(`${keystorePath} was made with a password from COMMITTEE_KEY_PASSWORD: set it again (or delete ${dir} for a new key)`);
  }
  const account = await loadAccount(envPassword
    ? { keystorePath, password: envPassword, role: "committee" }
    : { keystorePath, passwordFile: passwordPath, role: "committee" });
  const oracleEnv: Record<string, string> = envPassword
    ? { ORACLE_SIGNER_KEYSTORE: keystorePath, ORACLE_SIGNER_PASSWORD: envPassword }
    : { ORACLE_SIGNER_KEYSTORE: keystorePath, ORACLE_SIGNER_PASSWORD_FILE: passwordPath };
  return { account, keystorePath, oracleEnv, created };
}


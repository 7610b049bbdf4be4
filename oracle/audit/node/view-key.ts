// Reading the auditor's view key from a file: either a passphrase keystore ("1tt/keystore@1",
// oracle/crypto) or a bare 32-byte private key in hex. Node only.
import { readFile } from "node:fs/promises";
import { decryptKeystore } from "../../crypto/keystore.ts";
import { ReplayUnavailableError } from "../errors.ts";

export async function readViewKeyFile(path: string, passphrase?: string): Promise<Uint8Array> {
  let text: string;
  try {
    text = (await readFile(path, "utf8")).trim();
  } catch (cause) {
    throw new ReplayUnavailableError(`Cannot read the view key file ${path}.`, { details: (cause as Error).message, hint: "Check the path given to --view-key.", cause });
  }
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(text)) return Uint8Array.from(Buffer.from(text.replace(/^0x/, ""), "hex"));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReplayUnavailableError(`${path} is neither a keystore nor a hex private key.`, {
      hint: "Give a 1tt/keystore@1 JSON file (with its passphrase in VIEW_KEY_PASSPHRASE) or a file holding the 32-byte reader key in hex.",
    });
  }
  if (!passphrase) {
    throw new ReplayUnavailableError(`The view key ${path} is a keystore and no passphrase was given.`, {
      hint: "Put the passphrase in the VIEW_KEY_PASSPHRASE environment variable (or a file named by --view-key-passphrase-file).",
    });
  }
  const { privateKey } = await decryptKeystore(json, passphrase);
  return privateKey;
}

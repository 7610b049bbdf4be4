// `1tt keys new --out keystore.json` makes a reader key (X25519) and writes it as a passphrase
// keystore (1tt/keystore@1, oracle/crypto), readable by its owner only; `1tt keys show FILE`
// prints a key file's public key. The public key is what the oracle operator adds to the
// program's readers; the keystore is what `1tt fetch --key` opens.
// Exit code: 0 done, 1 a failure, 2 a usage error.
import { existsSync, readFileSync } from "node:fs";
import { CommanderError, type Command } from "commander";
import { parseKeyFileText } from "../audit/node/view-key.ts";
import { encodePublicKey, encryptKeystore, generateReaderKey, parseKeystore, readerKeyFromPrivateKey } from "../crypto/index.ts";
import { writeKeystoreFile } from "../crypto/files.ts";
import { OneTTError } from "../protocol/errors.ts";
import { PASSPHRASE_ENV } from "./fetch.ts";
import { passphraseOrPrompt } from "./passphrase.ts";
import { UsageError } from "./usage.ts";
import { meaningOf } from "../protocol/error-codes.ts";

const GIVE_TO_OPERATOR =
  "Give this public key to the oracle operator (a consumer's goes in ORACLE_CONSUMER_READER_KEYS, an auditor's in " +
  "ORACLE_AUDITOR_READER_KEYS), or have the program owner publish it in the chain's ReaderKeyRegistry. " +
  "Submissions stored after that can be read with `1tt fetch <manifest-cid> --key <this keystore>`.";

async function newKey(opts: { out?: string; label?: string; passphraseFile?: string }): Promise<void> {
  if (!opts.out) throw new UsageError("--out <file> is required (where the keystore is written)");
  if (existsSync(opts.out)) throw new UsageError(`${opts.out} already exists; a keystore is never overwritten. Choose another --out.`);
  const passphrase = await passphraseOrPrompt({ file: opts.passphraseFile, env: PASSPHRASE_ENV }, { question: "Passphrase for the new keystore: ", confirm: true });
  if (passphrase.length === 0) throw new UsageError("the passphrase is empty; choose one (it encrypts the key on disk)");
  const key = generateReaderKey();
  try {
    const keystore = await encryptKeystore(key, passphrase, { label: opts.label ?? "" });
    try {
      await writeKeystoreFile(opts.out, keystore);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new UsageError(`${opts.out} already exists; a keystore is never overwritten. Choose another --out.`);
      throw e;
    }
  } finally {
    key.privateKey.fill(0);
  }
  console.log(`wrote ${opts.out} (1tt/keystore@1, readable by you only)`);
  console.log(`public key ${encodePublicKey(key.publicKey)}`);
  console.log(GIVE_TO_OPERATOR);
  console.log(`Keep the keystore and its passphrase: without both, the data wrapped for this key cannot be read.`);
}

function showKey(file: string): void {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const content = parseKeyFileText(text);
  if (content === null) throw new UsageError(`${file} is neither a 1tt/keystore@1 file nor a hex private key`);
  if (content.kind === "hex") {
    const pair = readerKeyFromPrivateKey(content.privateKey);
    console.log(`public key ${encodePublicKey(pair.publicKey)}`);
    pair.privateKey.fill(0);
    content.privateKey.fill(0);
    return;
  }
  const keystore = parseKeystore(content.json);
  console.log(`public key ${keystore.publicKey.toLowerCase()}${keystore.label ? `  (label "${keystore.label}")` : ""}`);
}

function run(name: string, action: () => Promise<void> | void): Promise<void> {
  return (async () => {
    try {
      await action();
    } catch (e) {
      if (e instanceof OneTTError) {
        console.error(`1tt keys ${name}: ${e.message}`);
        process.exitCode = meaningOf(e.code).exit;
      } else {
        console.error(`1tt keys ${name}: ${(e as Error)?.message ?? String(e)}`);
        process.exitCode = 1;
      }
    }
  })();
}

export function registerKeys(program: Command): void {
  const usage = (err: CommanderError) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  };
  const keys = program.command("keys").description("make and inspect reader keys (the keys that decrypt submissions)").exitOverride(usage);
  keys
    .command("new")
    .description("create a reader key in a passphrase keystore and print its public key")
    .option("--out <file>", "where to write the keystore (never overwritten)")
    .option("--label <text>", "a note kept in the keystore, e.g. who the key is for")
    .option("--passphrase-file <file>", `file holding the passphrase (else ${PASSPHRASE_ENV}, else asked twice on a terminal)`)
    .exitOverride(usage)
    .action((opts: { out?: string; label?: string; passphraseFile?: string }) => run("new", () => newKey(opts)));
  keys
    .command("show")
    .description("print the public key of a keystore (or of a hex private key file)")
    .argument("<file>", "a 1tt/keystore@1 file")
    .exitOverride(usage)
    .action((file: string) => run("show", () => showKey(file)));
}

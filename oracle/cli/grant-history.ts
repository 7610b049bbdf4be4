// `1tt grant-history`: a committee member gives a reader who came later (a new auditor) the
// program's past submissions. It walks the manifest chain from the latest attested manifest,
// opens each submission's key envelopes with its own reader key, wraps the same data keys for the
// new reader, stores the new envelopes and a key grant naming them (oracle/manifest/key-grant.ts),
// and prints the grant's CID for `1tt audit --key-grant`. Exit code 2 for a usage error, 1 when it fails.
import { CommanderError, type Command } from "commander";
import { createPublicClient, getAddress, isAddress, type Address, type PublicClient } from "viem";
import { rpcTransport } from "../protocol/rpc-transport.ts";
import { committeeReaderKey, loadAccountFromEnv } from "../attest/index.ts";
import { collectHistory } from "../audit/index.ts";
import { readViewKeyFile } from "../audit/node/view-key.ts";
import { checkReaderPublicKey, readerKeyFromPrivateKey } from "../crypto/index.ts";
import { cidFromHex } from "../manifest/cid-bytes.ts";
import { grantHistory } from "../manifest/key-grant.ts";
import { readManifest } from "../manifest/read-manifest.ts";
import { walkManifestChain, type ChainLink } from "../manifest/walk-chain.ts";
import { openStoreSource, STORE_SOURCE_HELP } from "./store-source.ts";
import { checkRpcOption, RPC_OPTION_HELP } from "./rpc-option.ts";
import { UsageError } from "./usage.ts";

interface GrantOptions {
  rpc?: string;
  splitter?: string;
  to?: string;
  keystore?: string;
  passwordFile?: string;
  readerKey?: string;
  ipfs?: string;
  store?: string;
  gateway?: string;
}

async function grant(opts: GrantOptions): Promise<void> {
  if (!opts.rpc) throw new UsageError("--rpc <url> is required (the program's chain: the latest attested manifest is read from it)");
  checkRpcOption(opts.rpc);
  if (!opts.splitter || !isAddress(opts.splitter, { strict: false })) throw new UsageError(`--splitter must be the program's RevenueSplitter address (got "${opts.splitter ?? ""}")`);
  if (!opts.to) throw new UsageError("--to <public key> is required: the new reader's X25519 public key (0x + 64 hex), as `1tt keys new` prints it");
  let to: `0x${string}`;
  try {
    to = checkReaderPublicKey(opts.to);
  } catch (e) {
    throw new UsageError(`--to: ${(e as Error).message.split("\n")[0]}`);
  }
  if (opts.gateway !== undefined) throw new UsageError("a gateway is read-only: give --ipfs <Kubo RPC url> or --store <folder>, where the new envelopes are stored");
  const splitter = getAddress(opts.splitter) as Address;
  const client = createPublicClient({ transport: rpcTransport(opts.rpc) }) as PublicClient;
  const chainId = await client.getChainId();
  // The member's reader key: the one its signer key derives, or the one it published (--reader-key).
  let opener: Uint8Array;
  if (opts.readerKey) opener = readerKeyFromPrivateKey(await readViewKeyFile(opts.readerKey)).privateKey;
  else {
    const env: Record<string, string | undefined> = { ...process.env, ...(opts.keystore ? { ORACLE_SIGNER_KEYSTORE: opts.keystore } : {}), ...(opts.passwordFile ? { ORACLE_SIGNER_PASSWORD_FILE: opts.passwordFile } : {}) };
    if (!env.ORACLE_SIGNER_KEYSTORE && !env.ORACLE_SIGNER_PRIVATE_KEY) throw new UsageError("give the member's key: --keystore <file> (with --password-file), or --reader-key <file>");
    opener = (await committeeReaderKey(await loadAccountFromEnv("ORACLE_SIGNER", env), chainId, splitter)).privateKey;
  }
  const store = (await openStoreSource(opts, { required: true }))!;
  try {
    const history = await collectHistory(client, { splitter });
    let head: { cid: string; sequence: number } | null = null;
    for (const e of history.events) {
      if (e.kind !== "attested") continue;
      const cid = cidFromHex(e.manifestCid).toString();
      const m = await readManifest(store, cid);
      if (!head || m.sequence > head.sequence) head = { cid, sequence: m.sequence };
    }
    if (!head) {
      console.log("No submission was attested yet: nothing to grant.");
      return;
    }
    const links: ChainLink[] = [];
    for await (const link of walkManifestChain(store, head.cid)) links.push(link);
    const { cid, grant } = await grantHistory({ store, chain: links.reverse(), opener, reader: { role: "auditor", publicKey: to } });
    console.log(`granted ${grant.envelopes.length} submissions (of ${links.length}) to ${to}`);
    console.log(`key grant ${cid}`);
    console.log(`The reader replays them with: npx 1tt audit … --view-key <their keystore> --key-grant ${cid}`);
  } finally {
    opener.fill(0);
    await store.close();
  }
}

export function registerGrantHistory(program: Command): void {
  program
    .command("grant-history")
    .description("as a committee member, re-wrap every past submission's data keys for a reader published later (a new auditor) and print the key grant's CID")
    .option("--rpc <url>", RPC_OPTION_HELP)
    .option("--splitter <address>", "the program's RevenueSplitter")
    .option("--to <public key>", "the new reader's X25519 public key (0x-hex)")
    .option("--keystore <file>", "the member's signer keystore (its reader key is derived from it); or ORACLE_SIGNER_KEYSTORE / ORACLE_SIGNER_PRIVATE_KEY")
    .option("--password-file <file>", "file holding the keystore's password (or ORACLE_SIGNER_PASSWORD)")
    .option("--reader-key <file>", "the reader key the member published, when not the one its signer key derives (1tt/keystore@1 or hex)")
    .option("--ipfs <url>", `where to read and store: a ${STORE_SOURCE_HELP.ipfs}`)
    .option("--store <dir>", `or ${STORE_SOURCE_HELP.store}`)
    .option("--gateway <url>", "(refused: a gateway cannot store the new envelopes)")
    .exitOverride((err: CommanderError) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: GrantOptions) => {
      try {
        await grant(opts);
      } catch (e) {
        const err = e as { shortMessage?: string; message?: string };
        console.error(`1tt grant-history: ${e instanceof UsageError ? err.message : (err.shortMessage ?? err.message ?? String(e))}`);
        process.exitCode = e instanceof UsageError ? 2 : 1;
      }
    });
}

// The program sink from the environment (main.ts): with SPLITTER_ADDRESS set, the oracle encrypts,
// writes manifests, signs with its committee key and posts through its relayer key. With
// READER_REGISTRY_ADDRESS it reads the program's reader keys from the chain at every submission.
import { join } from "node:path";
import { createPublicClient, createWalletClient, defineChain, getAddress, isAddress, isHex, type Address, type Hex, type LocalAccount, type PublicClient } from "viem";
import { AttemptLog, loadAccountFromEnv, readProgramReaders, Relayer } from "../attest/index.ts";
import { MemberClient } from "../committee/member-client.ts";
import { parseRpcUrls, rpcTransport } from "../protocol/rpc-transport.ts";
import type { ContentStore } from "../store/index.ts";
import type { OracleConfig } from "./config.ts";
import type { OracleMetrics } from "./metrics.ts";
import { ClaimRelay } from "./claim-relay.ts";
import { ProgramSink } from "./program-sink.ts";

export const PROGRAM_VARIABLES: [name: string, meaning: string][] = [
  ["ORACLE_SIGNER_KEYSTORE / _PASSWORD / _PASSWORD_FILE", "this oracle's committee key (Web3 keystore v3); ORACLE_SIGNER_PRIVATE_KEY for development only"],
  ["ORACLE_RELAYER_KEYSTORE / _PASSWORD / _PASSWORD_FILE", "the key that pays for posting attestations (default: the signer key); ORACLE_RELAYER_PRIVATE_KEY for development only"],
  ["ORACLE_CONSUMER_READER_KEYS", "comma-separated X25519 public keys (0x + 64 hex) of the program's consumers: they can decrypt every submission"],
  ["ORACLE_AUDITOR_READER_KEYS", "comma-separated X25519 public keys of the program's auditors (view keys for the replay audit)"],
  ["READER_REGISTRY_ADDRESS", "the chain's ReaderKeyRegistry: the program's consumer and auditor keys and each committee member's key are read from it at every submission (added to the two lists above)"],
  ["ORACLE_POST_ATTESTATIONS", "1 (default): the relayer posts each signed attestation; 0: the oracle only signs, and contributors submit the attestation from their own wallets"],
  ["ORACLE_ATTESTATION_TTL_SECONDS", "how long a signed attestation stays valid (default 604800 = 7 days)"],
  ["ORACLE_RELAY_CLAIMS", "1 (default when the oracle posts attestations): contributors' signed claims are submitted at /claims/relay and the relayer key pays their gas (claim without gas); 0: not offered"],
  ["ORACLE_COMMITTEE_MEMBERS", "the other committee members' nodes (npx 1tt node), comma-separated signer=url, e.g. 0xAb…=http://10.0.0.2:8790: their reader keys get every data key and they are asked to co-sign"],
  ["ORACLE_COMMITTEE_TIMEOUT_MS", "how long one request to a member may take (default 60000); a member still replaying then answers the job's next attempt"],
];

type Env = Record<string, string | undefined>;

function readerKeys(env: Env, name: string): Hex[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  return raw.split(",").map((k, i) => {
    const key = k.trim();
    if (!isHex(key) || key.length !== 66) {
      throw new Error(`${name}: entry ${i + 1} "${key}" is not an X25519 public key (0x followed by 64 hex digits)`);
    }
    return key;
  });
}

/** The program's consumer and auditor reader keys (ORACLE_CONSUMER_READER_KEYS, ORACLE_AUDITOR_READER_KEYS). */
export function readersFromEnv(env: Env): { consumers: Hex[]; auditors: Hex[] } {
  return { consumers: readerKeys(env, "ORACLE_CONSUMER_READER_KEYS"), auditors: readerKeys(env, "ORACLE_AUDITOR_READER_KEYS") };
}

/** Builds what the service needs to run a program; throws with a message naming the variable at fault. */
export async function programSinkFromEnv(
  config: OracleConfig,
  env: Env,
  metrics: OracleMetrics | null = null,
): Promise<{ sink: (store: ContentStore) => ProgramSink; relayer: Relayer | null; claimRelay: ClaimRelay | null; members: MemberClient[] }> {
  const splitter = config.splitterAddress!;
  if (!config.rpcUrl) throw new Error("SPLITTER_ADDRESS is set but RPC_URL is not: the oracle needs the chain to read the committee and post attestations");
  const chain = defineChain({ id: config.chainId, name: `chain ${config.chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: parseRpcUrls(config.rpcUrl) } } });
  const signer = await loadAccountFromEnv("ORACLE_SIGNER", env);
  const post = (env.ORACLE_POST_ATTESTATIONS ?? "1").trim();
  if (post !== "0" && post !== "1") throw new Error(`ORACLE_POST_ATTESTATIONS must be 1 (post) or 0 (only sign; contributors submit) (got "${env.ORACLE_POST_ATTESTATIONS}")`);
  // Reads wait out a public endpoint's 429 and 503 answers. The relayer's requests are not retried
  // by the transport (the relayer decides what to resend, at which nonce and fee): each goes to the
  // first URL of RPC_URL that answers. A signed transaction sent to a second endpoint is the same
  // bytes and the same hash, so moving on when one is down never sends two transactions.
  const transport = rpcTransport(config.rpcUrl, { retryCount: 0 });
  const client = createPublicClient({ chain, transport: rpcTransport(config.rpcUrl) }) as PublicClient;
  const relayClaims = (env.ORACLE_RELAY_CLAIMS ?? post).trim();
  if (relayClaims !== "0" && relayClaims !== "1") throw new Error(`ORACLE_RELAY_CLAIMS must be 1 (relay signed claims) or 0 (got "${env.ORACLE_RELAY_CLAIMS}")`);
  if (relayClaims === "1" && post === "0") throw new Error("ORACLE_RELAY_CLAIMS=1 needs a relayer: it is off with ORACLE_POST_ATTESTATIONS=0");
  let relayer: Relayer | null = null;
  let claimRelay: ClaimRelay | null = null;
  if (post === "1") {
    const relayerSet = ["KEYSTORE", "PRIVATE_KEY"].some((k) => env[`ORACLE_RELAYER_${k}`]);
    const relayerAccount = relayerSet ? await loadAccountFromEnv("ORACLE_RELAYER", env) : signer;
    const wallet = createWalletClient({ chain, transport, account: relayerAccount });
    relayer = await Relayer.create({ client: wallet, splitter, log: AttemptLog.open(join(config.dataDir, "relayer.db"), { onStatus: metrics?.relayerAttempt }) });
    if (relayClaims === "1") claimRelay = new ClaimRelay({ wallet, client, chainId: config.chainId, splitter });
  }
  const ttl = Number(env.ORACLE_ATTESTATION_TTL_SECONDS ?? 604_800);
  if (!Number.isInteger(ttl) || ttl < 60) throw new Error(`ORACLE_ATTESTATION_TTL_SECONDS must be a whole number of seconds >= 60 (got ${env.ORACLE_ATTESTATION_TTL_SECONDS})`);
  const fromBlock = (env.SPLITTER_FROM_BLOCK ?? "0").trim();
  if (!/^\d+$/.test(fromBlock)) throw new Error(`SPLITTER_FROM_BLOCK must be the block number the splitter was created in, where its logs begin (got "${env.SPLITTER_FROM_BLOCK}"; deploy:env prints it)`);
  const { consumers, auditors } = readersFromEnv(env);
  const cosigners = committeeMembersFromEnv(env, { signer, chainId: config.chainId, splitter });
  const registry = await readerRegistryFromEnv(env, client, splitter);
  const publishedReaders = registry ? () => readProgramReaders(client, registry, splitter) : undefined;
  return {
    relayer,
    claimRelay,
    members: cosigners,
    sink: (store) => new ProgramSink({ store, chainId: config.chainId, splitter, client, signers: [signer], relayer, consumers, auditors, publishedReaders, attestationTtlSeconds: ttl, cosigners, fromBlock: BigInt(fromBlock) }),
  };
}

/** ORACLE_COMMITTEE_MEMBERS: one MemberClient per other member's node. */
export function committeeMembersFromEnv(env: Env, o: { signer: LocalAccount; chainId: number; splitter: Address }): MemberClient[] {
  const raw = env.ORACLE_COMMITTEE_MEMBERS?.trim();
  if (!raw) return [];
  const timeout = Number(env.ORACLE_COMMITTEE_TIMEOUT_MS ?? 60_000);
  if (!Number.isInteger(timeout) || timeout < 100) throw new Error(`ORACLE_COMMITTEE_TIMEOUT_MS must be a whole number of milliseconds >= 100 (got ${env.ORACLE_COMMITTEE_TIMEOUT_MS})`);
  return raw.split(",").map((entry, i) => {
    const [address, url] = entry.trim().split(/=(.*)/s, 2).map((p) => p.trim());
    let parsed: URL | null = null;
    try {
      parsed = new URL(url ?? "");
    } catch {
      parsed = null;
    }
    if (!address || !isAddress(address, { strict: false }) || !parsed || !/^https?:$/.test(parsed.protocol)) {
      throw new Error(`ORACLE_COMMITTEE_MEMBERS: entry ${i + 1} "${entry.trim()}" is not signer=url (a member's 0x signer address, '=', its node's http(s) URL)`);
    }
    return new MemberClient({ address: getAddress(address), url: parsed.toString(), signer: o.signer, chainId: o.chainId, splitter: o.splitter, timeoutMs: timeout });
  });
}

/** READER_REGISTRY_ADDRESS, checked by reading the program's readers from it once (null when unset). */
async function readerRegistryFromEnv(env: Env, client: PublicClient, splitter: Address): Promise<Address | null> {
  const raw = env.READER_REGISTRY_ADDRESS?.trim();
  if (!raw) return null;
  if (!isAddress(raw, { strict: false })) throw new Error(`READER_REGISTRY_ADDRESS must be the 0x address of the chain's ReaderKeyRegistry (got "${raw}")`);
  const registry = getAddress(raw);
  try {
    await readProgramReaders(client, registry, splitter);
  } catch (e) {
    const why = (e as { shortMessage?: string; message?: string }).shortMessage ?? (e as Error).message;
    throw new Error(`READER_REGISTRY_ADDRESS ${registry}: the program's reader keys cannot be read from it (${why}); is it the ReaderKeyRegistry of chain ${await client.getChainId().catch(() => "?")}?`);
  }
  return registry;
}

// Check 7 (needs the chain's ReaderKeyRegistry, --reader-registry; no key): every encrypted
// submission's key envelope (public JSON on IPFS, named by its manifest) lists every reader key
// that was published on chain for the program when the submission was attested: each consumer
// and auditor key, and for each member of the committee in force then, a `committee` entry with
// its signer address and the key it published. The keys in force at any moment are rebuilt from
// the registry's event logs (ProgramReadersSet, MemberReaderKeySet) and the splitter's
// CommitteeChanged events, in log order; the state rebuilt at the last block is compared with
// the registry's `readers` view, so a log scan that started too late is caught.
//
// The reference moment is the Attested event. The oracle seals a submission a little before its
// attestation lands (seconds when it posts itself; up to the attestation's validity when the
// contributor posts it), so a key published inside that window is reported missing although the
// oracle could not have known it: each finding names the block the key was published at.
// A published key that cannot receive a wrapped key (a low-order X25519 point) is required of no one.
// A program with encrypted submissions and no auditor key at the audited block fails: the replay
// that verifies the counts needs a key no committee member holds (creation does not enforce it:
// the registry is a separate contract the owner fills after deployment).
import { getAbiItem, getAddress, type Address, type Client, type Hex } from "viem";
import { getCode, iterateLogs } from "viem/actions";
import { readProgramReaders, type ProgramReaders } from "../attest/reader-keys.ts";
import { checkReaderPublicKey, type KeyEnvelope } from "../crypto/key-envelope.ts";
import { KeyEnvelopeUnreadableError } from "../manifest/errors.ts";
import { readKeyEnvelope } from "../manifest/read-key-envelope.ts";
import type { Manifest } from "../manifest/schema.ts";
import { readerKeyRegistryAbi } from "../protocol/abi.ts";
import type { ContentStore } from "../store/content-store.ts";
import { DEFAULT_PAGE_SIZE, findDeploymentBlock, type AttestedEvent, type History } from "./history.ts";
import { CheckBuilder, type CheckResult } from "./report.ts";

export { MAX_ENVELOPE_BYTES } from "../manifest/read-key-envelope.ts";

export interface AttestedManifest {
  cid: string;
  event: AttestedEvent;
  manifest: Manifest;
}

export interface CheckReadersParameters {
  history: History;
  /** The chain's ReaderKeyRegistry. */
  registry: Address;
  /** First block of the registry's logs. Default: its deployment block (bisection with eth_getCode). */
  fromBlock?: bigint;
  /** Blocks per eth_getLogs page. Default 2,000 (LOG_BLOCK_RANGE). */
  pageSize?: bigint;
  /** The attested manifests the manifest check could read, in event order. */
  manifests: readonly AttestedManifest[];
  store: ContentStore;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

const EVENTS = [getAbiItem({ abi: readerKeyRegistryAbi, name: "ProgramReadersSet" }), getAbiItem({ abi: readerKeyRegistryAbi, name: "MemberReaderKeySet" })] as const;

interface Position {
  blockNumber: bigint;
  logIndex: number;
}
type KeyEvent = Position &
  ({ kind: "program"; consumers: readonly Hex[]; auditors: readonly Hex[] } | { kind: "member"; signer: Address; key: Hex });

/** A key in force and the block it was published at. */
interface Published {
  key: Hex;
  since: bigint;
}

const before = (a: Position, b: Position) => a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex);
const lower = (k: string) => k.toLowerCase();
const usable = (key: Hex) => {
  try {
    checkReaderPublicKey(key);
    return true;
  } catch {
    return false;
  }
};

export async function checkReaders(client: Client, p: CheckReadersParameters): Promise<CheckResult> {
  const check = new CheckBuilder("readers");
  const { history } = p;
  const program = history.splitter;
  const toBlock = history.toBlock;
  check.figures.registry = getAddress(p.registry); // checksummed, however it was given

  if (((await getCode(client, { address: p.registry, blockNumber: toBlock })) ?? "0x") === "0x") {
    check.fail("readers.no_registry", `No contract at ${p.registry} at block ${toBlock}: it is not this chain's ReaderKeyRegistry (--reader-registry).`, p.registry);
    return check.result();
  }
  let onChain: ProgramReaders;
  try {
    onChain = await readProgramReaders(client, p.registry, program, { blockNumber: toBlock });
  } catch (err) {
    const why = (err as { shortMessage?: string; message?: string }).shortMessage ?? (err as Error).message;
    check.fail("readers.no_registry", `${p.registry} does not answer readers(${program}) at block ${toBlock} (${why}): it is not a ReaderKeyRegistry.`, p.registry);
    return check.result();
  }

  const fromBlock = p.fromBlock ?? (await findDeploymentBlock(client, p.registry, toBlock));
  const keyEvents: KeyEvent[] = [];
  let pages = 0;
  if (fromBlock <= toBlock) {
    for await (const page of iterateLogs(client, { address: p.registry, events: EVENTS, strict: true, fromBlock, toBlock, blockRange: p.pageSize ?? DEFAULT_PAGE_SIZE })) {
      p.signal?.throwIfAborted();
      pages++;
      for (const log of page.logs) {
        if (lower(log.args.program) !== lower(program)) continue;
        const position = { blockNumber: log.blockNumber, logIndex: log.logIndex };
        if (log.eventName === "ProgramReadersSet") keyEvents.push({ ...position, kind: "program", consumers: log.args.consumers, auditors: log.args.auditors });
        else keyEvents.push({ ...position, kind: "member", signer: log.args.signer, key: log.args.key });
      }
    }
  }

  // Walk the registry's events and the splitter's committee changes and attestations in log order.
  type Entry = (KeyEvent & { source: "registry" }) | (History["events"][number] & { source: "splitter" });
  const timeline: Entry[] = [
    ...keyEvents.map((e) => ({ ...e, source: "registry" as const })),
    ...history.events.filter((e) => e.kind === "committee" || e.kind === "attested").map((e) => ({ ...e, source: "splitter" as const })),
  ].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const at = (e: Position) => `${e.blockNumber}:${e.logIndex}`;
  const byEvent = new Map(p.manifests.map((m) => [at(m.event), m]));
  let consumers: Published[] = [];
  let auditors: Published[] = [];
  const memberKeys = new Map<string, Published>();
  let committee: readonly Address[] | null = null;
  /** Every key ever published as a consumer's, and whether a submission had a private envelope yet. */
  const everConsumer = new Set<string>();
  let splitSeen = false;
  const figures = { envelopesChecked: 0, clearText: 0, committeeUnknown: 0, readersRequired: 0 };
  let done = 0;

  for (const e of timeline) {
    if (e.source === "registry") {
      if (e.kind === "program") {
        consumers = e.consumers.map((key) => ({ key: lower(key) as Hex, since: e.blockNumber }));
        for (const k of consumers) everConsumer.add(k.key);
        auditors = e.auditors.map((key) => ({ key: lower(key) as Hex, since: e.blockNumber }));
      } else {
        memberKeys.set(lower(e.signer), { key: lower(e.key) as Hex, since: e.blockNumber });
      }
      continue;
    }
    if (e.kind === "committee") {
      committee = e.signers;
      continue;
    }
    if (e.kind !== "attested") continue;
    const submission = byEvent.get(at(e));
    if (!submission) continue; // unreadable manifest: the manifest check reports it
    p.signal?.throwIfAborted();
    const { cid, manifest } = submission;
    const what = `manifest ${cid} (${getAddress(e.contributor)} nonce ${e.nonce}, attested in block ${e.blockNumber})`;
    if (!manifest.data.encryption) {
      figures.clearText++;
      p.onProgress?.(++done, p.manifests.length);
      continue;
    }
    // Once a submission has a private envelope (the two-envelope split), every later one must: a
    // single envelope opens the raw files too. And while consumer keys are published, a single
    // envelope either leaves the consumers out or lets them read the raw data (PII included).
    const single = manifest.data.encryption.privateKeys === undefined;
    if (single && (splitSeen || consumers.some((k) => usable(k.key)))) {
      check.fail(
        "readers.missing_private_envelope",
        `${what} has one key envelope for everything (no privateKeys)${splitSeen ? ", though earlier submissions have the private envelope" : " while consumer keys are published"}: its raw files and report must have their own envelope, closed to consumers.`,
        cid,
      );
    }
    if (!single) splitSeen = true;
    // The filtered data's envelope must list every published reader; the raw files' and report's
    // (the only one, when the manifest has no private envelope) every one but the consumers, and no consumer key.
    const envelopes = [
      { cid: manifest.data.encryption.keys, consumers: single ? ("forbidden" as const) : ("required" as const) },
      ...(manifest.data.encryption.privateKeys === undefined ? [] : [{ cid: manifest.data.encryption.privateKeys, consumers: "forbidden" as const }]),
    ];
    let unreadable = false;
    const read: { cid: string; consumers: "required" | "forbidden"; envelope: KeyEnvelope }[] = [];
    for (const { cid: keysCid, consumers: rule } of envelopes) {
      try {
        read.push({ cid: keysCid, consumers: rule, envelope: await readKeyEnvelope(p.store, keysCid, { signal: p.signal }) });
      } catch (err) {
        const why = err instanceof KeyEnvelopeUnreadableError ? err.details : ((err as { shortMessage?: string }).shortMessage ?? (err as Error).message);
        check.fail("readers.envelope_unreadable", `The key envelope ${keysCid} of ${what} cannot be read: ${why}`, cid);
        unreadable = true;
      }
    }
    p.onProgress?.(++done, p.manifests.length);
    if (unreadable) continue;
    for (const { cid: keysCid, consumers: rule, envelope } of read) {
      figures.envelopesChecked++;
      const entries = envelope.readers.map((r) => ({ role: r.role, id: r.id === undefined ? undefined : lower(r.id), key: lower(r.publicKey) }));
      const lists = (role: string, key: string) => entries.some((r) => r.role === role && r.key === key);
      for (const [role, keys] of [["consumer", rule === "required" ? consumers : []], ["auditor", auditors]] as const) {
        for (const k of keys) {
          if (!usable(k.key)) continue;
          figures.readersRequired++;
          if (!lists(role, k.key)) check.fail(`readers.missing_${role}`, `The key envelope ${keysCid} of ${what} does not list the ${role} key ${k.key}, published on chain in block ${k.since}.`, cid);
        }
      }
      if (rule === "forbidden") {
        // By role, and by key: a consumer's key listed under another role opens the raw data all the same.
        for (const entry of entries.filter((r) => r.role === "consumer" || everConsumer.has(r.key))) {
          check.fail("readers.consumer_reads_raw", `The key envelope ${keysCid} of ${what}, which opens its raw files and report, lists the consumer key ${entry.key}: consumers read the filtered data only.`, cid);
        }
      }
      if (!committee) {
        figures.committeeUnknown++;
        continue;
      }
      for (const signer of committee) {
        const k = memberKeys.get(lower(signer));
        if (!k || !usable(k.key)) continue;
        figures.readersRequired++;
        const entry = entries.find((r) => r.role === "committee" && r.id === lower(signer));
        if (!entry || entry.key !== k.key) {
          check.fail(
            "readers.missing_member",
            `The key envelope ${keysCid} of ${what} does not list committee member ${getAddress(signer)} with the key it published on chain in block ${k.since} (${k.key})${entry ? `; it lists ${entry.key} for it` : ""}.`,
            cid,
          );
        }
      }
    }
  }

  // Auditors from day one: sealed data that no published auditor key can open can be replayed by
  // no one independent of the oracle and its committee.
  if (figures.envelopesChecked > 0 && !onChain.auditors.some((k) => usable(k))) {
    check.fail(
      "readers.no_auditor",
      `Program ${program} has encrypted submissions but no auditor reader key in the registry at block ${toBlock}: no one independent of the committee can replay its counts. The owner publishes one with setProgramReaders (npm start publishes one and prints its keystore).`,
      program,
    );
  }

  // The state the logs give at the last block must be the registry's own.
  const sameList = (a: Published[], b: readonly Hex[]) => a.length === b.length && a.every((k, i) => k.key === lower(b[i]!));
  if (!sameList(consumers, onChain.consumers) || !sameList(auditors, onChain.auditors)) {
    check.fail(
      "readers.state_mismatch",
      `The registry's logs from block ${fromBlock} give consumers [${consumers.map((k) => k.key).join(", ")}] and auditors [${auditors.map((k) => k.key).join(", ")}]; readers() says [${onChain.consumers.join(", ")}] and [${onChain.auditors.join(", ")}] at block ${toBlock}.`,
      p.registry,
    );
  }
  for (const m of onChain.members) {
    const fromLogs = memberKeys.get(lower(m.signer))?.key ?? null;
    if (fromLogs !== m.key) {
      check.fail("readers.state_mismatch", `The registry's logs from block ${fromBlock} give committee member ${m.signer} the key ${fromLogs ?? "none"}; readers() says ${m.key ?? "none"} at block ${toBlock}.`, m.signer);
    }
  }

  Object.assign(check.figures, {
    registryFromBlock: String(fromBlock),
    logPages: pages,
    keyEvents: keyEvents.length,
    consumers: onChain.consumers.length,
    auditors: onChain.auditors.length,
    membersWithKeys: onChain.members.filter((m) => m.key !== null).length,
    ...figures,
  });
  return check.result();
}

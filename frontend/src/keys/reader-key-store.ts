// The reader keys the page holds: in memory only, one per (chain, program, account), for as long
// as the page lives and the wallet stays on the same account. Nothing here is written to storage
// or sent anywhere; a signature a key came from is never kept at all. Plain module (no React), so
// every component sees the same keys through useSyncExternalStore and the logic tests run in Node.
import type { ReaderKeyPair } from "../../../oracle/crypto/index.ts";

export type ReaderKeySource = "wallet" | "keystore";

export interface HeldReaderKey {
  pair: ReaderKeyPair;
  /** 0x + 64 lowercase hex: the form the oracle and the key envelopes use. */
  publicKey: `0x${string}`;
  source: ReaderKeySource;
  /** The keystore's label, when the key came from a keystore file. */
  label?: string;
}

export interface ReaderKeySlot {
  chainId: number;
  /** The program: its RevenueSplitter address. */
  program: string;
  /** The connected account; undefined without a wallet (a keystore key can still be held). */
  account: string | undefined;
}

export const slotId = ({ chainId, program, account }: ReaderKeySlot): string => `${chainId}/${program.toLowerCase()}/${account?.toLowerCase() ?? "-"}`;

const held = new Map<string, HeldReaderKey>();
const pending = new Map<string, Promise<HeldReaderKey>>();
/** Accounts whose wallet signed the key message twice with the same result in this page session. */
const stableAccounts = new Set<string>();
let lastAccount: string | undefined | null = null;
let version = 0;
const listeners = new Set<() => void>();

function changed(): void {
  version++;
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever a key is held, forgotten or being derived (for useSyncExternalStore). */
export const storeVersion = (): number => version;

export const heldKey = (slot: ReaderKeySlot): HeldReaderKey | undefined => held.get(slotId(slot));

export const isPending = (slot: ReaderKeySlot): boolean => pending.has(slotId(slot));

export function holdKey(slot: ReaderKeySlot, key: HeldReaderKey): HeldReaderKey {
  const id = slotId(slot);
  const before = held.get(id);
  if (before && before.pair !== key.pair) wipe(before);
  held.set(id, key);
  changed();
  return key;
}

/**
 * The slot's key: the held one, or the one `make` produces. Concurrent callers (two download
 * buttons clicked at once) share one `make`, so the wallet is asked once.
 */
export function obtainKey(slot: ReaderKeySlot, make: () => Promise<HeldReaderKey>): Promise<HeldReaderKey> {
  const id = slotId(slot);
  const have = held.get(id);
  if (have) return Promise.resolve(have);
  const running = pending.get(id);
  if (running) return running;
  const started = make()
    .then((key) => {
      // The account may have changed while the wallet was asked: then the key is not kept.
      if (pending.get(id) === started) holdKey(slot, key);
      return key;
    })
    .finally(() => {
      if (pending.get(id) === started) {
        pending.delete(id);
        changed();
      }
    });
  pending.set(id, started);
  changed();
  return started;
}

export function forgetKey(slot: ReaderKeySlot): void {
  const id = slotId(slot);
  const key = held.get(id);
  if (!key) return;
  wipe(key);
  held.delete(id);
  changed();
}

/** Forgets every key (zeroing the private keys) and every derivation under way. */
export function forgetAll(): void {
  if (held.size === 0 && pending.size === 0) return;
  for (const key of held.values()) wipe(key);
  held.clear();
  pending.clear();
  changed();
}

/**
 * Tells the store which account the wallet is on. Any change (another account, a disconnect, a
 * first connection) forgets every key: a key belongs to the session of one account.
 */
export function noteAccount(account: string | undefined): void {
  const now = account?.toLowerCase();
  if (lastAccount !== null && lastAccount !== now) forgetAll();
  lastAccount = now;
}

export const isStableAccount = (account: string): boolean => stableAccounts.has(account.toLowerCase());
export const markStableAccount = (account: string): void => void stableAccounts.add(account.toLowerCase());

function wipe(key: HeldReaderKey): void {
  key.pair.privateKey.fill(0);
}

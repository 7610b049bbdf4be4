// Contributors' reader keys: the X25519 public key each signed-in address registered, so that the
// data key of every submission it uploads is wrapped for it too (oracle/crypto, role
// "contributor"). A wallet user's key is derived from a signature over readerKeyMessage (the dApp
// does this in the page; the private key never leaves it). Registering again replaces the key for
// future uploads; each job keeps the key it was uploaded with.
import type { DatabaseSync } from "node:sqlite";
import type { Address, Hex } from "viem";

export interface ReaderKeyRecord {
  address: Address;
  publicKey: Hex;
  registeredAt: number;
}

export class ReaderKeyStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get(address: Address): ReaderKeyRecord | null {
    const row = this.#db.prepare("SELECT address, public_key, registered_at FROM reader_keys WHERE address = ?").get(address) as
      | { address: Address; public_key: Hex; registered_at: number }
      | undefined;
    return row ? { address: row.address, publicKey: row.public_key, registeredAt: row.registered_at } : null;
  }

  /** Registers (or replaces) `address`'s key; `publicKey` must already be checked (0x + 64 hex, lowercase). */
  set(address: Address, publicKey: Hex): ReaderKeyRecord {
    const registeredAt = Date.now();
    this.#db
      .prepare("INSERT INTO reader_keys (address, public_key, registered_at) VALUES (?, ?, ?) ON CONFLICT(address) DO UPDATE SET public_key = excluded.public_key, registered_at = excluded.registered_at")
      .run(address, publicKey, registeredAt);
    return { address, publicKey, registeredAt };
  }
}

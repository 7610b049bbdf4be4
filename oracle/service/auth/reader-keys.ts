// Contributors' reader keys: the X25519 public key each signed-in address registered, so that the
// data key of every submission it uploads is wrapped for it too (oracle/crypto, role
// "contributor"). A wallet user's key is derived from a signature over readerKeyMessage (the dApp
// does this in the page; the private key never leaves it). Registering again replaces the key for
// future uploads; each job keeps the key it was uploaded with.
import type { Address, Hex } from "viem";
import type { Database } from "../database/database.ts";

export interface ReaderKeyRecord {
  address: Address;
  publicKey: Hex;
  registeredAt: number;
}

export class ReaderKeyStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async get(address: Address): Promise<ReaderKeyRecord | null> {
    const { rows } = await this.#db.query<{ address: Address; public_key: Hex; registered_at: number }>("SELECT address, public_key, registered_at FROM reader_keys WHERE address = $1", [address]);
    const row = rows[0];
    return row ? { address: row.address, publicKey: row.public_key, registeredAt: row.registered_at } : null;
  }

  /** Registers (or replaces) `address`'s key; `publicKey` must already be checked (0x + 64 hex, lowercase). */
  async set(address: Address, publicKey: Hex): Promise<ReaderKeyRecord> {
    const registeredAt = Date.now();
    await this.#db.query(
      "INSERT INTO reader_keys (address, public_key, registered_at) VALUES ($1, $2, $3) ON CONFLICT (address) DO UPDATE SET public_key = excluded.public_key, registered_at = excluded.registered_at",
      [address, publicKey, registeredAt],
    );
    return { address, publicKey, registeredAt };
  }
}

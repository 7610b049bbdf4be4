// The service's side of `1tt takeover` (oracle/cli/takeover.ts), run as its own process so the CLI,
// which contributors and auditors run to check the oracle, never loads the oracle's code:
//   node oracle/service/takeover-main.ts <member state folder> <new data folder>
// Exit 2 when the folders cannot be used as asked (TakeoverError), 1 on any other failure.
import { join, resolve } from "node:path";
import { meaningOf } from "../protocol/error-codes.ts";
import { OneTTError } from "../protocol/errors.ts";
import { takeOver } from "./takeover.ts";

const [state, dataDir] = process.argv.slice(2).map((p) => resolve(p));
try {
  const imported = await takeOver({ memberState: state, dataDir, databaseUrl: process.env.DATABASE_URL?.trim() || null });
  console.log(`imported ${imported} submissions into ${dataDir}; each is published again (posted only if not on chain yet).`);
  console.log(`start the new leader with this member's signer key and its copy of the content:`);
  console.log(`  ORACLE_DATA_DIR=${dataDir} CONTENT_STORE_DIR=${join(state, "ipfs")} ORACLE_SIGNER_KEYSTORE=… ORACLE_COMMITTEE_MEMBERS=<the other members> … npm run oracle`);
  console.log(`and point the other members' --gateway at it.`);
} catch (e) {
  console.error(`1tt takeover: ${(e as Error).message}`);
  process.exit(e instanceof OneTTError ? meaningOf(e.code).exit : 1);
}

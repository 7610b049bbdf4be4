// `npm run oracle:migrate-sqlite`: moves a data folder written by an oracle before PostgreSQL
// (its oracle.db) into the database the oracle now uses: the embedded one in ORACLE_DATA_DIR, or
// DATABASE_URL's. Run it once, with the oracle stopped; the oracle refuses to start until it has.
import { join } from "node:path";
import { ConfigErrors, loadConfig } from "./config.ts";
import { Database } from "./database/database.ts";
import { importSqlite } from "./database/from-sqlite.ts";

try {
  const config = loadConfig(process.env);
  const db = await Database.open({ url: config.databaseUrl, embeddedDir: join(config.dataDir, "postgres") });
  try {
    const moved = await importSqlite(config.dataDir, db);
    process.stdout.write(`moved ${moved.jobs} jobs, ${moved.sessions} sessions and ${moved.readerKeys} reader keys from ${join(config.dataDir, "oracle.db")} into ${db.location}; oracle.db is deleted.\n`);
  } finally {
    await db.close();
  }
} catch (e) {
  process.stderr.write(`1tt oracle:migrate-sqlite: ${e instanceof ConfigErrors ? e.message : (e as Error).message}\n`);
  process.exit(1);
}

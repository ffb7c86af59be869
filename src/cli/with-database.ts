import type { Database, Db } from '../db/client';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { loadConfig } from '../server/config';

/** Opens the configured database (migrated), runs one command, and closes it. */
export async function withDatabase(run: (db: Db, database: Database) => Promise<void>): Promise<void> {
  const database = await openDatabase(loadConfig().database);
  try {
    await migrateDatabase(database);
    await run(database.db, database);
  } finally {
    await database.close();
  }
}

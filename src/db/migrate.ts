import { join } from 'node:path';
import { packageRoot } from '../package-root';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client';

export const migrationsFolder = join(packageRoot, 'src/db/migrations');

/** Any fixed number; it only has to be the same in every process. */
const MIGRATION_LOCK_KEY = 7_370_105;

/**
 * Applies the committed migrations; idempotent. On PostgreSQL several servers
 * may start at once, so an advisory lock lets one migrate while the others wait.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.engine === 'embedded') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

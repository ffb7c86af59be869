import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { freshDatabaseName, withDatabaseName } from './pg-names';
import { testEngine } from './test-database';

/**
 * A database that a CLI process and the test can take turns on: a data folder
 * for the embedded engine (one process at a time), a fresh PostgreSQL database
 * otherwise. `env` is what the CLI needs to find it.
 */
export async function createCliDatabase() {
  if (testEngine === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'offerline-cli-'));
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      open: async (): Promise<Database> => {
        const db = await openDatabase({ engine: 'embedded', dataDir });
        await migrateDatabase(db);
        return db;
      },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = freshDatabaseName();
  const admin = await openDatabase({ engine: 'postgres', url: process.env.DATABASE_URL!, poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = withDatabaseName(process.env.DATABASE_URL!, name);
  return {
    env: { DATABASE_URL: url },
    open: async (): Promise<Database> => {
      const db = await openDatabase({ engine: 'postgres', url });
      await migrateDatabase(db);
      return db;
    },
    dispose: async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

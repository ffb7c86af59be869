import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { freshDatabaseName, withDatabaseName } from './pg-names';

export type TestEngine = 'embedded' | 'postgres';
export const testEngine = (process.env.OFFERLINE_TEST_ENGINE ?? 'embedded') as TestEngine;

/** A fresh, migrated database for one test file, on the engine its project names. */
export async function createTestDatabase(): Promise<Database> {
  if (testEngine === 'embedded') {
    const dump = readFileSync(inject('pgliteTemplate'));
    return openDatabase({ engine: 'embedded-memory', loadDataDir: new Blob([dump]) });
  }
  const url = process.env.DATABASE_URL!;
  const name = freshDatabaseName();
  const admin = await openDatabase({ engine: 'postgres', url, poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  const database = await openDatabase({ engine: 'postgres', url: withDatabaseName(url, name) });
  return {
    ...database,
    async close() {
      await database.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

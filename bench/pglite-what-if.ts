import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Database, Db } from '../src/db/client';
import { lockDataDir } from '../src/db/data-dir-lock';
import * as schema from '../src/db/schema';

/**
 * The embedded engine as src/db/client.ts opens it, plus postgresql.conf lines
 * (e.g. "shared_buffers=32MB"). Only for what-if runs (BENCH_PGLITE_CONF): it
 * shows what a setting would buy before anyone changes the product.
 */
export async function openEmbeddedWithConf(dataDir: string, conf: string[]): Promise<Database> {
  const lock = lockDataDir(dataDir);
  try {
    const client = await PGlite.create({ dataDir: join(dataDir, 'pg'), postgresqlconf: conf });
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      engine: 'embedded',
      pglite: client,
      exec: async (text) => void (await client.exec(text)),
      close: async () => {
        try {
          await client.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

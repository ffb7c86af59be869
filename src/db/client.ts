import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';
import { lockDataDir } from './data-dir-lock';
import { packageRoot } from '../package-root';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  engine: 'embedded' | 'postgres';
  /** Runs a raw statement; for migrations, maintenance and tests. */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** Present on PostgreSQL, for work that needs one session (advisory locks). */
  pool?: pg.Pool;
  /** Present on the embedded engine (dumps for fast test set-up). */
  pglite?: PGlite;
}

export type DatabaseOptions =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'embedded'; dataDir: string }
  /** In memory, optionally from a dump of an already migrated database (fast test set-up). */
  | { engine: 'embedded-memory'; loadDataDir?: Blob | File };

/**
 * PGlite starts PostgreSQL with 160 MB of shared buffers, all of it inside the
 * process's WebAssembly memory. One team's offers fit in far less, and 32 MB
 * brings the server's peak RSS down by ~120 MB at no measured cost in
 * throughput (docs/performance.md).
 */
const EMBEDDED_CONF = ['shared_buffers=32MB'];

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (env.DATABASE_URL) return { engine: 'postgres', url: env.DATABASE_URL };
  return { engine: 'embedded', dataDir: env.DATA_DIR ?? './data' };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection the server ends (restart, pg_terminate_backend, DROP DATABASE ... FORCE)
    // is emitted on the pool; without a listener that 'error' event would crash the process.
    // The pool has already discarded the connection and opens a new one for the next query.
    pool.on('error', () => {});
    // Fail fast on a wrong URL instead of at the first request.
    await pool.query('select 1');
    return {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      engine: 'postgres',
      pool,
      exec: async (text) => void (await pool.query(text)),
      close: () => pool.end(),
    };
  }
  if (options.engine === 'embedded-memory') {
    const client = await PGlite.create({ loadDataDir: options.loadDataDir });
    return wrapPglite(client, () => {});
  }
  const lock = lockDataDir(options.dataDir);
  try {
    initializeDataDirOnce(join(options.dataDir, 'pg'));
    const client = await PGlite.create({ dataDir: join(options.dataDir, 'pg'), postgresqlconf: EMBEDDED_CONF });
    return wrapPglite(client, () => lock.release());
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** A new folder is initialised in a child process, so the server never carries initdb's memory. */
function initializeDataDirOnce(pgDir: string) {
  if (existsSync(join(pgDir, 'PG_VERSION'))) return;
  const script = join(packageRoot, 'src/db/init-embedded-data-dir.mjs');
  const result = spawnSync(process.execPath, [script, pgDir], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Could not create the embedded database in ${pgDir}: ${result.stderr || result.error?.message}`);
}

function wrapPglite(client: PGlite, onClose: () => void): Database {
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    engine: 'embedded',
    pglite: client,
    exec: async (text) => void (await client.exec(text)),
    close: async () => {
      try {
        await client.close();
      } finally {
        onClose();
      }
    },
  };
}

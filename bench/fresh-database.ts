import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { deferCleanup } from './cleanup';
import type { BenchEngine, DatabaseTarget } from './protocol';

/**
 * A fresh, empty database for the engine, so a run never sees or leaves data
 * elsewhere: a new temp folder for PGlite, or a new database on the server at
 * `adminUrl`. Registered for removal however the run ends.
 */
export async function freshDatabase(
  engine: BenchEngine,
  opts: { adminUrl?: string; pgliteConf: string[] },
): Promise<{ target: DatabaseTarget; remove: () => Promise<void> }> {
  if (engine === 'embedded') {
    const dataDir = await mkdtemp(join(tmpdir(), 'offerline-bench-'));
    return { target: { engine, dataDir, pgliteConf: opts.pgliteConf }, remove: deferCleanup(() => rm(dataDir, { recursive: true, force: true })) };
  }
  if (!opts.adminUrl) throw new Error('PostgreSQL needs DATABASE_URL');
  // Hex only after a fixed prefix, so the name is safe to splice into DDL.
  const name = `offerline_bench_${randomBytes(6).toString('hex')}`;
  const adminUrl = opts.adminUrl;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  return { target: { engine, url: url.toString() }, remove: deferCleanup(drop) };
}

async function withAdmin<T>(adminUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client';
import { migrationsFolder } from '../db/migrate';
import { problem } from './problem';

/** The creation time (folderMillis) of the newest committed migration; drizzle records it per applied one. */
export function latestMigrationMillis(folder = migrationsFolder): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

export type Readiness = { ready: true } | { ready: false; reason: string };

/** Whether this process can serve: the database answers, and every committed migration is applied. */
export async function checkReadiness(database: Database, latest: number): Promise<Readiness> {
  try {
    await database.db.execute(sql`select 1`);
  } catch {
    return { ready: false, reason: 'The database does not answer.' };
  }
  let applied: number;
  try {
    const result = (await database.db.execute(sql`select max(created_at) as latest from drizzle.__drizzle_migrations`)) as unknown as {
      rows: { latest: string | number | null }[];
    };
    applied = Number(result.rows[0]?.latest ?? 0);
  } catch {
    return { ready: false, reason: 'The database has no migrations applied.' };
  }
  if (applied < latest) return { ready: false, reason: 'The database is missing migrations; run offerline migrate or restart the server to apply them.' };
  return { ready: true };
}

/**
 * GET /api/health answers while the process runs (liveness); GET /api/ready only when it can
 * serve requests (the database answers and is fully migrated), 503 problem+json otherwise.
 */
export function registerReadiness(app: FastifyInstance, database: Database) {
  const latest = latestMigrationMillis();
  app.get('/api/ready', { schema: { hide: true } }, async (req, reply) => {
    const state = await checkReadiness(database, latest);
    if (state.ready) return { ready: true, engine: database.engine };
    req.log.warn({ reason: state.reason }, 'not ready');
    return reply.code(503).header('retry-after', '5').type('application/problem+json').send(problem(503, 'not_ready', state.reason));
  });
}

import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client';

/** The server's own version string, so results say which PostgreSQL (or PGlite build) produced them. */
export async function databaseVersion(database: Database): Promise<string> {
  // Both drivers return an object with `rows` for execute().
  const result = (await database.db.execute(sql`select version() as v`)) as unknown as { rows: { v: string }[] };
  return result.rows[0]?.v ?? 'unknown';
}

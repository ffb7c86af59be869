/**
 * `node --import tsx bench/history-generate.ts`: generates a large offer history into its own
 * PostgreSQL database for the status board and metrics benchmark (bench/board-metrics.ts).
 *
 * One organisation (6 business units, 42 departments, 120 recruiters) holds every offer, created
 * over 4.5 years up to now with 3x growth, so the last 90 days hold a realistic slice and 2-5%
 * of offers are still open. The history is src/seed/history: deterministic for a seed.
 *
 * The database (HISTORY_DB, default offerline_bench_history) is dropped and re-created on the
 * server of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; that database is
 * only used to create this one) and migrated with the app's migrations. For the load only, the
 * secondary indexes of the tables written are dropped and re-created afterwards from their own
 * definitions, and each writing session skips foreign-key triggers (session_replication_role =
 * replica) and waits for no WAL flush (synchronous_commit = off); the test of the generator
 * (test/seed/history.int.test.ts) writes with every constraint on. Then VACUUM ANALYZE.
 *
 * Knobs (environment): HISTORY_OFFERS (1000000), HISTORY_DB, HISTORY_SEED (20261125),
 * HISTORY_LANES (2: connections writing batches concurrently), HISTORY_BATCH (1000 offers).
 * Prints a progress line, the elapsed time and the table sizes; writes bench/results/history-generate.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { createHistoryContext } from '../src/seed/history/history-context';
import { historyTables, writeOffers, writeOrganisation, type Execute } from '../src/seed/history/writer';
import { readMachine, readRevision } from './machine';

const OFFERS = Number(process.env.HISTORY_OFFERS ?? 1_000_000);
const DB_NAME = process.env.HISTORY_DB ?? 'offerline_bench_history';
const SEED = Number(process.env.HISTORY_SEED ?? 20_261_125);
const LANES = Number(process.env.HISTORY_LANES ?? 2);
const BATCH = Number(process.env.HISTORY_BATCH ?? 1_000);
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME) || ['postgres', 'test', 'root', 'template0', 'template1'].includes(DB_NAME)) {
  throw new Error(`HISTORY_DB must be a plain lowercase name of a database of its own, got "${DB_NAME}"`);
}

export function databaseUrl(name = DB_NAME): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

async function main() {
  const started = performance.now();
  const ctx = createHistoryContext({ count: OFFERS, seed: SEED, slug: 'bench' });
  console.log(`Generating ${OFFERS.toLocaleString('en-US')} offers into ${DB_NAME} (seed ${SEED}, ${LANES} lanes, batches of ${BATCH}); history ends ${new Date(ctx.now).toISOString()}`);

  await withClient(ADMIN_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB_NAME}`);
  });
  const url = databaseUrl();
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 });
  await migrateDatabase(database);
  await database.close();

  const lanes: pg.Client[] = [];
  for (let i = 0; i < LANES; i++) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("SET session_replication_role = 'replica'");
    await c.query('SET synchronous_commit = off');
    lanes.push(c);
  }
  const executors: Execute[] = lanes.map((c) => (text, params) => c.query(text, params as unknown[]));
  const admin = lanes[0]!;

  // Secondary indexes of the tables written, dropped for the load and re-created after it.
  const { rows: indexes } = await admin.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname AND k.contype = 'p')`,
    [historyTables],
  );
  for (const ix of indexes) await admin.query(`DROP INDEX ${ix.name}`);

  await writeOrganisation(executors[0]!, ctx);
  const loadStarted = performance.now();
  let lastLine = 0;
  const progress = await writeOffers(executors, ctx, {
    batchSize: BATCH,
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastLine < 1000 && p.offers < OFFERS) return;
      lastLine = now;
      const elapsed = (now - loadStarted) / 1000;
      const rate = p.offers / elapsed;
      const eta = rate > 0 ? (OFFERS - p.offers) / rate : 0;
      process.stderr.write(
        `\r  ${p.offers.toLocaleString('en-US')} / ${OFFERS.toLocaleString('en-US')} offers, ${p.journalRows.toLocaleString('en-US')} journal rows, ${Math.round(rate)} offers/s, ${Math.round(elapsed)} s elapsed, ~${Math.round(eta)} s to go   `,
      );
    },
  });
  process.stderr.write('\n');
  const loadMs = performance.now() - loadStarted;
  console.log(`Rows written in ${seconds(loadMs)} s. Re-creating ${indexes.length} indexes...`);

  const indexStarted = performance.now();
  await admin.query("SET maintenance_work_mem = '1GB'");
  // Two at a time, one per lane (the machine has two cores).
  const queue = [...indexes];
  await Promise.all(
    lanes.map(async (c) => {
      await c.query("SET maintenance_work_mem = '1GB'");
      for (let ix = queue.shift(); ix; ix = queue.shift()) await c.query(ix.def);
    }),
  );
  const indexMs = performance.now() - indexStarted;
  const analyzeStarted = performance.now();
  await admin.query('VACUUM ANALYZE');
  const analyzeMs = performance.now() - analyzeStarted;

  const { rows: sizes } = await admin.query<{ table: string; rows: string; total: string; heap: string; indexes: string }>(
    `SELECT c.relname AS table, c.reltuples::bigint AS rows,
       pg_size_pretty(pg_total_relation_size(c.oid)) AS total, pg_size_pretty(pg_relation_size(c.oid)) AS heap,
       pg_size_pretty(pg_indexes_size(c.oid)) AS indexes
     FROM pg_class c WHERE c.relkind = 'r' AND c.relname = ANY($1) ORDER BY pg_total_relation_size(c.oid) DESC`,
    [historyTables],
  );
  const { rows: [dbSize] } = await admin.query<{ size: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS size');
  const { rows: open } = await admin.query<{ status: string; n: string }>(
    `SELECT status, count(*) AS n FROM offer_stage_intervals WHERE left_at IS NULL GROUP BY status ORDER BY count(*) DESC`,
  );
  for (const c of lanes) await c.end();

  const totalMs = performance.now() - started;
  console.log(`\nDone in ${seconds(totalMs)} s: rows ${seconds(loadMs)} s, indexes ${seconds(indexMs)} s, VACUUM ANALYZE ${seconds(analyzeMs)} s.`);
  console.log(`${progress.offers.toLocaleString('en-US')} offers, ${progress.journalRows.toLocaleString('en-US')} journal rows; database ${dbSize!.size}.`);
  console.table(sizes);
  console.log('Offers by current stage (open intervals):', Object.fromEntries(open.map((r) => [r.status, Number(r.n)])));
  const result = {
    generatedAt: new Date().toISOString(),
    revision: readRevision(),
    machine: readMachine(),
    settings: { offers: OFFERS, seed: SEED, lanes: LANES, batch: BATCH, database: DB_NAME, historyEnds: new Date(ctx.now).toISOString() },
    seconds: { total: seconds(totalMs), rows: seconds(loadMs), indexes: seconds(indexMs), vacuumAnalyze: seconds(analyzeMs) },
    offers: progress.offers,
    journalRows: progress.journalRows,
    databaseSize: dbSize!.size,
    tables: sizes,
    openByStage: Object.fromEntries(open.map((r) => [r.status, Number(r.n)])),
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/history-generate.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  console.log('Wrote bench/results/history-generate.json.');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}

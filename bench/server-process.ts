/**
 * A server process for the bench, apart from the load generator so that its
 * RSS and CPU are its own. Runs one task (see ChildTask) and talks to the
 * parent over IPC. By default it is bundled and run like `npm start` (see
 * server-child.ts).
 */
import { getHeapStatistics } from 'node:v8';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { buildApp } from '../src/server/app';
import { createOrgFixture, csrfHeader, signIn, validTerms } from '../test/helpers/factories';
import { createBareTable, registerBareRoute } from './bare-route';
import { createCpuProfiler } from './cpu-profiler';
import { readRss } from './proc';
import type { ChildMessage, ChildTask, DatabaseTarget, ParentMessage, PreparedData, ServerMemory } from './protocol';
import { countPgStatements, statementsPerRequest } from './statement-count';

const send = (msg: ChildMessage) => new Promise<void>((resolve) => process.send!(msg, () => resolve()));

/**
 * For a what-if run (BENCH_PGLITE_CONF), adds postgresql.conf lines after the
 * product's own when src/db/client.ts calls PGlite.create, so everything else
 * about the open stays the product's code. Later lines win in postgresql.conf.
 */
function addPgliteConf(extra: string[]): void {
  const create = PGlite.create.bind(PGlite) as (options: PGliteOptions) => Promise<PGlite>;
  (PGlite as unknown as { create: typeof create }).create = (options) => {
    const own = typeof options.postgresqlconf === 'string' ? [options.postgresqlconf] : (options.postgresqlconf ?? []);
    return create({ ...options, postgresqlconf: [...own, ...extra] });
  };
}

/** The product's own open, as `offerline serve` does it. */
function open(t: DatabaseTarget): Promise<Database> {
  if (t.engine === 'postgres') return openDatabase({ engine: 'postgres', url: t.url });
  return openDatabase({ engine: 'embedded', dataDir: t.dataDir });
}

/** One organisation from the test factories, so the bench sends what the tests send. */
async function prepare(database: Database): Promise<PreparedData> {
  await migrateDatabase(database);
  await createBareTable(database);
  const fx = await createOrgFixture(database.db, 'bench');
  // The bare route gets the same bytes, so parsing costs match.
  const createBody = JSON.stringify({ candidateId: fx.candidateId, requisitionId: fx.requisitionId, terms: validTerms(fx, new Date()) });
  const app = await buildApp({ database });
  try {
    const cookie = await signIn(app, fx.users.recruiter.email);
    return { orgId: fx.orgId, authHeaders: { cookie, ...csrfHeader }, createBody };
  } finally {
    await app.close();
  }
}

/** The server's own version string and shared_buffers, so results say what produced them. */
async function databaseSettings(database: Database): Promise<{ version: string; sharedBuffers: string }> {
  // Both drivers return an object with `rows` for execute().
  const result = (await database.db.execute(sql`select version() as v, current_setting('shared_buffers') as sb`)) as unknown as {
    rows: { v: string; sb: string }[];
  };
  return { version: result.rows[0]?.v ?? 'unknown', sharedBuffers: result.rows[0]?.sb ?? 'unknown' };
}

function serverMemory(database: Database): ServerMemory {
  // `mod` is PGlite's Emscripten module; not in its types, but the only way to see the WASM heap size.
  const mod = (database.pglite as unknown as { mod?: { HEAPU8: Uint8Array } } | undefined)?.mod;
  return {
    usage: process.memoryUsage(),
    heapPhysicalBytes: getHeapStatistics().total_physical_size,
    wasmMemoryBytes: mod ? mod.HEAPU8.buffer.byteLength : null,
  };
}

/** Default logger (off) and clock: a production server minus request logging. */
async function serve(database: Database, prepared: PreparedData, counter: { read(): number; stop(): void } | null): Promise<FastifyInstance> {
  const app = await buildApp({ database });
  registerBareRoute(app, database, prepared.orgId);
  const queriesPerRequest = counter ? await statementsPerRequest(app, prepared.authHeaders, prepared.createBody, counter) : null;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const settings = await databaseSettings(database);
  await send({
    type: 'ready',
    port: address.port,
    databaseVersion: settings.version,
    sharedBuffers: settings.sharedBuffers,
    queriesPerRequest,
    startMs: Math.round(performance.now()),
  });
  return app;
}

async function main() {
  const task = JSON.parse(process.argv[2]!) as ChildTask;
  const counter = task.mode === 'serve' && task.target.engine === 'postgres' ? countPgStatements() : null;
  if (task.mode === 'serve' && task.target.engine === 'embedded' && task.target.pgliteConf.length) addPgliteConf(task.target.pgliteConf);
  const database = await open(task.target);
  if (task.mode === 'prepare') {
    let prepared: PreparedData;
    try {
      prepared = await prepare(database);
    } finally {
      await database.close();
    }
    // Read here, not by the parent: this process is about to exit.
    const peakRssMb = readRss(process.pid)?.hwmMb ?? NaN;
    await send({ type: 'prepared', prepared, ms: Math.round(performance.now()), peakRssMb });
    process.exit(0);
  }
  let app: FastifyInstance | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app?.close();
    await database.close();
    process.exit(0);
  };
  // An orphaned server would keep its port and, on the embedded engine, the data folder lock.
  process.on('disconnect', () => void stop());
  const profiler = createCpuProfiler();
  process.on('message', async (msg: ParentMessage) => {
    if (msg.type === 'memory') await send({ type: 'memory', memory: serverMemory(database) });
    if (msg.type === 'profile-start') await profiler.start().then(() => send({ type: 'profiling' }));
    if (msg.type === 'profile-stop') await profiler.stop(msg.file).then(() => send({ type: 'profiled' }));
    if (msg.type === 'stop') await stop();
  });
  app = await serve(database, task.prepared, counter);
}

main().catch(async (err: unknown) => {
  await send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});

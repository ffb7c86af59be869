/**
 * A server process for the bench, apart from the load generator so that its
 * RSS and CPU are its own. Runs one task (see ChildTask) and talks to the
 * parent over IPC.
 */
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { buildApp } from '../src/server/app';
import { signIn } from '../test/helpers/factories';
import { createBareTable, registerBareRoute } from './bare-route';
import { createBenchOrg } from './bench-fixture';
import type { ChildMessage, ChildTask, DatabaseTarget, ParentMessage, PreparedData } from './protocol';
import { createCpuProfiler } from './cpu-profiler';
import { openEmbeddedWithConf } from './pglite-what-if';
import { countPgQueries } from './query-counter';
import { measureQueriesPerRequest } from './queries-per-request';
import { databaseVersion } from './database-version';
import { readRss } from './rss-sampler';
import { serverMemory } from './server-memory';

const send = (msg: ChildMessage) => new Promise<void>((resolve) => process.send!(msg, () => resolve()));

function open(t: DatabaseTarget): Promise<Database> {
  if (t.engine === 'postgres') return openDatabase({ engine: 'postgres', url: t.url });
  if (t.pgliteConf.length) return openEmbeddedWithConf(t.dataDir, t.pgliteConf);
  return openDatabase({ engine: 'embedded', dataDir: t.dataDir });
}

async function prepare(database: Database): Promise<PreparedData> {
  await migrateDatabase(database);
  await createBareTable(database);
  const { fx, createBody } = await createBenchOrg(database.db);
  const app = await buildApp({ database });
  try {
    return { orgId: fx.orgId, cookie: await signIn(app, fx.users.recruiter.email), createBody };
  } finally {
    await app.close();
  }
}

/** Default logger (off) and clock: a production server minus request logging. */
async function serve(database: Database, prepared: PreparedData, counter: { read(): number } | null): Promise<FastifyInstance> {
  const app = await buildApp({ database });
  registerBareRoute(app, database, prepared.orgId);
  const queriesPerRequest = counter ? await measureQueriesPerRequest(app, prepared.cookie, prepared.createBody, counter) : null;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  await send({ type: 'ready', port: address.port, databaseVersion: await databaseVersion(database), queriesPerRequest, startMs: Math.round(performance.now()) });
  return app;
}

async function main() {
  const task = JSON.parse(process.argv[2]!) as ChildTask;
  const counter = task.mode === 'serve' && task.target.engine === 'postgres' ? countPgQueries() : null;
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

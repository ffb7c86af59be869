import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deferCleanup } from './cleanup';
import { runBare, runCreateSubmit, type LoadSettings, type MeasureHooks, type ScenarioResult } from './load';
import { createPostgresDatabase } from './postgres-database';
import type { BenchEngine, DatabaseTarget, ReadyMessage, ServerMemory } from './protocol';
import { readCpuSeconds } from './proc-cpu';
import { readRss, sampleRss } from './rss-sampler';
import { prepareDatabase, startServer, type ServerChild } from './server-child';
import type { Launch, ServerRuntime } from './server-runtime';

/** RSS split by the server's own accounting; `restMb` is what neither V8's heap nor PGlite's WASM memory explains. */
export interface MemoryBreakdown {
  rssMb: number;
  jsHeapResidentMb: number;
  jsHeapUsedMb: number;
  /** Allocated size; not all of it need be resident, so restMb is a lower bound. */
  wasmMemoryMb: number | null;
  restMb: number;
}

export interface MemoryResult {
  /** VmHWM of the process that initialised the empty database (first start: PGlite initdb, migrations). */
  firstStartPeakRssMb: number;
  /** Sampled every 100 ms from /proc during each measured phase (warm-up included). */
  peakRssBareMb: number;
  peakRssOffersMb: number;
  /** VmHWM: the highest RSS of the server process over its whole life. */
  lifetimePeakRssMb: number;
  /** Listening on the prepared database, before any load. */
  idle: MemoryBreakdown;
  /** After the last measured run. */
  end: MemoryBreakdown;
}

export interface EngineResult {
  engine: BenchEngine;
  /** Non-empty only in what-if runs: postgresql.conf lines the product does not set. */
  pgliteConf: string[];
  /** 'tsx' is how the product runs; 'bundle' is a what-if. */
  runtime: ServerRuntime;
  /** NODE_OPTIONS the server ran with (e.g. a V8 heap setting); empty as the product runs. */
  nodeOptions: string;
  databaseVersion: string;
  prepareMs: number;
  serverStartMs: number;
  queriesPerRequest: ReadyMessage['queriesPerRequest'];
  bare: ScenarioResult;
  offers: ScenarioResult;
  /** CPU of the server process during each measured run; 100 = one core. */
  serverCpuPercent: { bare: number; offers: number };
  /** Offer-route requests per second divided by bare requests per second. */
  ratio: number;
  memory: MemoryResult;
}

const mb = (bytes: number) => bytes / 1024 ** 2;

function breakdown(m: ServerMemory): MemoryBreakdown {
  const wasm = m.wasmMemoryBytes === null ? null : mb(m.wasmMemoryBytes);
  const rss = mb(m.usage.rss);
  const heap = mb(m.heapPhysicalBytes);
  return { rssMb: rss, jsHeapResidentMb: heap, jsHeapUsedMb: mb(m.usage.heapUsed), wasmMemoryMb: wasm, restMb: rss - heap - (wasm ?? 0) };
}

/** A fresh, empty database for the engine, registered for removal however the run ends. */
async function freshDatabase(engine: BenchEngine, opts: EngineOptions): Promise<{ target: DatabaseTarget; remove: () => Promise<void> }> {
  if (engine === 'embedded') {
    const dataDir = await mkdtemp(join(tmpdir(), 'offerline-bench-'));
    return { target: { engine, dataDir, pgliteConf: opts.pgliteConf ?? [] }, remove: deferCleanup(() => rm(dataDir, { recursive: true, force: true })) };
  }
  if (!opts.adminUrl) throw new Error('PostgreSQL needs DATABASE_URL');
  const db = await createPostgresDatabase(opts.adminUrl);
  return { target: { engine, url: db.url }, remove: deferCleanup(db.drop) };
}

/**
 * Around each measured run: the server's CPU use (100% = one core busy; above
 * 100% means more than one thread worked), and a CPU profile when asked.
 */
function measureHooks(server: ServerChild, engine: BenchEngine, profileDir: string | undefined, cpuPercent: Map<string, number>): MeasureHooks {
  let cpuBefore = 0;
  let startedAt = 0;
  return {
    async before() {
      if (profileDir) await server.startProfile();
      cpuBefore = readCpuSeconds(server.pid) ?? NaN;
      startedAt = performance.now();
    },
    async after(scenario) {
      const seconds = (performance.now() - startedAt) / 1000;
      cpuPercent.set(scenario, (((readCpuSeconds(server.pid) ?? NaN) - cpuBefore) / seconds) * 100);
      if (profileDir) await server.stopProfile(join(profileDir, `${engine}-${scenario.replace(/\W+/g, '-')}.cpuprofile`));
    },
  };
}

export interface EngineOptions {
  adminUrl?: string;
  profileDir?: string;
  /** What-if postgresql.conf lines for the embedded engine (BENCH_PGLITE_CONF). */
  pgliteConf?: string[];
  runtime: ServerRuntime;
  launch: Launch;
}

/** One engine: fresh database, prepare, server process, bare run, offer run, memory, clean-up. */
export async function runEngine(engine: BenchEngine, settings: LoadSettings, opts: EngineOptions): Promise<EngineResult> {
  const { target, remove } = await freshDatabase(engine, opts);
  try {
    const prep = await prepareDatabase(target);
    const server = await startServer(target, prep.prepared, opts.launch);
    // Registered after the database, so it runs first: the server must let go before its database is removed.
    const stopServer = deferCleanup(server.stop);
    const sampler = sampleRss(server.pid);
    try {
      const idle = breakdown(await server.memory());
      sampler.takePeak();
      const cpuPercent = new Map<string, number>();
      const hooks = measureHooks(server, engine, opts.profileDir, cpuPercent);
      const bare = await runBare(prep.prepared, server.ready, settings, hooks);
      const peakRssBareMb = sampler.takePeak();
      const offers = await runCreateSubmit(prep.prepared, server.ready, settings, hooks);
      const peakRssOffersMb = sampler.takePeak();
      const end = breakdown(await server.memory());
      const lifetimePeakRssMb = readRss(server.pid)?.hwmMb ?? NaN;
      return {
        engine,
        pgliteConf: target.engine === 'embedded' ? target.pgliteConf : [],
        runtime: opts.runtime,
        nodeOptions: process.env.NODE_OPTIONS ?? '',
        databaseVersion: server.ready.databaseVersion,
        prepareMs: prep.ms,
        serverStartMs: server.ready.startMs,
        queriesPerRequest: server.ready.queriesPerRequest,
        bare,
        offers,
        serverCpuPercent: { bare: cpuPercent.get(bare.scenario) ?? NaN, offers: cpuPercent.get(offers.scenario) ?? NaN },
        ratio: offers.all.reqPerSec / bare.all.reqPerSec,
        memory: {
          firstStartPeakRssMb: prep.peakRssMb,
          peakRssBareMb,
          peakRssOffersMb,
          lifetimePeakRssMb,
          idle,
          end,
        },
      };
    } finally {
      sampler.stop();
      await stopServer();
    }
  } finally {
    await remove();
  }
}

import { join } from 'node:path';
import { deferCleanup } from './cleanup';
import { freshDatabase } from './fresh-database';
import { runBare, runCreateSubmit, type LoadSettings, type MeasureHooks } from './load';
import { readCpuSeconds, readResidentParts, readRss, sampleRss } from './proc';
import type { BenchEngine, ServerMemory } from './protocol';
import { serverEnvFrom, type EngineResult, type MemoryBreakdown } from './results';
import { prepareDatabase, startServer, type Launch, type ServerChild } from './server-child';

const mb = (bytes: number) => bytes / 1024 ** 2;

function breakdown(pid: number, m: ServerMemory): MemoryBreakdown {
  const wasm = m.wasmMemoryBytes === null ? null : mb(m.wasmMemoryBytes);
  const parts = readResidentParts(pid, m.wasmMemoryBytes);
  const rss = mb(m.usage.rss);
  const heap = mb(m.heapPhysicalBytes);
  const wasmResident = wasm === null ? null : parts.mappingResidentMb;
  return {
    rssMb: rss,
    jsHeapResidentMb: heap,
    jsHeapUsedMb: mb(m.usage.heapUsed),
    wasmMemoryMb: wasm,
    wasmResidentMb: wasmResident,
    fileBackedMb: parts.fileBackedMb,
    // Where the resident WASM part is unknown, all of it is counted, so the rest is a lower bound.
    restMb: rss - heap - (wasmResident ?? wasm ?? 0) - (parts.fileBackedMb ?? 0),
  };
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
  /** What-if postgresql.conf lines for the embedded engine (BENCH_PGLITE_CONF); empty as shipped. */
  pgliteConf: string[];
  launch: Launch;
}

/** One engine: fresh database, first start (prepare), server process, bare run, offer run, memory, clean-up. */
export async function runEngine(engine: BenchEngine, settings: LoadSettings, opts: EngineOptions): Promise<EngineResult> {
  const { target, remove } = await freshDatabase(engine, opts);
  try {
    const prep = await prepareDatabase(target, opts.launch);
    const server = await startServer(target, prep.prepared, opts.launch);
    // Registered after the database, so it runs first: the server must let go before its database is removed.
    const stopServer = deferCleanup(server.stop);
    const sampler = sampleRss(server.pid);
    try {
      const idle = breakdown(server.pid, await server.memory());
      const startupPeakRssMb = readRss(server.pid)?.hwmMb ?? NaN;
      sampler.takePeak();
      const cpuPercent = new Map<string, number>();
      const hooks = measureHooks(server, engine, opts.profileDir, cpuPercent);
      const bare = await runBare(prep.prepared, server.ready, settings, hooks);
      const peakRssBareMb = sampler.takePeak();
      const offers = await runCreateSubmit(prep.prepared, server.ready, settings, hooks);
      const peakRssOffersMb = sampler.takePeak();
      const end = breakdown(server.pid, await server.memory());
      const lifetimePeakRssMb = readRss(server.pid)?.hwmMb ?? NaN;
      return {
        engine,
        pgliteConf: target.engine === 'embedded' ? target.pgliteConf : [],
        runtime: opts.launch.runtime,
        execArgv: opts.launch.execArgv,
        serverEnv: serverEnvFrom(process.env),
        databaseVersion: server.ready.databaseVersion,
        sharedBuffers: server.ready.sharedBuffers,
        prepareMs: prep.ms,
        serverStartMs: server.ready.startMs,
        queriesPerRequest: server.ready.queriesPerRequest,
        bare,
        offers,
        serverCpuPercent: { bare: cpuPercent.get(bare.scenario) ?? NaN, offers: cpuPercent.get(offers.scenario) ?? NaN },
        ratio: offers.all.reqPerSec / bare.all.reqPerSec,
        memory: { firstStart: prep.memory, startupPeakRssMb, peakRssBareMb, peakRssOffersMb, lifetimePeakRssMb, idle, end },
      };
    } finally {
      sampler.stop();
      await stopServer();
    }
  } finally {
    await remove();
  }
}

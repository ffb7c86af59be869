import type { LoadSettings, ScenarioResult } from './load';
import type { MachineInfo, Revision } from './machine';
import type { BenchEngine, ReadyMessage } from './protocol';
import type { ServerRuntime } from './server-child';

export const RSS_GOAL_MB = 250;

/**
 * RSS split by the server's own accounting and /proc. `restMb` is what none of
 * the named parts explains: native allocations (malloc arenas, buffers, thread
 * stacks, V8's compiled code).
 */
export interface MemoryBreakdown {
  rssMb: number;
  /** V8 heap pages actually resident, and the part holding live-or-not-yet-collected objects. */
  jsHeapResidentMb: number;
  jsHeapUsedMb: number;
  /** PGlite's WebAssembly memory as allocated (embedded engine only); only the pages touched are resident. */
  wasmMemoryMb: number | null;
  /** The resident part of it, from /proc/<pid>/smaps; null when the mapping could not be told apart. */
  wasmResidentMb: number | null;
  /** Pages mapped from files (the node binary, shared libraries): RssFile. */
  fileBackedMb: number | null;
  restMb: number;
}

/** A first start on an empty database, as the product does it (the prepare process). */
export interface FirstStartMemory {
  /** VmHWM of the process that opened, migrated and seeded the empty database. */
  serverPeakRssMb: number;
  /**
   * Highest VmHWM seen among its child processes (PGlite's initdb runs in one on
   * the embedded engine), sampled every 50 ms, so a lower bound; null when none was seen.
   */
  childPeakRssMb: number | null;
  /** Highest sampled sum of the process's RSS and its children's: what the machine held at once. */
  togetherPeakRssMb: number;
}

export interface MemoryResult {
  firstStart: FirstStartMemory;
  /** VmHWM of the server process when it was listening, before any load: what opening and start-up cost. */
  startupPeakRssMb: number;
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
  /** Non-empty only in what-if runs: postgresql.conf lines added after the product's own. */
  pgliteConf: string[];
  /** 'bundle' is how `npm start` runs the server; 'tsx' (how the CLI and tests run) is a what-if. */
  runtime: ServerRuntime;
  /** Node flags the server process ran with (from `npm start` for the bundle). */
  execArgv: string[];
  /**
   * Environment that changes how the server runs, e.g. "NODE_OPTIONS=--v8-pool-size=1
   * MALLOC_ARENA_MAX=2" (see serverEnvFrom); empty as the product runs.
   */
  serverEnv: string;
  databaseVersion: string;
  /** shared_buffers as the server's database reports it. */
  sharedBuffers: string;
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

/** The shape of bench/results/latest.json and bench/baseline.json. */
export interface BenchResults {
  generatedAt: string;
  revision: Revision;
  machine: MachineInfo;
  settings: LoadSettings;
  rssGoalMb: number;
  engines: EngineResult[];
  /** 1-minute load average when the run ended; compare with machine.loadAverage1m. */
  loadAverage1mAtEnd: number;
}

/** A run that measures anything other than the product as `npm start` runs it. */
export function isWhatIf(e: Pick<EngineResult, 'pgliteConf' | 'runtime' | 'serverEnv'>): boolean {
  return e.pgliteConf.length > 0 || e.runtime !== 'bundle' || e.serverEnv !== '';
}

/**
 * The variables the server inherits that change its runtime: NODE_OPTIONS and
 * glibc's MALLOC_* tunables. They reach the load generator too.
 */
export function serverEnvFrom(env: NodeJS.ProcessEnv): string {
  return Object.entries(env)
    .filter(([name, value]) => value && (name === 'NODE_OPTIONS' || name.startsWith('MALLOC_')))
    .map(([name, value]) => `${name}=${value}`)
    .sort()
    .join(' ');
}

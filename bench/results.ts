import type { LoadSettings, ScenarioResult } from './load';
import type { MachineInfo, Revision } from './machine';
import type { BenchEngine, ReadyMessage } from './protocol';
import type { ServerRuntime } from './server-child';

export const RSS_GOAL_MB = 250;

/** RSS split by the server's own accounting; `restMb` is what neither V8's heap nor PGlite's WASM memory explains. */
export interface MemoryBreakdown {
  rssMb: number;
  jsHeapResidentMb: number;
  jsHeapUsedMb: number;
  /** Allocated size; not all of it need be resident, so restMb is a lower bound. */
  wasmMemoryMb: number | null;
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
  /** NODE_OPTIONS the server ran with (e.g. a V8 heap setting); empty as the product runs. */
  nodeOptions: string;
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
export function isWhatIf(e: Pick<EngineResult, 'pgliteConf' | 'runtime' | 'nodeOptions'>): boolean {
  return e.pgliteConf.length > 0 || e.runtime !== 'bundle' || e.nodeOptions !== '';
}

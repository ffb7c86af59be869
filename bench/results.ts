import type { EngineResult } from './engine-run';
import type { LoadSettings } from './load';
import type { MachineInfo } from './machine';
import type { Revision } from './revision';

export const RSS_GOAL_MB = 250;

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

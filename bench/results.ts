import type { EngineResult } from './engine-run';
import type { LoadSettings } from './load';
import type { MachineInfo } from './machine';

export const RSS_GOAL_MB = 250;

/** The shape of bench/results/latest.json and bench/baseline.json. */
export interface BenchResults {
  generatedAt: string;
  machine: MachineInfo;
  settings: LoadSettings;
  rssGoalMb: number;
  engines: EngineResult[];
}

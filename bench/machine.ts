import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  pglite: string;
  autocannon: string;
  /** 1-minute load average when the run began: other work on the machine skews every number. */
  loadAverage1m: number;
}

// Read from node_modules directly: some packages (pglite) do not export their package.json.
const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;

/** Read at run time so every result says what it was measured on. */
export function readMachine(): MachineInfo {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ramGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${prettyOs()} (kernel ${release()})`,
    pglite: versionOf('@electric-sql/pglite'),
    autocannon: versionOf('autocannon'),
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

function prettyOs(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}

export interface Revision {
  commit: string;
  /**
   * Uncommitted changes under src/ (the browser app in src/web aside: the server
   * does not run it) at run time: the numbers then belong to no commit exactly.
   */
  srcDirty: boolean;
}

/** Which code was measured, so a result can be traced back (and a baseline compared honestly). */
export function readRevision(): Revision {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), srcDirty: git('status', '--porcelain', '--', 'src', ':!src/web').length > 0 };
  } catch {
    return { commit: 'unknown', srcDirty: false };
  }
}

/**
 * `npm run bench`: create + submit offers over real HTTP against a server in
 * its own process, next to a bare one-insert route on the same engine; on the
 * embedded engine always, on PostgreSQL too when DATABASE_URL is set.
 *
 * The server runs as `npm start` runs it: bundled with esbuild, on plain node
 * with the start script's flags, opening the database through the product's own
 * code.
 *
 * Knobs (environment): BENCH_CONNECTIONS (10), BENCH_DURATION seconds (10),
 * BENCH_WARMUP seconds (3), BENCH_ENGINES (embedded,postgres),
 * BENCH_CPU_PROF=<folder> to write a CPU profile of the server for each measured
 * run (summarise one with bench/profile-summary.ts).
 * What-ifs, labelled as such in the report: BENCH_RUNTIME=tsx (the sources through
 * tsx, as the CLI and tests run), BENCH_PGLITE_CONF="shared_buffers=16MB" (postgresql.conf
 * lines added after the product's own, embedded engine), NODE_OPTIONS and MALLOC_* (inherited
 * by the server, and by the load generator too).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { cleanupAll } from './cleanup';
import { runEngine } from './engine-run';
import type { LoadSettings } from './load';
import { readMachine, readRevision } from './machine';
import type { BenchEngine } from './protocol';
import { formatReport } from './report';
import { isWhatIf, RSS_GOAL_MB, serverEnvFrom, type BenchResults, type EngineResult } from './results';
import { launchFor, type ServerRuntime } from './server-child';

const resultsDir = new URL('./results/', import.meta.url);
const baselineFile = new URL('./baseline.json', import.meta.url);

function settingsFromEnv(): LoadSettings {
  const int = (name: string, fallback: number) => {
    const n = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${process.env[name]}"`);
    return n;
  };
  return { connections: int('BENCH_CONNECTIONS', 10), durationS: int('BENCH_DURATION', 10), warmupS: int('BENCH_WARMUP', 3) };
}

function enginesFromEnv(): BenchEngine[] {
  const wanted = (process.env.BENCH_ENGINES ?? 'embedded,postgres').split(',').map((s) => s.trim());
  const engines: BenchEngine[] = [];
  if (wanted.includes('embedded')) engines.push('embedded');
  if (wanted.includes('postgres')) {
    if (process.env.DATABASE_URL) engines.push('postgres');
    else console.log('DATABASE_URL is not set: PostgreSQL is skipped.');
  }
  return engines;
}

function profileDir(): string | undefined {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  return resolve(dir);
}

/** e.g. BENCH_PGLITE_CONF="shared_buffers=16MB;wal_buffers=1MB": a what-if, marked as such in the report. */
function pgliteConfFromEnv(): string[] {
  return (process.env.BENCH_PGLITE_CONF ?? '').split(';').map((s) => s.trim()).filter(Boolean);
}

function runtimeFromEnv(): ServerRuntime {
  const r = process.env.BENCH_RUNTIME ?? 'bundle';
  if (r !== 'tsx' && r !== 'bundle') throw new Error(`BENCH_RUNTIME must be bundle or tsx, got "${r}"`);
  return r;
}

async function main() {
  const settings = settingsFromEnv();
  const machine = readMachine();
  const revision = readRevision();
  const pgliteConf = pgliteConfFromEnv();
  const launch = await launchFor(runtimeFromEnv());
  const engines: EngineResult[] = [];
  for (const engine of enginesFromEnv()) {
    console.log(`Running ${engine}...`);
    engines.push(await runEngine(engine, settings, { adminUrl: process.env.DATABASE_URL, profileDir: profileDir(), pgliteConf, launch }));
  }
  await launch.remove();
  const results: BenchResults = { generatedAt: new Date().toISOString(), revision, machine, settings, rssGoalMb: RSS_GOAL_MB, engines, loadAverage1mAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100 };
  const baseline = existsSync(baselineFile) ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as BenchResults) : null;
  console.log(`\n${formatReport(results, baseline)}`);
  // What-if runs never replace latest.json, which always describes the product as it is.
  const whatIf = isWhatIf({ pgliteConf, runtime: launch.runtime, serverEnv: serverEnvFrom(process.env) });
  const name = whatIf ? 'latest-what-if.json' : 'latest.json';
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(new URL(name, resultsDir), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote bench/results/${name}${name === 'latest.json' ? ' (copy it to bench/baseline.json to make it the new baseline)' : ''}.`);
}

// Ctrl-C still removes the temp folder, the bench database and the server child.
process.once('SIGINT', () => void cleanupAll().finally(() => process.exit(130)));

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanupAll();
  process.exitCode = 1;
});

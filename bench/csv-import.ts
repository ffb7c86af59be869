/**
 * `npm run bench:import`: a CSV import of 100,000 generated candidate rows through the real
 * import path (createImports().run: csv-parse, the row checks, one transaction of batched
 * upserts of 1,000 rows per statement), on the embedded engine, and on PostgreSQL too when
 * DATABASE_URL is set. Goal: the import (dry run not counted) under 30 s on each engine.
 *
 * Each engine gets a fresh database (a temp data folder; a new database on the server) with one
 * organisation and 1,000 candidates already in it, 500 of whom the file updates (matched by
 * e-mail). Per engine: a dry run (check only), then the import; the cli-progress bar the CLI
 * shows is drawn on stderr while each runs. The result is printed as JSON on stdout.
 *
 * Knobs (environment): IMPORT_BENCH_ROWS (100000).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import { eq, sql } from 'drizzle-orm';
import { systemClock } from '../src/core/clock';
import { openDatabase, type Database } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { candidates } from '../src/db/schema';
import * as setup from '../src/directory/org-setup.repo';
import { createImports, type ImportProgress } from '../src/imports/imports.service';
import { readMachine, readRevision } from './machine';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);
const GOAL_SECONDS = 30;
const EXISTING = 1_000;
const STATES = ['CA', 'NY', 'TX', 'WA', 'MA', 'IL', 'CO', 'GA'];

function generateCsv(rows: number): string {
  const lines = ['email,first_name,last_name,phone,city,state'];
  for (let i = 0; i < rows; i++) {
    // The first 500 rows name existing candidates (updated); the rest are new.
    const email = i < EXISTING / 2 ? `existing${i}@bench.example` : `candidate${i}@bench.example`;
    lines.push(`${email},First${i},"Last, ${i}",+1 555 ${String(i % 10_000).padStart(4, '0')},City ${i % 97},${STATES[i % STATES.length]}`);
  }
  return lines.join('\n') + '\n';
}

async function withEngine<T>(engine: 'embedded' | 'postgres', run: (database: Database) => Promise<T>): Promise<T> {
  if (engine === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'offerline-bench-import-'));
    const database = await openDatabase({ engine: 'embedded', dataDir });
    try {
      await migrateDatabase(database);
      return await run(database);
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const name = `offerline_bench_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ engine: 'postgres', url: process.env.DATABASE_URL!, poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ engine: 'postgres', url: url.toString() });
  try {
    await migrateDatabase(database);
    return await run(database);
  } finally {
    await database.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

function progressBar(label: string) {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} {phase} [{bar}] {percentage}% | {value}/{total} rows`, noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let phaseStartedAt = performance.now();
  let lastPhase = 'checking';
  const phases: Record<string, number> = {};
  return {
    phases,
    onProgress(p: ImportProgress) {
      if (p.phase !== lastPhase) {
        phases[lastPhase] = performance.now() - phaseStartedAt;
        phaseStartedAt = performance.now();
        lastPhase = p.phase;
      }
      if (p.phase === 'finished') return;
      if (!started) {
        bar.start(p.totalRows || ROWS, 0, { phase: 'checking' });
        started = true;
      }
      bar.update(p.phase === 'checking' ? p.processedRows : p.writtenRows, { phase: p.phase === 'checking' ? 'checking' : 'writing ' });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

async function benchEngine(engine: 'embedded' | 'postgres', csv: string) {
  return withEngine(engine, async (database) => {
    const db = database.db;
    const org = await setup.insertOrganization(db, { name: 'Bench Org', slug: `bench${randomBytes(3).toString('hex')}` });
    for (let i = 0; i < EXISTING; i += 500) {
      await db.insert(candidates).values(
        Array.from({ length: 500 }, (_, k) => ({ id: crypto.randomUUID(), orgId: org.id, email: `existing${i + k}@bench.example`, firstName: 'Old', lastName: 'Name' })),
      );
    }
    const imports = createImports({ db, clock: systemClock });
    const timed = async (dryRun: boolean) => {
      const bar = progressBar(`${engine} ${dryRun ? 'dry run' : 'import '}`);
      const started = performance.now();
      const run = await imports.run({ orgId: org.id, kind: 'candidates', filename: 'bench.csv', dryRun, csv, createdBy: null, onProgress: bar.onProgress });
      const seconds = (performance.now() - started) / 1000;
      bar.stop();
      if (run.badRows || run.goodRows !== ROWS) throw new Error(`unexpected report: ${run.goodRows} good, ${run.badRows} bad`);
      return { seconds: round(seconds), rowsPerSecond: Math.round(ROWS / seconds), phaseSeconds: Object.fromEntries(Object.entries(bar.phases).map(([k, v]) => [k, round(v / 1000)])) };
    };
    const dryRun = await timed(true);
    const imported = await timed(false);
    const n = (await db.select({ n: sql<number>`count(*)` }).from(candidates).where(eq(candidates.orgId, org.id)))[0]!.n;
    const expected = ROWS + EXISTING / 2;
    if (Number(n) !== expected) throw new Error(`expected ${expected} candidates after the import, found ${n}`);
    return { engine, dryRun, import: imported, candidatesAfter: Number(n), goalMet: imported.seconds < GOAL_SECONDS };
  });
}

const round = (x: number) => Math.round(x * 100) / 100;

async function main() {
  const machine = readMachine();
  const revision = readRevision();
  const genStart = performance.now();
  const csv = generateCsv(ROWS);
  const generateSeconds = round((performance.now() - genStart) / 1000);
  const engines: ('embedded' | 'postgres')[] = ['embedded', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])];
  const results = [];
  for (const engine of engines) results.push(await benchEngine(engine, csv));
  const report = {
    bench: 'csv-import',
    rows: ROWS,
    fileMegabytes: round(Buffer.byteLength(csv) / 1024 ** 2),
    generateSeconds,
    goalSeconds: GOAL_SECONDS,
    results,
    machine,
    revision,
    at: new Date().toISOString(),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  for (const r of results)
    process.stderr.write(`${r.engine}: import of ${ROWS} rows in ${r.import.seconds} s (${r.import.rowsPerSecond} rows/s; dry run ${r.dryRun.seconds} s) — goal < ${GOAL_SECONDS} s ${r.goalMet ? 'met' : 'NOT met'}\n`);
}

await main();

/**
 * `npm run bench:board`: the status board and cycle-time metric on a generated history
 * (bench/history-generate.ts; 1,000,000 offers by default), through the real routes.
 *
 * The app is built in-process with buildApp() on the generated PostgreSQL database (the same
 * routes, hooks, access control and SQL as `npm start`), and each request goes through
 * app.inject with the session cookie of the organisation's recruiting-operations lead (HR ops
 * and recruiter across the organisation), as the web app sends it. No TCP: the numbers are the
 * server's own time per request, database included.
 *
 * Per scenario: warm-up requests (not recorded), then requests one at a time; latency is
 * performance.now() around app.inject; p50/p95/p99 are nearest-rank. Goals (issue 9): a filtered,
 * sorted board page p95 under 50 ms; cycle time by stage over 90 days under 200 ms.
 * Then one more request per scenario with every statement sent through node-postgres recorded,
 * and each SELECT run again under EXPLAIN (ANALYZE, BUFFERS) with the settings the request made
 * (its SET statements, replayed for the scenario's session): the plans go to
 * bench/results/board-metrics-plans.txt, the numbers to bench/results/board-metrics.json.
 *
 * Knobs (environment): DATABASE_URL (the server; default postgres://postgres@127.0.0.1:5432/postgres),
 * HISTORY_DB (offerline_bench_history), HISTORY_SEED (as generated), BOARD_REQUESTS (200),
 * METRICS_REQUESTS (30), BENCH_WARMUP_REQUESTS (20).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { hashPassword } from '../src/auth/secrets';
import { openDatabase, type Database } from '../src/db/client';
import { planOrganisation, defaultDimensions } from '../src/seed/history/organisation';
import { buildApp } from '../src/server/app';
import { createLocalObjectStore } from '../src/storage/local-object-store';
import { readMachine, readRevision } from './machine';

const DB_NAME = process.env.HISTORY_DB ?? 'offerline_bench_history';
const SEED = Number(process.env.HISTORY_SEED ?? 20_261_125);
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BOARD_REQUESTS = Number(process.env.BOARD_REQUESTS ?? 200);
const METRICS_REQUESTS = Number(process.env.METRICS_REQUESTS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP_REQUESTS ?? 20);
const PASSWORD = 'bench board password';
const BOARD_GOAL_P95_MS = 50;
const METRICS_GOAL_MS = 200;

interface Scenario {
  name: string;
  kind: 'board' | 'metrics';
  url: string;
  requests: number;
}

interface Captured {
  text: string;
  values: unknown[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const round = (n: number) => Math.round(n * 100) / 100;

function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Records every statement node-postgres sends until stop(). */
function captureStatements(): { statements: Captured[]; stop(): void } {
  const statements: Captured[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string') statements.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      statements.push({ text: q.text, values: q.values ?? (Array.isArray(second) ? second : []) });
    }
    return original.apply(this, args);
  };
  return { statements, stop: () => void (proto.query = original) };
}

async function signInOpsLead(app: FastifyInstance, database: Database): Promise<{ cookie: string; orgId: string }> {
  const plan = planOrganisation(SEED, defaultDimensions, 'bench');
  const lead = plan.users.find((u) => u.id === plan.opsLeadId)!;
  const pool = database.pool!;
  const { rows } = await pool.query('SELECT id FROM users WHERE id = $1', [lead.id]);
  if (rows.length === 0) throw new Error(`${DB_NAME} holds no generated organisation for seed ${SEED}: run bench/history-generate.ts first`);
  // Histories generated before the lead also recruited organisation-wide get the grant here.
  await pool.query(
    `INSERT INTO user_roles (id, org_id, user_id, role, business_unit_id) VALUES (gen_random_uuid(), $1, $2, 'recruiter', NULL) ON CONFLICT DO NOTHING`,
    [plan.org.id, lead.id],
  );
  await pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [await hashPassword(PASSWORD), lead.id]);
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { 'x-requested-with': 'offerline' }, payload: { email: lead.email, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${lead.email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'offerline_session')!;
  return { cookie: `offerline_session=${cookie.value}`, orgId: plan.org.id };
}

async function pickFilters(pool: pg.Pool) {
  const open = `FROM offer_stage_intervals i JOIN offers o ON o.id = i.offer_id
    WHERE i.left_at IS NULL AND i.status NOT IN ('handed_off', 'declined', 'expired', 'cancelled', 'rescinded', 'withdrawn')`;
  const top = async (column: string) => (await pool.query<{ id: string; n: string }>(`SELECT o.${column} AS id, count(*) AS n ${open} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`)).rows[0]!;
  const bu = await top('business_unit_id');
  const recruiter = await top('recruiter_id');
  const { rows: [counts] } = await pool.query<{ open: string; offers: string }>(`SELECT (SELECT count(*) ${open}) AS open, (SELECT count(*) FROM offers) AS offers`);
  return { businessUnitId: bu.id, businessUnitOpen: Number(bu.n), recruiterId: recruiter.id, recruiterOpen: Number(recruiter.n), open: Number(counts!.open), offers: Number(counts!.offers) };
}

async function main() {
  const database = await openDatabase({ engine: 'postgres', url: urlOf(DB_NAME) });
  const objectsDir = mkdtempSync(join(tmpdir(), 'offerline-bench-objects-'));
  const app = await buildApp({ database, objectStore: createLocalObjectStore(objectsDir) });
  await app.ready();
  const machine = readMachine();
  const revision = readRevision();
  try {
    const { cookie } = await signInOpsLead(app, database);
    const pool = database.pool!;
    const f = await pickFilters(pool);
    const { rows: [pgInfo] } = await pool.query<{ version: string; shared_buffers: string; work_mem: string; effective_cache_size: string; random_page_cost: string; jit: string }>(
      `SELECT version(), current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem,
         current_setting('effective_cache_size') AS effective_cache_size, current_setting('random_page_cost') AS random_page_cost, current_setting('jit') AS jit`,
    );
    const now = new Date();
    const from = new Date(now.getTime() - 90 * 86_400_000).toISOString();
    const to = now.toISOString();
    const board = (name: string, query: string): Scenario => ({ name, kind: 'board', url: `/api/v1/board?${query}`, requests: BOARD_REQUESTS });
    const metrics = (name: string, query: string): Scenario => ({ name, kind: 'metrics', url: `/api/v1/metrics/cycle-time?from=${from}&to=${to}${query}`, requests: METRICS_REQUESTS });
    const scenarios: Scenario[] = [
      board('board: business unit, oldest first', `businessUnitId=${f.businessUnitId}&sort=oldest&limit=50`),
      board('board: recruiter, oldest first', `recruiterId=${f.recruiterId}&sort=oldest&limit=50`),
      board('board: stage sent, oldest first', 'stage=sent&sort=oldest&limit=50'),
      board('board: SLA breached, oldest first', 'sla=breached&sort=oldest&limit=50'),
      board('board: unit + approval stages, newest first', `businessUnitId=${f.businessUnitId}&stage=comp_review,in_approval&sort=newest&limit=50`),
      board('board: no filter, oldest first', 'sort=oldest&limit=50'),
      metrics('cycle time by stage, 90 days', ''),
      metrics('cycle time by stage, 90 days, one business unit', `&businessUnitId=${f.businessUnitId}`),
      metrics('cycle time by stage, 90 days, level L4 full-time', '&level=L4&employmentType=full_time'),
    ];
    console.log(`${DB_NAME}: ${f.offers.toLocaleString('en-US')} offers, ${f.open.toLocaleString('en-US')} open; business unit ${f.businessUnitId} (${f.businessUnitOpen} open), recruiter ${f.recruiterId} (${f.recruiterOpen} open).`);
    const headers = { cookie };
    const results = [];
    for (const s of scenarios) {
      let first: { items?: unknown[]; counts?: { total: number }; stages?: unknown[] } | null = null;
      for (let i = 0; i < (s.kind === 'board' ? WARMUP : Math.ceil(WARMUP / 4)); i++) {
        const res = await app.inject({ method: 'GET', url: s.url, headers });
        if (res.statusCode !== 200) throw new Error(`${s.name}: ${res.statusCode} ${res.body.slice(0, 500)}`);
        first ??= res.json();
      }
      const times: number[] = [];
      for (let i = 0; i < s.requests; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: s.url, headers });
        times.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`${s.name}: ${res.statusCode} ${res.body.slice(0, 500)}`);
      }
      const sorted = [...times].sort((a, b) => a - b);
      const goal = s.kind === 'board' ? BOARD_GOAL_P95_MS : METRICS_GOAL_MS;
      const p95 = percentile(sorted, 95);
      const r = {
        scenario: s.name,
        url: s.url,
        requests: s.requests,
        p50: round(percentile(sorted, 50)),
        p95: round(p95),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1]!),
        goalMs: goal,
        met: p95 < goal,
        answer: s.kind === 'board' ? `${first?.items?.length ?? 0} items of ${first?.counts?.total ?? '?'}` : `${first?.stages?.length ?? 0} stages`,
      };
      results.push(r);
      console.log(`${r.met ? 'ok  ' : 'MISS'} ${s.name}: p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms (${r.answer})`);
    }

    // One request per scenario with its statements recorded, then each SELECT explained.
    const plans: string[] = [];
    const statementSummary: Record<string, { statements: number; selects: { ms: number; summary: string }[] }> = {};
    const explainer = new pg.Client({ connectionString: urlOf(DB_NAME) });
    await explainer.connect();
    for (const s of scenarios) {
      const capture = captureStatements();
      await app.inject({ method: 'GET', url: s.url, headers });
      capture.stop();
      const selects: { ms: number; summary: string }[] = [];
      plans.push(`\n=== ${s.name}\n${s.url}\n${capture.statements.length} statements`);
      for (const st of capture.statements) {
        // Settings the app makes for its reads (set local jit = off, …) apply to the explained statements too.
        const setting = /^\s*set\s+(?:local\s+)?(?!transaction\b)(\w+)\s*(?:=|to)\s*(.+?)\s*;?\s*$/i.exec(st.text);
        if (setting) {
          await explainer.query(`set ${setting[1]} = ${setting[2]}`);
          continue;
        }
        if (!/^\s*(select|with)\b/i.test(st.text)) continue;
        let rows: Record<string, string>[];
        try {
          ({ rows } = await explainer.query(`EXPLAIN (ANALYZE, BUFFERS) ${st.text}`, st.values));
        } catch (err) {
          plans.push(`\n--- not explained (${(err as Error).message})\n${st.text}\n-- values: ${JSON.stringify(st.values)}`);
          continue;
        }
        const lines = rows.map((row) => row['QUERY PLAN']!);
        const ms = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
        selects.push({ ms, summary: `${st.text.replace(/\s+/g, ' ').slice(0, 160)}… -> ${lines[0]!.trim().slice(0, 120)}` });
        plans.push(`\n--- ${ms} ms\n${st.text}\n-- values: ${JSON.stringify(st.values)}\n${lines.join('\n')}`);
      }
      await explainer.query('reset all');
      selects.sort((a, b) => b.ms - a.ms);
      statementSummary[s.name] = { statements: capture.statements.length, selects };
    }
    await explainer.end();

    console.log('\nSlowest statements per scenario (EXPLAIN ANALYZE execution time):');
    for (const [name, s] of Object.entries(statementSummary)) {
      console.log(`  ${name}: ${s.statements} statements; ${s.selects.slice(0, 3).map((x) => `${x.ms} ms`).join(', ')}`);
    }
    const out = {
      generatedAt: new Date().toISOString(),
      revision,
      machine,
      postgres: pgInfo,
      loadAverage1mAtEnd: round(loadavg()[0] ?? 0),
      database: DB_NAME,
      data: f,
      settings: { boardRequests: BOARD_REQUESTS, metricsRequests: METRICS_REQUESTS, warmup: WARMUP, period: { from, to } },
      results,
      statements: statementSummary,
    };
    const dir = new URL('./results/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('board-metrics.json', dir), `${JSON.stringify(out, null, 2)}\n`);
    writeFileSync(new URL('board-metrics-plans.txt', dir), plans.join('\n'));
    console.log('\nWrote bench/results/board-metrics.json and bench/results/board-metrics-plans.txt.');
    if (results.some((r) => !r.met)) process.exitCode = 2;
  } finally {
    await app.close();
    await database.close();
    rmSync(objectsDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

import autocannon, { type Options, type SequenceRequest } from 'autocannon';
import type { PreparedData, ReadyMessage } from './protocol';

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
}

/** Nearest-rank percentile of an ascending-sorted list; no interpolation, so every value reported was observed. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

function summarize(latenciesMs: number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.length ? sum / sorted.length : NaN,
    maxMs: sorted.at(-1) ?? NaN,
  };
}

export interface RouteStats extends LatencySummary {
  route: string;
  reqPerSec: number;
}

export interface ScenarioResult {
  scenario: string;
  seconds: number;
  /** Every completed 2xx request, all routes together. */
  all: RouteStats;
  /** The same run split by route, e.g. create and submit. */
  routes: RouteStats[];
}

/** Records latency by route: autocannon calls a request's onResponse just before it emits 'response'. */
function recorder() {
  const byRoute = new Map<string, number[]>();
  let current = '';
  return {
    mark: (route: string) => () => void (current = route),
    record(status: number, ms: number) {
      if (status < 200 || status >= 300) return;
      let list = byRoute.get(current);
      if (!list) byRoute.set(current, (list = []));
      list.push(ms);
    },
    byRoute,
  };
}

async function measure(name: string, options: Omit<Options, 'requests'>, build: Build): Promise<ScenarioResult> {
  const rec = recorder();
  const instance = autocannon({ ...options, requests: build(rec.mark) });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => rec.record(status, ms));
  const result = await instance;
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    throw new Error(`${name}: ${failed} failed requests (errors ${result.errors}, timeouts ${result.timeouts}, status ${JSON.stringify(result.statusCodeStats)})`);
  }
  const stats = (route: string, list: number[]): RouteStats => ({ route, reqPerSec: list.length / result.duration, ...summarize(list) });
  const routes = [...rec.byRoute].map(([route, list]) => stats(route, list));
  return { scenario: name, seconds: result.duration, all: stats(name, [...rec.byRoute.values()].flat()), routes };
}

/** Called around the measured run only, not the warm-up (used for CPU profiles). */
export interface MeasureHooks {
  before(scenario: string): Promise<void>;
  after(scenario: string): Promise<void>;
}

type Build = (mark: (route: string) => () => void) => SequenceRequest[];

/** Warm-up (JIT, plan caches, buffer pool) and then the measured run, with the same settings. */
async function warmThenMeasure(name: string, ready: ReadyMessage, s: LoadSettings, hooks: MeasureHooks | undefined, build: Build) {
  const base = { url: `http://127.0.0.1:${ready.port}`, connections: s.connections, pipelining: 1, timeout: 10 };
  if (s.warmupS > 0) await measure(`${name} (warm-up)`, { ...base, duration: s.warmupS }, build);
  await hooks?.before(name);
  try {
    return await measure(name, { ...base, duration: s.durationS }, build);
  } finally {
    await hooks?.after(name);
  }
}

export function runBare(prepared: PreparedData, ready: ReadyMessage, s: LoadSettings, hooks?: MeasureHooks): Promise<ScenarioResult> {
  return warmThenMeasure('bare insert', ready, s, hooks, (mark) => [
    { method: 'POST', path: '/bench/bare', headers: { 'content-type': 'application/json' }, body: prepared.createBody, onResponse: mark('POST /bench/bare') },
  ]);
}

/**
 * Each connection loops: create a draft, then submit that same offer with
 * If-Match "1" (a new offer is always at row version 1). The id comes from the
 * create response, so the submit always hits a real draft.
 */
export function runCreateSubmit(prepared: PreparedData, ready: ReadyMessage, s: LoadSettings, hooks?: MeasureHooks): Promise<ScenarioResult> {
  const headers = prepared.authHeaders;
  return warmThenMeasure('create + submit', ready, s, hooks, (mark) => {
    const markCreate = mark('POST /api/v1/offers');
    return [
      {
        method: 'POST',
        path: '/api/v1/offers',
        headers: { ...headers, 'content-type': 'application/json' },
        body: prepared.createBody,
        onResponse: (status, body, context) => {
          markCreate();
          if (status === 201) context.id = (JSON.parse(body) as { id: string }).id;
        },
      },
      {
        method: 'POST',
        // A failed create leaves no id; skipping the submit keeps the failure counted once, on the create.
        setupRequest: (req, context) => (typeof context.id === 'string' ? { ...req, path: `/api/v1/offers/${context.id}/submit` } : null),
        headers: { ...headers, 'if-match': '"1"' },
        onResponse: mark('POST /api/v1/offers/:id/submit'),
      },
    ];
  });
}

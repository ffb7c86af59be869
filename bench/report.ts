import type { RouteStats } from './load';
import { isWhatIf, RSS_GOAL_MB, type BenchResults, type EngineResult, type MemoryBreakdown } from './results';

const num = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

function split(b: MemoryBreakdown): string {
  const wasm = b.wasmMemoryMb === null ? '' : ` + PGlite WASM ${num(b.wasmResidentMb ?? b.wasmMemoryMb)} (of ${num(b.wasmMemoryMb)} allocated)`;
  const files = b.fileBackedMb === null ? '' : ` + mapped files ${num(b.fileBackedMb)}`;
  return `${num(b.rssMb)}: JS heap ${num(b.jsHeapResidentMb)} (used ${num(b.jsHeapUsedMb)})${wasm}${files} + native rest ${num(b.restMb)}`;
}

/** A previous run's req/s for the same engine and route, to show drift. */
function baselineFor(baseline: BenchResults | null, engine: string, route: string): number | undefined {
  const e = baseline?.engines.find((x) => engineLabel(x) === engine);
  if (!e) return undefined;
  return [e.bare.all, e.offers.all, ...e.bare.routes, ...e.offers.routes].find((r) => r.route === route)?.reqPerSec;
}

/** A what-if run is labelled with its settings so it is never mistaken for the product's own numbers. */
function engineLabel(e: EngineResult): string {
  if (!isWhatIf(e)) return e.engine;
  const whatIf = [...e.pgliteConf, ...(e.runtime === 'tsx' ? ['sources through tsx'] : []), ...(e.serverEnv ? [e.serverEnv] : [])];
  return `${e.engine} [what-if: ${whatIf.join(', ')}]`;
}

function runtimeLine(e: EngineResult): string {
  const how = e.runtime === 'bundle' ? 'bundled like npm start' : 'sources through tsx';
  return `${how}, node ${e.execArgv.join(' ') || '(no flags)'}${e.serverEnv ? `, ${e.serverEnv}` : ''}`;
}

function throughputRows(e: EngineResult, baseline: BenchResults | null): string[][] {
  const line = (label: string, r: RouteStats, vsBare: string, cpu: number | null) => {
    const before = baselineFor(baseline, engineLabel(e), r.route);
    const drift = before ? `${r.reqPerSec >= before ? '+' : ''}${num((r.reqPerSec / before - 1) * 100, 0)}%` : '';
    return [engineLabel(e), label, num(r.reqPerSec), num(r.p50Ms, 2), num(r.p99Ms, 2), vsBare, cpu === null ? '' : `${num(cpu, 0)}%`, drift];
  };
  return [
    line('bare: POST /bench/bare (1 insert)', e.bare.all, '1.00', e.serverCpuPercent.bare),
    line('create + submit, all requests', e.offers.all, num(e.ratio, 2), e.serverCpuPercent.offers),
    ...e.offers.routes.map((r) => line(`  ${r.route}`, r, '', null)),
  ];
}

export function formatReport(results: BenchResults, baseline: BenchResults | null): string {
  const { machine: m, settings: s } = results;
  const header = ['engine', 'route', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'server CPU', baseline ? 'vs baseline' : ''];
  const body = results.engines.flatMap((e) => throughputRows(e, baseline));
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((r) => r[i]!.length)));
  const rev = `${results.revision.commit.slice(0, 10)}${results.revision.srcDirty ? ' with uncommitted changes in src/' : ''}`;
  const out = [
    `Code: ${rev}, run ${results.generatedAt}`,
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.ramGb} GB RAM, Node ${m.node}, ${m.os}`,
    `Load: autocannon ${m.autocannon} in the parent process, ${s.connections} connections, ${s.durationS} s measured after ${s.warmupS} s warm-up, per scenario`,
    `Machine load average (1 min): ${m.loadAverage1m} at start, ${results.loadAverage1mAtEnd} at end${m.loadAverage1m > m.cores / 2 ? ' (other work was running: numbers are low and noisy)' : ''}`,
    '',
    row(header, widths),
    ...body.map((r) => row(r, widths)),
    '',
    'Server process memory (MB RSS from /proc):',
  ];
  for (const e of results.engines) {
    const mem = e.memory;
    const goal = e.engine === 'embedded' ? `  goal < ${RSS_GOAL_MB}: ${mem.lifetimePeakRssMb < RSS_GOAL_MB ? 'met' : 'MISSED'}` : '';
    const first = mem.firstStart;
    const child = first.childPeakRssMb === null ? 'no child process seen' : `its child process (initdb) ${num(first.childPeakRssMb)}, both at once ${num(first.togetherPeakRssMb)}`;
    out.push(
      `  ${engineLabel(e)} (${runtimeLine(e)})`,
      `      server: idle ${num(mem.idle.rssMb)} (start-up peak ${num(mem.startupPeakRssMb)}), peak bare ${num(mem.peakRssBareMb)}, peak offers ${num(mem.peakRssOffersMb)}, lifetime peak (VmHWM) ${num(mem.lifetimePeakRssMb)}${goal}`,
      `      idle = ${split(mem.idle)}`,
      `      end  = ${split(mem.end)}`,
      `      first start on the empty database (separate process, VmHWM): ${num(first.serverPeakRssMb)}; ${child}`,
    );
  }
  out.push('', 'Database:');
  for (const e of results.engines) {
    const q = e.queriesPerRequest;
    const counted = q ? `; statements per request: create ${q.create}, submit ${q.submit}, bare ${q.bare}` : '';
    const times = `first start ${(e.prepareMs / 1000).toFixed(1)} s, restart ${(e.serverStartMs / 1000).toFixed(1)} s`;
    out.push(`  ${engineLabel(e)}: ${e.databaseVersion.split(',')[0]}, shared_buffers ${e.sharedBuffers}; ${times}${counted}`);
  }
  return out.join('\n');
}

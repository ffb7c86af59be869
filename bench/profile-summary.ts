/**
 * Summarises a V8 .cpuprofile written by `BENCH_CPU_PROF=<dir> npm run bench`:
 * self time by area (PGlite WASM, zod, Fastify, our code...) and the functions
 * with the most inclusive time, so a report says what dominates from data.
 *
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const areas: [RegExp, string][] = [
  [/^wasm:\/\//, 'PGlite WASM (PostgreSQL itself)'],
  [/@electric-sql\/pglite/, 'PGlite JS glue'],
  [/fastify-type-provider-zod|node_modules\/zod\//, 'zod (validation + serialisation)'],
  [/node_modules\/(fastify|@fastify|find-my-way|light-my-request|avvio|fast-json-stringify|secure-json-parse)\//, 'Fastify'],
  [/node_modules\/drizzle-orm\//, 'drizzle-orm'],
  [/node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+)\//, 'node-postgres driver'],
  [/node_modules\/autocannon\//, 'autocannon'],
  // The bundled server (the default) is one file: our src/ plus the bench's own route.
  [/\/bench\/\.build\//, 'Offerline src/ (bundled)'],
  [/\/src\//, 'Offerline src/'],
  [/\/bench\//, 'bench/'],
  [/node_modules\//, 'other packages'],
  [/^node:|^$/, 'Node internals and native (crypto, http, GC...)'],
];

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return '(program: V8/native not attributed)';
  return areas.find(([re]) => re.test(url))?.[1] ?? 'other';
}

const short = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|test)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
};

function summarise(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    const area = areaOf(node);
    if (area === '(idle)') return void (idle += dt);
    total += dt;
    self.set(area, (self.get(area) ?? 0) + dt);
    selfByFunction.set(short(node), (selfByFunction.get(short(node)) ?? 0) + dt);
    // Each function once per sample, so recursion is not counted twice.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      if (n.callFrame.functionName.startsWith('(')) continue;
      seen.add(short(n));
    }
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  });
  const pct = (ms: number) => `${((ms / total) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`busy ${(total / 1000).toFixed(1)} s, idle ${(idle / 1000).toFixed(1)} s`, '', 'Self time by area:'];
  for (const [area, ms] of [...self].sort((a, b) => b[1] - a[1])) lines.push(`  ${pct(ms)}  ${area}`);
  lines.push('', `Self time, top ${top} functions:`);
  for (const [k, ms] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(ms)}  ${k}`);
  lines.push('', `Inclusive time, top ${top} functions (src/ and packages):`);
  const interesting = [...inclusive].filter(([k]) => !/^(\(anonymous\)|processTicksAndRejections|runMicrotasks) /.test(k));
  for (const [k, ms] of interesting.sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(ms)}  ${k}`);
  // Only synchronous work counts here: time awaiting the database is not on these functions' stacks.
  lines.push('', 'Inclusive time, Offerline src/ functions (synchronous part):');
  const ours = interesting.filter(([k]) => / (src\/|bench\/\.build\/)/.test(k) && !/^\(anonymous\)/.test(k));
  for (const [k, ms] of ours.slice(0, top)) lines.push(`  ${pct(ms)}  ${k}`);
  return lines.join('\n');
}

const [file, top = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top)));

// The web app's initial JavaScript: the entry script and every chunk dist/web/index.html preloads,
// each gzipped at level 9 (docs/performance.md, "Web app: initial JavaScript"). Builds nothing:
// run `npm run build:web` first. Exits 1 when the total reaches the goal of 200 kB gzip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const GOAL_BYTES = 200 * 1000;
const dist = join(import.meta.dirname, '..', 'dist', 'web');

let html: string;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error(`No ${join(dist, 'index.html')}: run npm run build:web first.`);
  process.exit(2);
}

const entries = [...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]!);
const preloads = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g)].map((m) => m[1]!);
if (entries.length === 0) {
  console.error('index.html names no entry script.');
  process.exit(2);
}
const files = [...new Set([...entries, ...preloads])];

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const rows = files.map((href) => {
  const raw = readFileSync(join(dist, href.replace(/^\//, '')));
  return { file: href.replace(/^\/?assets\//, ''), kind: entries.includes(href) ? 'entry' : 'preload', raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
});
const total = rows.reduce((sum, r) => sum + r.gzip, 0);
const rawTotal = rows.reduce((sum, r) => sum + r.raw, 0);

const width = Math.max(...rows.map((r) => r.file.length), 5);
const line = (a: string, b: string, c: string, d: string) => console.log(`${a.padEnd(width)}  ${b.padEnd(7)}  ${c.padStart(10)}  ${d.padStart(10)}`);
line('chunk', 'kind', 'raw', 'gzip -9');
for (const r of rows) line(r.file, r.kind, kB(r.raw), kB(r.gzip));
line('total', '', kB(rawTotal), kB(total));

if (total >= GOAL_BYTES) {
  console.error(`Initial JavaScript is ${kB(total)} gzip: at or over the goal of ${kB(GOAL_BYTES)}.`);
  process.exit(1);
}
console.log(`Under the goal of ${kB(GOAL_BYTES)} gzip by ${kB(GOAL_BYTES - total)}.`);

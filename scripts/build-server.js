#!/usr/bin/env node
// Bundles the server and CLI into dist/server/offerline.mjs (our code only;
// packages stay in node_modules). `npm start` runs the bundle on plain node:
// no TypeScript loader thread at run time, which saves ~60-90 MB of memory.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/server/offerline.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

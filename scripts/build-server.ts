// Bundles the server and CLI into dist/server/offerline.mjs (our code only;
// packages stay in node_modules). `npm start` runs the bundle on plain node:
// no TypeScript loader thread at run time, which saves ~90 MB of memory.
// The bench bundles its server process with the same options.
import { build, type BuildOptions } from 'esbuild';

export const serverBuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await build({ ...serverBuildOptions, entryPoints: ['src/cli/main.ts'], outfile: 'dist/server/offerline.mjs' });
}

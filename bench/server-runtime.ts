import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { deferCleanup } from './cleanup';

/** How the server process runs its TypeScript: through tsx as bin/offerline.js does, or pre-bundled (what-if). */
export type ServerRuntime = 'tsx' | 'bundle';

export interface Launch {
  entry: string;
  execArgv: string[];
}

const source = fileURLToPath(new URL('./server-process.ts', import.meta.url));
// Inside the repository so bundled code still finds packages in node_modules.
const buildDir = fileURLToPath(new URL('./.build/', import.meta.url));

export const tsxLaunch: Launch = { entry: source, execArgv: ['--import', 'tsx'] };

/**
 * For a what-if run (BENCH_RUNTIME=bundle): bundles our TypeScript with esbuild
 * (packages stay external) so the server runs on plain node, to measure what
 * tsx costs at run time. esbuild comes with tsx and vite; it is not a direct dependency.
 */
export async function launchFor(runtime: ServerRuntime): Promise<Launch & { remove(): Promise<void> }> {
  if (runtime === 'tsx') return { ...tsxLaunch, remove: async () => {} };
  const esbuild = await import('esbuild');
  const remove = deferCleanup(() => rm(buildDir, { recursive: true, force: true }));
  const outfile = `${buildDir}server-process.mjs`;
  await esbuild.build({ entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  return { entry: outfile, execArgv: [], remove };
}

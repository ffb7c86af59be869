import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Offerline's package.json. Files that ship beside the code
 * (migrations, the web build) are found from here, so the same lookups work in
 * the TypeScript sources and in the bundled server under dist/.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'offerline') return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find Offerline's package.json above ${start}`);
  }
}

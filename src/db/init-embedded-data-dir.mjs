// Creates a new embedded database folder (PGlite's initdb) and exits. Run as a
// short-lived child process: initdb's memory peak (~900 MB) stays with this
// process instead of being held for the life of the server. Plain JavaScript so
// it starts without the TypeScript loader.
import { PGlite } from '@electric-sql/pglite';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: init-embedded-data-dir.mjs <folder>\n');
  process.exit(2);
}
const db = await PGlite.create({ dataDir: dir });
await db.close();

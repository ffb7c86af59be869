// Writes docs/openapi.json from the running code's route schemas, so the
// committed API reference cannot drift: a test compares the two.
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../src/db/client';
import { buildApp } from '../src/server/app';

export async function generateOpenApi(): Promise<string> {
  const database = await openDatabase({ engine: 'embedded-memory' });
  try {
    const app = await buildApp({ database });
    await app.ready();
    const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
    await app.close();
    return doc;
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync('docs/openapi.json', await generateOpenApi());
  process.stdout.write('Wrote docs/openapi.json\n');
}

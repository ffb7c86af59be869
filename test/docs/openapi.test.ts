import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generateOpenApi } from '../../scripts/write-openapi';

it('docs/openapi.json matches the routes (regenerate with npm run openapi)', async () => {
  const generated = await generateOpenApi();
  expect(JSON.parse(readFileSync('docs/openapi.json', 'utf8'))).toEqual(JSON.parse(generated));
}, 30_000);

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidates } from '../../../src/db/schema';
import { createOrgFixture } from '../../helpers/factories';
import { createCliDatabase } from '../../helpers/cli-database';

let target: Awaited<ReturnType<typeof createCliDatabase>>;
let dir: string;
let orgId: string;
let slug: string;

beforeAll(async () => {
  target = await createCliDatabase();
  dir = mkdtempSync(join(tmpdir(), 'offerline-import-'));
  const database = await target.open();
  try {
    const fx = await createOrgFixture(database.db);
    orgId = fx.orgId;
    slug = fx.slug;
  } finally {
    await database.close();
  }
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await target.dispose();
});

async function cli(args: string[]) {
  const child = spawn(process.execPath, ['bin/offerline.js', ...args], { env: { ...process.env, ...target.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

async function candidateCount() {
  const database = await target.open();
  try {
    return Number((await database.db.select({ n: sql<number>`count(*)` }).from(candidates).where(eq(candidates.orgId, orgId)))[0]!.n);
  } finally {
    await database.close();
  }
}

describe('offerline import', () => {
  it('reports bad rows by line and column with --dry-run and exits 1; a good file imports and exits 0', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'email,first_name,last_name,state\nmarie@example.test,Marie,Curie,NY\nnot-an-email,Pierre,Curie,XX\n');
    const dry = await cli(['import', 'candidates', bad, '--dry-run', '--org', slug]);
    expect(dry.code, dry.stdout + dry.stderr).toBe(1);
    expect(dry.stdout).toContain('of candidates from bad.csv (dry run)');
    expect(dry.stdout).toContain('2 rows: 1 good, 1 bad.');
    expect(dry.stdout).toContain('line 3, column email: "not-an-email" is not an e-mail address');
    expect(dry.stdout).toContain('line 3, column state:');
    expect(dry.stderr).toMatch(/Checking .*2\/2 rows/);
    expect(await candidateCount()).toBe(1);

    const refused = await cli(['import', 'candidates', bad, '--org', slug]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Nothing was imported: the file has bad rows (all-or-nothing).');
    expect(await candidateCount()).toBe(1);

    const good = join(dir, 'good.csv');
    writeFileSync(good, 'email,first_name,last_name,state\nmarie@example.test,Marie,Curie,NY\npierre@example.test,Pierre,Curie,\n');
    const dryGood = await cli(['import', 'candidates', good, '--dry-run', '--org', slug]);
    expect(dryGood.code, dryGood.stdout + dryGood.stderr).toBe(0);
    expect(dryGood.stdout).toContain('every row is good');
    const imported = await cli(['import', 'candidates', good, '--org', slug]);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported 2 rows.');
    expect(imported.stderr).toMatch(/Writing .*2\/2 rows/);
    expect(await candidateCount()).toBe(3);
  }, 120_000);

  it('refuses an unknown kind and a header with an unknown column', async () => {
    const file = join(dir, 'odd.csv');
    writeFileSync(file, 'email,first_name,last_name,shoe_size\n');
    const unknownKind = await cli(['import', 'offers', file, '--org', slug]);
    expect(unknownKind.code).not.toBe(0);
    expect(unknownKind.stderr).toContain('"offers" is not something to import');
    const unknownColumn = await cli(['import', 'candidates', file, '--dry-run', '--org', slug]);
    expect(unknownColumn.code).toBe(1);
    expect(unknownColumn.stdout).toContain('line 1, column shoe_size: is not a known column for candidates');
  }, 120_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { freshDatabaseName, withDatabaseName } from '../helpers/pg-names';
import { runCli, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { testEngine } from '../helpers/test-database';

/**
 * The embedded engine belongs to one process: a second one on the same folder
 * must refuse to start. On PostgreSQL the opposite holds: several processes
 * share one database. Each engine's project runs the half that applies to it.
 */
const started: ServerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const s of started) await s.stop();
  for (const c of cleanups) await c();
});

describe('processes sharing a database', () => {
  it(`${testEngine === 'embedded' ? 'a second process on the same data folder exits with a clear message; the first keeps serving' : 'two server processes serve the same PostgreSQL database'}`, async () => {
    if (testEngine === 'embedded') {
      const dataDir = mkdtempSync(join(tmpdir(), 'offerline-lock-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const first = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
      started.push(first);
      const second = await runCli(['serve', '--port', '0'], { DATA_DIR: dataDir, DATABASE_URL: '', WEB_ROOT: '/nonexistent' });
      expect(second.code).not.toBe(0);
      expect(second.output).toContain(`The data folder ${dataDir} is in use by process ${first.child.pid}`);
      const health = await fetch(`${first.url}/api/health`);
      expect(await health.json()).toEqual({ ok: true, engine: 'embedded' });
      return;
    }
    const admin = await openDatabase({ engine: 'postgres', url: process.env.DATABASE_URL!, poolSize: 1 });
    const name = freshDatabaseName();
    await admin.exec(`CREATE DATABASE ${name}`);
    cleanups.push(async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    });
    const url = withDatabaseName(process.env.DATABASE_URL!, name);
    // Both start (and migrate) at once; the advisory lock lets one migrate while the other waits.
    const [a, b] = await Promise.all([startServerProcess({ DATABASE_URL: url }), startServerProcess({ DATABASE_URL: url })]);
    started.push(a, b);
    for (const s of [a, b]) expect(await (await fetch(`${s.url}/api/health`)).json()).toEqual({ ok: true, engine: 'postgres' });
    const seeded = await runCli(['seed'], { DATABASE_URL: url });
    expect(seeded.code).toBe(0);
    const cookie = await signInOver(a.url);
    const otherCookie = await signInOver(b.url);
    const listA = await (await fetch(`${a.url}/api/v1/offers`, { headers: { cookie } })).json();
    const listB = await (await fetch(`${b.url}/api/v1/offers`, { headers: { cookie: otherCookie } })).json();
    expect(listA.items.length).toBeGreaterThan(0);
    expect(listB.items.map((o: { id: string }) => o.id)).toEqual(listA.items.map((o: { id: string }) => o.id));
  }, 120_000);
});

async function signInOver(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'recruiter@northwind.example', password: 'offerline-demo' }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

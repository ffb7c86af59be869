import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { outboundEmails } from '../../src/db/schema';
import { queueEmail } from '../../src/notify/outbox';
import { createOrgFixture } from '../helpers/factories';
import { freshDatabaseName, withDatabaseName } from '../helpers/pg-names';
import { runCli, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { testEngine } from '../helpers/test-database';

/**
 * E-mail delivery by real server processes, counted at a real SMTP server. On the embedded
 * engine: mail queued while no server runs is sent after start, and a restart sends nothing
 * twice. On PostgreSQL: two processes polling one database deliver each e-mail exactly once.
 */
const started: ServerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  for (const s of started) await s.stop();
  for (const c of cleanups.reverse()) await c();
  await sink?.close();
});

async function queueMany(database: Database, orgId: string, prefix: string, count: number) {
  for (let i = 0; i < count; i++) {
    await database.db.transaction((tx) => queueEmail(tx, { orgId, to: `person${i}@example.test`, subject: `${prefix} ${i}`, text: `Message ${i}` }, { smtpConfigured: true, now: new Date() }));
  }
}

function subjectsReceived(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of sink.messages) counts.set(m.subject ?? '', (counts.get(m.subject ?? '') ?? 0) + 1);
  return counts;
}

const serverEnv = (extra: NodeJS.ProcessEnv) => ({ SMTP_URL: sink.url, MAIL_FROM: 'Offerline <offers@example.test>', JOB_POLL_MS: '25', ...extra });

describe('e-mail delivery by server processes', () => {
  it(
    testEngine === 'embedded' ? 'sends mail queued before start, and nothing twice after a restart' : 'two processes on one PostgreSQL send each of 120 e-mails exactly once',
    async () => {
      sink.messages.length = 0;
      if (testEngine === 'embedded') {
        const dataDir = mkdtempSync(join(tmpdir(), 'offerline-mail-'));
        cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
        expect((await runCli(['migrate'], { DATA_DIR: dataDir, DATABASE_URL: '' })).code).toBe(0);
        // The embedded database belongs to one process at a time: queue, close, then serve.
        const database = await openDatabase({ engine: 'embedded', dataDir });
        const fx = await createOrgFixture(database.db);
        await queueMany(database, fx.orgId, 'Before start', 15);
        await database.close();
        const first = await startServerProcess(serverEnv({ DATA_DIR: dataDir, DATABASE_URL: '' }));
        started.push(first);
        await sink.waitFor(15, 20_000);
        await first.stop();
        const second = await startServerProcess(serverEnv({ DATA_DIR: dataDir, DATABASE_URL: '' }));
        started.push(second);
        // Several polls pass; a job already done must not be sent again.
        await new Promise((r) => setTimeout(r, 500));
        await second.stop();
        const counts = subjectsReceived();
        expect(counts.size).toBe(15);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        const reopened = await openDatabase({ engine: 'embedded', dataDir });
        const rows = await reopened.db.select().from(outboundEmails);
        await reopened.close();
        expect(rows.map((r) => r.status)).toEqual(Array(15).fill('sent'));
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
      const [a, b] = await Promise.all([startServerProcess(serverEnv({ DATABASE_URL: url })), startServerProcess(serverEnv({ DATABASE_URL: url }))]);
      started.push(a, b);
      const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 });
      cleanups.push(() => database.close());
      const fx = await createOrgFixture(database.db);
      await queueMany(database, fx.orgId, 'Shared', 120);
      await sink.waitFor(120, 30_000);
      // Give both processes time to (wrongly) send anything a second time.
      await new Promise((r) => setTimeout(r, 500));
      const counts = subjectsReceived();
      expect(counts.size).toBe(120);
      expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      const rows = await database.db.select().from(outboundEmails);
      expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    },
    120_000,
  );
});

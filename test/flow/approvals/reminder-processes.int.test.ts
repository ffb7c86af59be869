import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/client';
import { migrateDatabase } from '../../../src/db/migrate';
import { jobs, journal } from '../../../src/db/schema';
import { buildApp } from '../../../src/server/app';
import { approvalsApi, flowPolicy } from '../../helpers/approvals';
import { createOrgFixture, signIn } from '../../helpers/factories';
import { offerApi } from '../../helpers/offer-api';
import { freshDatabaseName, withDatabaseName } from '../../helpers/pg-names';
import { startServerProcess, type ServerProcess } from '../../helpers/server-process';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { testEngine } from '../../helpers/test-database';

/**
 * Approval reminders sent by real server processes, counted at a real SMTP server. Embedded:
 * reminders that fell due while no server ran are sent after start, once, and a restart sends
 * nothing again. PostgreSQL: two processes on one database send each reminder once.
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

/** An offer waiting on finance, routed by the flow policy (reminders after 2 and 4 business hours); returns its id. */
async function offerWaitingOnFinance(database: Database): Promise<string> {
  const app = await buildApp({ database });
  try {
    const fx = await createOrgFixture(database.db);
    const api = approvalsApi(app);
    await api.savePolicy(await signIn(app, fx.users.admin.email), flowPolicy);
    const offers = offerApi(app, await signIn(app, fx.users.recruiter.email), fx);
    const draft = await offers.createDraft({ compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 230_000_00 } });
    expect((await offers.submit(draft.id, draft.rowVersion)).json().status).toBe('comp_review');
    return draft.id;
  } finally {
    await app.close();
  }
}

/** Business hours pass: both reminders fall due now. */
async function makeRemindersDue(database: Database) {
  const moved = await database.db.update(jobs).set({ runAt: sql`now() - interval '1 minute'` }).where(eq(jobs.kind, 'approval.reminder')).returning({ id: jobs.id });
  expect(moved).toHaveLength(2);
}

const reminders = () => sink.messages.filter((m) => m.subject?.startsWith('Reminder: approval needed'));
const serverEnv = (extra: NodeJS.ProcessEnv) => ({ SMTP_URL: sink.url, JOB_POLL_MS: '25', ...extra });
const settle = () => new Promise((r) => setTimeout(r, 750));

describe('approval reminders from server processes', () => {
  it(
    testEngine === 'embedded' ? 'sends reminders that fell due while stopped, once, and nothing again after a restart' : 'two processes on one PostgreSQL send each reminder once',
    async () => {
      sink.messages.length = 0;
      if (testEngine === 'embedded') {
        const dataDir = mkdtempSync(join(tmpdir(), 'offerline-reminders-'));
        cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
        const database = await openDatabase({ engine: 'embedded', dataDir });
        await migrateDatabase(database);
        const offerId = await offerWaitingOnFinance(database);
        await makeRemindersDue(database);
        await database.close();

        const first = await startServerProcess(serverEnv({ DATA_DIR: dataDir, DATABASE_URL: '' }));
        started.push(first);
        await sink.waitFor(2, 20_000);
        await first.stop();
        const second = await startServerProcess(serverEnv({ DATA_DIR: dataDir, DATABASE_URL: '' }));
        started.push(second);
        await settle();
        await second.stop();

        expect(reminders().map((m) => m.subject)).toHaveLength(2);
        const reopened = await openDatabase({ engine: 'embedded', dataDir });
        const entries = await reopened.db.select().from(journal).where(eq(journal.offerId, offerId));
        await reopened.close();
        expect(entries.filter((e) => e.type === 'approval.reminder_sent').map((e) => (e.data as { n: number }).n).sort()).toEqual([1, 2]);
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
      const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 });
      cleanups.push(() => database.close());
      await migrateDatabase(database);
      const offerId = await offerWaitingOnFinance(database);
      const [a, b] = await Promise.all([startServerProcess(serverEnv({ DATABASE_URL: url })), startServerProcess(serverEnv({ DATABASE_URL: url }))]);
      started.push(a, b);
      await makeRemindersDue(database);
      await sink.waitFor(2, 20_000);
      await settle();
      expect(reminders()).toHaveLength(2);
      expect(new Set(reminders().map((m) => m.messageId)).size).toBe(2);
      const entries = await database.db.select().from(journal).where(eq(journal.offerId, offerId));
      expect(entries.filter((e) => e.type === 'approval.reminder_sent')).toHaveLength(2);
    },
    120_000,
  );
});

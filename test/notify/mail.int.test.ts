import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock';
import type { Database } from '../../src/db/client';
import { jobs, outboundEmails } from '../../src/db/schema';
import { retryDelayMs } from '../../src/jobs/worker';
import { createJobRunner } from '../../src/jobs/worker';
import { createMailer, DEFAULT_MAIL_FROM, mailConfigFromEnv } from '../../src/notify/mailer';
import { EMAIL_DELIVER, EMAIL_MAX_ATTEMPTS, emailDeliveryHandler, queueEmail } from '../../src/notify/outbox';
import { buildApp } from '../../src/server/app';
import { createOrgFixture, type OrgFixture } from '../helpers/factories';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { TEST_NOW } from '../helpers/test-app';
import { createTestDatabase } from '../helpers/test-database';

let database: Database;
let fx: OrgFixture;
let sink: SmtpSink;
let clock: ReturnType<typeof fixedClock>;
const FROM = 'Offerline Test <offers@northwind.example>';

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await createOrgFixture(database.db);
  sink = await startSmtpSink({ reject: (to) => to.startsWith('bounce@') });
});
afterAll(async () => {
  await sink?.close();
  await database?.close();
});
beforeEach(async () => {
  clock = fixedClock(TEST_NOW);
  sink.messages.length = 0;
  await database.exec('DELETE FROM jobs; DELETE FROM outbound_emails;');
});

const db = () => database.db;
const mail = (over: Partial<Parameters<typeof queueEmail>[1]> = {}) => ({
  orgId: fx.orgId,
  to: 'finance@northwind.example',
  subject: 'Approval needed: Backend Engineer',
  text: 'Ada Lovelace: finance approval. Open https://offers.example/approve/abc',
  ...over,
});

function runnerWithSmtp() {
  const mailer = createMailer({ smtpUrl: sink.url, from: FROM });
  const runner = createJobRunner({ db: db(), clock, workerId: 'mail-test' });
  runner.register(EMAIL_DELIVER, emailDeliveryHandler({ db: db(), mailer, clock }));
  return { runner, mailer };
}

describe('mail configuration', () => {
  it('reads SMTP_URL and MAIL_FROM, with a default sender, and is off without SMTP_URL', () => {
    expect(mailConfigFromEnv({})).toBeNull();
    expect(mailConfigFromEnv({ SMTP_URL: '  ' })).toBeNull();
    expect(mailConfigFromEnv({ SMTP_URL: 'smtp://mail.example:587' })).toEqual({ smtpUrl: 'smtp://mail.example:587', from: DEFAULT_MAIL_FROM });
    expect(mailConfigFromEnv({ SMTP_URL: 'smtps://u:p@mail.example', MAIL_FROM: FROM })).toEqual({ smtpUrl: 'smtps://u:p@mail.example', from: FROM });
    expect(() => mailConfigFromEnv({ SMTP_URL: 'http://mail.example' })).toThrow(/smtp:\/\//);
    expect(() => mailConfigFromEnv({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
  });
});

describe('e-mail over SMTP', () => {
  it('queues the mail with a delivery job and sends it to a real SMTP server', async () => {
    const id = await db().transaction((tx) => queueEmail(tx, mail({ html: '<p>Open the offer</p>' }), { smtpConfigured: true, now: clock.now() }));
    const [queued] = await db().select().from(outboundEmails);
    expect(queued).toMatchObject({ id, status: 'queued', attempts: 0, createdAt: TEST_NOW });
    const [job] = await db().select().from(jobs);
    expect(job).toMatchObject({ kind: EMAIL_DELIVER, orgId: fx.orgId, payload: { emailId: id }, dedupeKey: `email:${id}`, state: 'queued', maxAttempts: EMAIL_MAX_ATTEMPTS });

    const { runner, mailer } = runnerWithSmtp();
    clock.advance(1000);
    expect(await runner.runDue()).toBe(1);
    const [received] = await sink.waitFor(1);
    expect(received!.subject).toBe('Approval needed: Backend Engineer');
    expect(received!.to).toMatchObject({ text: 'finance@northwind.example' });
    expect(received!.from).toMatchObject({ value: [{ address: 'offers@northwind.example', name: 'Offerline Test' }] });
    expect(received!.text?.trim()).toBe('Ada Lovelace: finance approval. Open https://offers.example/approve/abc');
    expect(received!.html).toContain('<p>Open the offer</p>');
    const [sent] = await db().select().from(outboundEmails);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: clock.now() });
    expect(sent!.messageId).toBe(received!.messageId);
    // Done is done: another pass sends nothing more.
    expect(await runner.runDue()).toBe(0);
    expect(sink.messages).toHaveLength(1);
    mailer.close();
  });

  it('writes nothing when the transaction that queued the mail rolls back', async () => {
    await expect(
      db().transaction(async (tx) => {
        await queueEmail(tx, mail(), { smtpConfigured: true, now: clock.now() });
        throw new Error('the approval failed');
      }),
    ).rejects.toThrow('the approval failed');
    expect(await db().select().from(outboundEmails)).toEqual([]);
    expect(await db().select().from(jobs)).toEqual([]);
  });

  it('records a refusal, retries with backoff, and marks the mail failed after the last attempt', async () => {
    const id = await queueEmail(db(), mail({ to: 'bounce@northwind.example' }), { smtpConfigured: true, now: clock.now() });
    const { runner, mailer } = runnerWithSmtp();
    expect(await runner.runDue()).toBe(1);
    let [row] = await db().select().from(outboundEmails).where(eq(outboundEmails.id, id));
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row!.lastError).toMatch(/does not exist/);
    expect((await db().select().from(jobs))[0]).toMatchObject({ state: 'queued', attempts: 1, runAt: new Date(TEST_NOW.getTime() + retryDelayMs(1)) });
    for (let attempt = 2; attempt <= EMAIL_MAX_ATTEMPTS; attempt++) {
      clock.advance(retryDelayMs(attempt - 1));
      expect(await runner.runDue()).toBe(1);
    }
    [row] = await db().select().from(outboundEmails).where(eq(outboundEmails.id, id));
    expect(row).toMatchObject({ status: 'failed', attempts: EMAIL_MAX_ATTEMPTS });
    expect((await db().select().from(jobs))[0]).toMatchObject({ state: 'failed', attempts: EMAIL_MAX_ATTEMPTS });
    expect(sink.messages).toHaveLength(0);
    mailer.close();
  });

  it('is delivered by the app’s own runner when the app has SMTP configured', async () => {
    const app = await buildApp({ database, clock, mail: { smtpUrl: sink.url, from: FROM } });
    try {
      await queueEmail(db(), mail({ subject: 'Through the app' }), { smtpConfigured: true, now: clock.now() });
      expect(await app.jobs.runDue()).toBe(1);
      const [received] = await sink.waitFor(1);
      expect(received!.subject).toBe('Through the app');
    } finally {
      await app.close();
    }
  });
});

describe('without SMTP', () => {
  it('holds the mail in the outbox and queues no delivery', async () => {
    const app = await buildApp({ database, clock, mail: null });
    try {
      const id = await queueEmail(db(), mail(), { smtpConfigured: false, now: clock.now() });
      const rows = await db().select().from(outboundEmails).orderBy(asc(outboundEmails.createdAt));
      expect(rows).toMatchObject([{ id, status: 'held', attempts: 0, toAddress: 'finance@northwind.example' }]);
      expect(await db().select().from(jobs)).toEqual([]);
      expect(await app.jobs.runDue()).toBe(0);
      expect(sink.messages).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('a mailer without configuration refuses to send', async () => {
    const mailer = createMailer(null);
    expect(mailer.configured).toBe(false);
    await expect(mailer.send({ to: 'a@b.example', subject: 's', text: 't' })).rejects.toThrow(/outbox/);
  });
});

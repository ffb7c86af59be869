import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import { ForbiddenError, InvalidRequestError } from '../core/errors';
import type { Db } from '../db/client';
import { enqueueJob } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import type { Mailer } from './mailer';
import { findOutboundEmail, insertOutboundEmail, listOutboundEmails, markOutboundEmailSent, outboundEmailExists, recordOutboundEmailError } from './outbox.repo';

/**
 * Every e-mail is first a row of outbound_emails, written in the caller's transaction. With SMTP
 * configured a delivery job goes with it, so the mail leaves only if the change commits; without
 * SMTP the row is held and admins read it in the outbox.
 */
export const EMAIL_DELIVER = 'email.deliver';
/** With the queue's backoff (30 s doubling, at most 1 h) eight tries span about two hours. */
export const EMAIL_MAX_ATTEMPTS = 8;

export interface QueuedMail {
  orgId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export async function queueEmail(tx: Db, mail: QueuedMail, opts: { smtpConfigured: boolean; now: Date }): Promise<string> {
  const id = randomUUID();
  await insertOutboundEmail(tx, {
    id,
    orgId: mail.orgId,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    status: opts.smtpConfigured ? 'queued' : 'held',
    createdAt: opts.now,
  });
  if (opts.smtpConfigured) {
    await enqueueJob(tx, { kind: EMAIL_DELIVER, orgId: mail.orgId, payload: { emailId: id }, runAt: opts.now, dedupeKey: `email:${id}`, maxAttempts: EMAIL_MAX_ATTEMPTS });
  }
  return id;
}

/** The 'email.deliver' job: sends one queued e-mail; a throw makes the queue retry it. */
export function emailDeliveryHandler({ db, mailer, clock }: { db: Db; mailer: Mailer; clock: Clock }): JobHandler {
  return async (job) => {
    const email = await findOutboundEmail(db, String(job.payload?.emailId ?? ''));
    // Already sent (a retry after the row was marked) or gone: nothing to do, and nothing to send twice.
    if (!email || email.status !== 'queued') return;
    try {
      const { messageId } = await mailer.send({ to: email.toAddress, subject: email.subject, text: email.textBody, html: email.htmlBody });
      await markOutboundEmailSent(db, email.id, { messageId, sentAt: clock.now() });
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      await recordOutboundEmailError(db, email.id, { error, giveUp: job.attempts >= EMAIL_MAX_ATTEMPTS });
      throw err;
    }
  };
}

export interface OutboxItem {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The organisation's e-mails, newest first; organisation-wide admins only. */
export function createOutbox({ db }: { db: Db }) {
  async function list(actor: Actor, q: { limit: number; cursor?: string }): Promise<{ items: OutboxItem[]; nextCursor: string | null }> {
    if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins can read the outbox.');
    if (q.cursor && !(await outboundEmailExists(db, actor.orgId, q.cursor))) {
      throw new InvalidRequestError('The cursor is not one this API returned.', [{ field: 'cursor', message: 'is not a cursor from a previous page' }]);
    }
    const rows = await listOutboundEmails(db, actor.orgId, { afterId: q.cursor, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        to: r.toAddress,
        subject: r.subject,
        text: r.textBody,
        status: r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      })),
      nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
    };
  }
  return { list };
}

export type Outbox = ReturnType<typeof createOutbox>;

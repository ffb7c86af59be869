import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import { ForbiddenError, InvalidRequestError } from '../core/errors';
import type { Db } from '../db/client';
import { enqueueJob } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import type { ObjectStore } from '../storage/object-store';
import type { Mailer, MailAttachment } from './mailer';
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
  /** Files sent with the mail, by their address in the object store; read at delivery. */
  attachments?: QueuedAttachment[];
}

export interface QueuedAttachment {
  filename: string;
  sha256: string;
  contentType: string;
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
    attachments: mail.attachments ?? [],
    status: opts.smtpConfigured ? 'queued' : 'held',
    createdAt: opts.now,
  });
  if (opts.smtpConfigured) {
    await enqueueJob(tx, { kind: EMAIL_DELIVER, orgId: mail.orgId, payload: { emailId: id }, runAt: opts.now, dedupeKey: `email:${id}`, maxAttempts: EMAIL_MAX_ATTEMPTS });
  }
  return id;
}

/** The 'email.deliver' job: sends one queued e-mail; a throw makes the queue retry it. */
export function emailDeliveryHandler({ db, mailer, clock, store }: { db: Db; mailer: Mailer; clock: Clock; store?: ObjectStore }): JobHandler {
  return async (job) => {
    const email = await findOutboundEmail(db, String(job.payload?.emailId ?? ''));
    // Already sent (a retry after the row was marked) or gone: nothing to do, and nothing to send twice.
    if (!email || email.status !== 'queued') return;
    try {
      const attachments = await readAttachments(store, (email.attachments ?? []) as QueuedAttachment[]);
      const { messageId } = await mailer.send({ to: email.toAddress, subject: email.subject, text: email.textBody, html: email.htmlBody, ...(attachments.length ? { attachments } : {}) });
      await markOutboundEmailSent(db, email.id, { messageId, sentAt: clock.now() });
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      await recordOutboundEmailError(db, email.id, { error, giveUp: job.attempts >= EMAIL_MAX_ATTEMPTS });
      throw err;
    }
  };
}

/** The attachments' bytes from the object store; a missing one fails the attempt (and is retried). */
async function readAttachments(store: ObjectStore | undefined, queued: QueuedAttachment[]): Promise<MailAttachment[]> {
  if (!queued.length) return [];
  if (!store) throw new Error('This e-mail has attachments but the server has no object store to read them from.');
  const files: MailAttachment[] = [];
  for (const a of queued) {
    const content = await store.get(a.sha256);
    if (!content) throw new Error(`The attachment ${a.filename} (${a.sha256}) is missing from the object store.`);
    files.push({ filename: a.filename, content, contentType: a.contentType });
  }
  return files;
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

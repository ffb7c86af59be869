import { hashSecret, newSecret } from '../../auth/secrets';
import type { Db } from '../../db/client';
import { notifyUser } from '../../notify/notifications.service';
import { queueEmail } from '../../notify/outbox';
import { insertApprovalLink } from './approval-links.repo';
import type { DirectoryUser } from './approver-directory.repo';
import type { ApprovalStepRow } from './approvals.repo';

export interface NoticeSettings {
  /** Where people open the web app; links in e-mails start here. */
  publicUrl: string;
  smtpConfigured: boolean;
}

export interface NoticeOffer {
  id: string;
  orgId: string;
  title: string;
  candidateName: string;
}

/** How long an e-mailed approval link works. */
export const APPROVAL_LINK_TTL_MS = 7 * 24 * 3600_000;

export type NoticeKind = 'requested' | 'reminder' | 'escalated';

const subjects: Record<NoticeKind, (step: string, title: string) => string> = {
  requested: (step, title) => `Approval needed: ${title} (${step})`,
  reminder: (step, title) => `Reminder: approval needed for ${title} (${step})`,
  escalated: (step, title) => `Escalated: ${title} is waiting on ${step}`,
};

/**
 * Tells one person a step needs them: an inbox item and an e-mail with a single-use link.
 * The e-mail leaves pay out (mail is read in many places); the link asks for confirmation.
 */
export async function noticeApprover(
  tx: Db,
  settings: NoticeSettings,
  now: Date,
  offer: NoticeOffer,
  step: Pick<ApprovalStepRow, 'id' | 'stepName' | 'dueAt'> & { phase?: string },
  user: DirectoryUser,
  kind: NoticeKind,
): Promise<void> {
  // A rescind step approves taking the offer back from the candidate, not the offer itself: say so.
  const rescind = step.phase === 'rescind';
  const title = subjects[kind](step.stepName, rescind ? `rescinding ${offer.title}` : offer.title);
  const due = step.dueAt ? ` Due ${formatDue(step.dueAt, user.timeZone)}.` : '';
  await notifyUser(tx, {
    orgId: offer.orgId,
    userId: user.id,
    offerId: offer.id,
    kind: `approval.${kind}`,
    title,
    body: `${offer.candidateName}: ${step.stepName} approval${rescind ? ' to rescind the offer' : ''}.${due}`,
    now,
  });
  const token = newSecret('oal_');
  await insertApprovalLink(tx, {
    tokenHash: hashSecret(token),
    orgId: offer.orgId,
    stepId: step.id,
    userId: user.id,
    expiresAt: new Date(now.getTime() + APPROVAL_LINK_TTL_MS),
    createdAt: now,
  });
  const link = `${settings.publicUrl.replace(/\/$/, '')}/approve/${token}`;
  await queueEmail(
    tx,
    {
      orgId: offer.orgId,
      to: user.email,
      subject: title,
      text: [
        `Hello ${user.name},`,
        '',
        rescind
          ? `A request to rescind the offer "${offer.title}" for ${offer.candidateName} needs your ${step.stepName} approval. The offer is rescinded once the approvals are in; rejecting the request leaves it with the candidate.${due}`
          : `The offer "${offer.title}" for ${offer.candidateName} needs your ${step.stepName} approval.${due}`,
        '',
        `Review it here: ${link}`,
        '',
        'The link shows the offer and asks you to confirm; nothing is decided until you do.',
        'It works once and expires in 7 days. You can also act from your Offerline inbox.',
      ].join('\n'),
    },
    { smtpConfigured: settings.smtpConfigured, now },
  );
}

/** Tells the recruiter something they should know about their offer (in-app only). */
export async function noticeRecruiter(tx: Db, now: Date, offer: NoticeOffer, recruiterId: string, kind: string, title: string, body: string) {
  await notifyUser(tx, { orgId: offer.orgId, userId: recruiterId, offerId: offer.id, kind, title, body, now });
}

function formatDue(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(at);
}

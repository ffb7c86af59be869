import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { writeOffer } from '../../offers/offer-writer';
import { noticeApprover, noticeRecruiter, type NoticeSettings } from './approval-notices';
import { usersByIds } from './approver-directory.repo';
import { findStep, listDecisions, lockStep, updateStep } from './approvals.repo';
import { RESCIND_PHASE, rescindLapsed } from './rescind-approval';
import { orderLike } from './stage-activation';

interface StepJob {
  orgId: string | null;
  payload: { stepId?: string; n?: number };
}

/**
 * Reminders and SLA escalation. Each runs in one transaction with its journal entry, and does
 * nothing when the step was decided in the meantime, so a late or repeated timer is harmless.
 */
export function createApprovalTimers({ db, clock, notices }: { db: Db; clock: Clock; notices: NoticeSettings }) {
  async function onStep(job: StepJob, act: (tx: Db, step: NonNullable<Awaited<ReturnType<typeof lockStep>>>, offer: Parameters<Parameters<typeof writeOffer>[3]>[0], now: Date) => Promise<{ type: string; data: Record<string, unknown> }[]>) {
    const { orgId } = job;
    const stepId = job.payload.stepId;
    if (!orgId || !stepId) return;
    const found = await findStep(db, orgId, stepId);
    if (!found || found.status !== 'pending') return;
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId, offerId: found.offerId, actorId: null }, async (offer) => {
        const step = await lockStep(tx, orgId, stepId);
        if (!step || step.status !== 'pending') return { set: {}, entries: [] };
        // Nobody is reminded about a rescind request whose offer moved on; deciding on it closes it.
        if (step.phase === RESCIND_PHASE && rescindLapsed(offer, step)) return { set: {}, entries: [] };
        return { set: {}, entries: await act(tx, step, offer, clock.now()) };
      }),
    );
  }

  async function remind(job: StepJob) {
    await onStep(job, async (tx, step, offer, now) => {
      const decided = (await listDecisions(tx, step.orgId, [step.id])).map((d) => d.approverId);
      const waitingOn = (step.approverIds as string[]).filter((id) => !decided.includes(id));
      const users = orderLike(waitingOn, await usersByIds(tx, step.orgId, waitingOn));
      for (const user of users) await noticeApprover(tx, notices, now, offer, step, user, 'reminder');
      return [{ type: 'approval.reminder_sent', data: { stepId: step.id, step: step.stepKey, n: job.payload.n ?? 1, to: users.map((u) => u.id) } }];
    });
  }

  /** Past the SLA: the escalation target is told and may approve too; the recruiter sees the breach. */
  async function escalate(job: StepJob) {
    await onStep(job, async (tx, step, offer, now) => {
      const targets = (step.escalationIds as string[]).filter((id) => id !== offer.recruiterId);
      const approverIds = [...new Set([...(step.approverIds as string[]), ...targets])];
      await updateStep(tx, step.id, { escalatedAt: now, approverIds });
      const users = orderLike(targets, await usersByIds(tx, step.orgId, targets));
      for (const user of users) await noticeApprover(tx, notices, now, offer, step, user, 'escalated');
      await noticeRecruiter(tx, now, offer, offer.recruiterId, 'approval.sla_breached', `${step.stepName} is past its SLA on ${offer.title}`, users.length ? `Escalated to ${users.map((u) => u.name).join(', ')}.` : 'No escalation target is set for this step.');
      return [{ type: 'approval.escalated', data: { stepId: step.id, step: step.stepKey, dueAt: step.dueAt?.toISOString() ?? null, to: users.map((u) => u.id) } }];
    });
  }

  return { remind, escalate };
}

import { addBusinessHours, type BusinessCalendar } from '../../core/business-hours';
import type { Db } from '../../db/client';
import { cancelJobs, enqueueJob } from '../../jobs/queue';
import type { PendingEntry } from '../../journal/chain';
import { noticeApprover, type NoticeOffer, type NoticeSettings } from './approval-notices';
import { usersByIds, type DirectoryUser } from './approver-directory.repo';
import { listOrgHolidays, listStepsOfVersion, updateStep, type ApprovalStepRow } from './approvals.repo';

export const REMINDER_JOB = 'approval.reminder';
export const ESCALATION_JOB = 'approval.escalate';

/** Every timer of a step shares this prefix, so a decision cancels them in one call. */
export const stepTimerPrefix = (stepId: string) => `approval:${stepId}:`;

/** The approver's working calendar: their time zone, federal holidays and the organisation's own. */
export async function calendarOf(db: Db, orgId: string, user: DirectoryUser | undefined): Promise<BusinessCalendar> {
  return { timeZone: user?.timeZone ?? 'America/New_York', holidays: await listOrgHolidays(db, orgId) };
}

/**
 * Starts the first stage of `phase` that still has waiting steps: its steps become pending,
 * get a due time in the first approver's business hours, timers, and notices.
 * Returns no entries when the phase has nothing left to start.
 */
export async function startNextStage(
  tx: Db,
  settings: NoticeSettings,
  now: Date,
  offer: NoticeOffer,
  versionNumber: number,
  phase: string,
): Promise<PendingEntry[]> {
  const steps = await listStepsOfVersion(tx, offer.orgId, offer.id, versionNumber);
  const waiting = steps.filter((s) => s.phase === phase && s.status === 'waiting');
  if (waiting.length === 0) return [];
  const stageIndex = Math.min(...waiting.map((s) => s.stageIndex));
  const stage = waiting.filter((s) => s.stageIndex === stageIndex);
  const started = [];
  for (const step of stage) {
    const approvers = orderLike(step.approverIds as string[], await usersByIds(tx, offer.orgId, step.approverIds as string[]));
    const calendar = await calendarOf(tx, offer.orgId, approvers[0]);
    const dueAt = step.slaHours ? addBusinessHours(now, step.slaHours, calendar) : null;
    await updateStep(tx, step.id, { status: 'pending', activatedAt: now, dueAt });
    await scheduleTimers(tx, { ...step, dueAt }, now, calendar);
    for (const user of approvers) await noticeApprover(tx, settings, now, offer, { ...step, dueAt }, user, 'requested');
    started.push({ step: step.stepKey, approverIds: step.approverIds, dueAt: dueAt?.toISOString() ?? null });
  }
  return [{ type: 'approval.stage_started', data: { phase, stage: stage[0]!.stageKey, version: versionNumber, steps: started } }];
}

async function scheduleTimers(tx: Db, step: ApprovalStepRow, now: Date, calendar: BusinessCalendar) {
  const hours = (step.reminderHours as number[]) ?? [];
  for (const [i, h] of hours.entries()) {
    await enqueueJob(tx, {
      kind: REMINDER_JOB,
      orgId: step.orgId,
      payload: { stepId: step.id, n: i + 1 },
      runAt: addBusinessHours(now, h, calendar),
      dedupeKey: `${stepTimerPrefix(step.id)}reminder:${i + 1}`,
    });
  }
  if (step.dueAt) {
    await enqueueJob(tx, {
      kind: ESCALATION_JOB,
      orgId: step.orgId,
      payload: { stepId: step.id },
      runAt: step.dueAt,
      dedupeKey: `${stepTimerPrefix(step.id)}escalate`,
    });
  }
}

/** Closes the open steps of a version (of one phase, when given: the offer went back to draft or ended) and stops their timers. */
export async function supersedeOpenSteps(tx: Db, orgId: string, offerId: string, versionNumber: number, now: Date, phase?: string): Promise<string[]> {
  const steps = await listStepsOfVersion(tx, orgId, offerId, versionNumber);
  const open = steps.filter((s) => (s.status === 'waiting' || s.status === 'pending') && (phase === undefined || s.phase === phase));
  for (const s of open) {
    await updateStep(tx, s.id, { status: 'superseded', decidedAt: now });
    await cancelJobs(tx, stepTimerPrefix(s.id));
  }
  return open.map((s) => `${s.stageKey}/${s.stepKey}`);
}

export function orderLike(ids: string[], users: DirectoryUser[]): DirectoryUser[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id)).filter((u): u is DirectoryUser => !!u);
}

import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import { transition, type OfferEventType, type OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { cancelJobs } from '../../jobs/queue';
import type { PendingEntry } from '../../journal/chain';
import { transitionEntry } from '../../offers/offer-events.service';
import { writeOffer } from '../../offers/offer-writer';
import { findVersion, type OfferRow } from '../../offers/offers.repo';
import type { NoticeSettings } from './approval-notices';
import { noticeRecruiter } from './approval-notices';
import {
  activeDelegations,
  findStep,
  insertDecision,
  listDecisions,
  listStepsOfVersion,
  lockStep,
  updateStep,
  type ApprovalStepRow,
} from './approvals.repo';
import { startNextStage, stepTimerPrefix, supersedeOpenSteps } from './stage-activation';

export const decisionKinds = ['approve', 'reject', 'request_changes'] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export interface DecisionInput {
  decision: DecisionKind;
  comment: string;
}

/** How the decision arrived: the web app or API, or a single-use e-mail link. */
export type DecisionVia = 'app' | 'email_link';

const phaseDoneEvent: Record<string, OfferEventType> = { compensation: 'comp_approved', packet: 'packet_approved' };
const sendBackEvent: Record<Exclude<DecisionKind, 'approve'>, OfferEventType> = { reject: 'reject', request_changes: 'request_changes' };

/**
 * Approve, reject or request changes on one step. Every decision is a row and a journal entry;
 * a step that reaches its quorum may finish its stage, start the next one, or finish the phase
 * and move the offer on. Rejecting sends the offer back to draft for a new version.
 */
export function createDecisionsService({ db, clock, notices }: { db: Db; clock: Clock; notices: NoticeSettings }) {
  async function decide(actor: Pick<Actor, 'orgId' | 'userId'>, stepId: string, input: DecisionInput, via: DecisionVia) {
    if (input.decision !== 'approve' && input.comment.trim() === '') {
      throw new ValidationError([{ field: 'comment', message: `is required to ${input.decision === 'reject' ? 'reject' : 'request changes'}` }]);
    }
    const found = await findStep(db, actor.orgId, stepId);
    if (!found) throw new NotFoundError('approval step', stepId);
    let decided: ApprovalStepRow | null = null;
    const offer = await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId: found.offerId, actorId: actor.userId }, async (offer) => {
        const now = clock.now();
        const step = (await lockStep(tx, actor.orgId, stepId))!;
        if (step.status !== 'pending') {
          throw new ConflictError(`The ${step.stepName} step is "${step.status}"; only a pending step takes decisions.`);
        }
        const earlier = await listDecisions(tx, actor.orgId, [step.id]);
        const approverId = await actingFor(tx, actor, step, earlier.map((d) => d.approverId), now);
        await insertDecision(tx, {
          id: randomUUID(),
          orgId: actor.orgId,
          offerId: offer.id,
          stepId: step.id,
          approverId,
          actedById: actor.userId,
          decision: input.decision,
          comment: input.comment.trim(),
          via,
          at: now,
        });
        const entries: PendingEntry[] = [
          {
            type: 'approval.decided',
            data: {
              stepId: step.id,
              stage: step.stageKey,
              step: step.stepKey,
              version: step.versionNumber,
              decision: input.decision,
              approverId,
              ...(approverId !== actor.userId ? { onBehalfOf: approverId, delegateId: actor.userId } : {}),
              comment: input.comment.trim(),
              via,
            },
          },
        ];
        if (input.decision === 'approve') {
          const approvals = earlier.filter((d) => d.decision === 'approve').length + 1;
          if (approvals < step.quorum) {
            decided = step;
            return { set: {}, entries };
          }
          await updateStep(tx, step.id, { status: 'approved', decidedAt: now });
          await cancelJobs(tx, stepTimerPrefix(step.id));
          decided = { ...step, status: 'approved' };
          entries.push({ type: 'approval.step_approved', data: { stepId: step.id, stage: step.stageKey, step: step.stepKey, approvals } });
          entries.push(...(await advance(tx, offer, step, now)));
          const phaseDone = await moveIfPhaseDone(tx, offer, step, now);
          if (!phaseDone) return { set: {}, entries };
          return { set: { status: phaseDone.to }, entries: [...entries, phaseDone.entry] };
        }
        const status = input.decision === 'reject' ? 'rejected' : 'changes_requested';
        await updateStep(tx, step.id, { status, decidedAt: now });
        await cancelJobs(tx, stepTimerPrefix(step.id));
        decided = { ...step, status };
        const closed = await supersedeOpenSteps(tx, actor.orgId, offer.id, step.versionNumber, now);
        const moved = transition(offer.status as OfferStatus, sendBackEvent[input.decision]);
        if (!moved.ok) throw new ConflictError(`This offer cannot go back to draft from "${offer.status}".`);
        const terms = (await findVersion(tx, offer.orgId, offer.id, offer.currentVersion))?.terms ?? null;
        await noticeRecruiter(tx, now, offer, offer.recruiterId, `approval.${status}`, `${step.stepName}: ${input.decision === 'reject' ? 'rejected' : 'changes requested'} on ${offer.title}`, input.comment.trim());
        return {
          set: { status: moved.to, draftTerms: terms },
          entries: [...entries, ...(closed.length ? [{ type: 'approval.steps_closed', data: { steps: closed, reason: status } }] : []), transitionEntry(sendBackEvent[input.decision], moved, input.comment.trim())],
        };
      }),
    );
    return { offer, step: decided! };
  }

  /** After a step passes: start the next stage of its phase when this one has nothing open. */
  async function advance(tx: Db, offer: OfferRow, step: ApprovalStepRow, now: Date): Promise<PendingEntry[]> {
    const steps = await listStepsOfVersion(tx, offer.orgId, offer.id, step.versionNumber);
    const stageOpen = steps.some((s) => s.stageIndex === step.stageIndex && s.status === 'pending');
    if (stageOpen) return [];
    return startNextStage(tx, notices, now, offer, step.versionNumber, step.phase);
  }

  /** When the phase has no open step left, the offer moves on (comp approved, or packet approved). */
  async function moveIfPhaseDone(tx: Db, offer: OfferRow, step: ApprovalStepRow, now: Date) {
    const steps = await listStepsOfVersion(tx, offer.orgId, offer.id, step.versionNumber);
    if (steps.some((s) => s.phase === step.phase && (s.status === 'pending' || s.status === 'waiting'))) return null;
    const event = phaseDoneEvent[step.phase]!;
    const moved = transition(offer.status as OfferStatus, event);
    if (!moved.ok) throw new ConflictError(`This offer cannot complete its ${step.phase} approvals from "${offer.status}".`);
    const next = moved.to === 'drafting' ? 'prepare the offer packet' : 'send the offer';
    await noticeRecruiter(tx, now, offer, offer.recruiterId, `approval.${step.phase}_approved`, `${offer.title}: ${step.phase} approvals complete`, `Next: ${next}.`);
    return { to: moved.to, entry: transitionEntry(event, moved) };
  }

  return { decide };
}

/** The approver this caller acts as: themselves, or someone away who delegated to them. */
async function actingFor(tx: Db, actor: Pick<Actor, 'orgId' | 'userId'>, step: ApprovalStepRow, alreadyDecided: string[], now: Date): Promise<string> {
  const approvers = (step.approverIds as string[]).filter((id) => !alreadyDecided.includes(id));
  if (approvers.includes(actor.userId)) return actor.userId;
  if ((step.approverIds as string[]).includes(actor.userId)) {
    throw new ConflictError(`You have already decided on the ${step.stepName} step.`);
  }
  const delegations = await activeDelegations(tx, actor.orgId, now);
  const standIn = delegations.find((d) => d.delegateId === actor.userId && approvers.includes(d.userId));
  if (standIn) return standIn.userId;
  throw new ForbiddenError(`You are not an approver of the ${step.stepName} step, and nobody who is has delegated to you.`);
}

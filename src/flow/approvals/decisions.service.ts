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
import { queuePacket } from '../documents/packet-generator';

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
          const passed = await approveStep(tx, offer, step, earlier.filter((d) => d.decision === 'approve').length + 1, now);
          decided = passed.step;
          return { set: passed.set, entries: [...entries, ...passed.entries] };
        }
        const back = await sendBack(tx, offer, step, input, now);
        decided = back.step;
        return { set: back.set, entries: [...entries, ...back.entries] };
      }),
    );
    return { offer, step: decided! };
  }


  /** Counts the approval; at quorum the step passes and may start the next stage or finish the phase. */
  async function approveStep(tx: Db, offer: OfferRow, step: ApprovalStepRow, approvals: number, now: Date) {
    if (approvals < step.quorum) return { step, set: {}, entries: [] as PendingEntry[] };
    await updateStep(tx, step.id, { status: 'approved', decidedAt: now });
    await cancelJobs(tx, stepTimerPrefix(step.id));
    const entries: PendingEntry[] = [
      { type: 'approval.step_approved', data: { stepId: step.id, stage: step.stageKey, step: step.stepKey, approvals } },
      ...(await advance(tx, offer, step, now)),
    ];
    const phaseDone = await moveIfPhaseDone(tx, offer, step, now);
    const passed = { ...step, status: 'approved' };
    if (!phaseDone) return { step: passed, set: {}, entries };
    return { step: passed, set: { status: phaseDone.to }, entries: [...entries, phaseDone.entry] };
  }

  /** Reject or request changes: the other open steps close and the offer returns to draft with its terms. */
  async function sendBack(tx: Db, offer: OfferRow, step: ApprovalStepRow, input: DecisionInput, now: Date) {
    const kind = input.decision as Exclude<DecisionKind, 'approve'>;
    const status = kind === 'reject' ? 'rejected' : 'changes_requested';
    await updateStep(tx, step.id, { status, decidedAt: now });
    await cancelJobs(tx, stepTimerPrefix(step.id));
    const closed = await supersedeOpenSteps(tx, offer.orgId, offer.id, step.versionNumber, now);
    const moved = transition(offer.status as OfferStatus, sendBackEvent[kind]);
    if (!moved.ok) throw new ConflictError(`This offer cannot go back to draft from "${offer.status}".`);
    const terms = (await findVersion(tx, offer.orgId, offer.id, offer.currentVersion))?.terms ?? null;
    const what = kind === 'reject' ? 'rejected' : 'changes requested';
    await noticeRecruiter(tx, now, offer, offer.recruiterId, `approval.${status}`, `${step.stepName}: ${what} on ${offer.title}`, input.comment.trim());
    const entries: PendingEntry[] = [
      ...(closed.length ? [{ type: 'approval.steps_closed', data: { steps: closed, reason: status } }] : []),
      transitionEntry(sendBackEvent[kind], moved, input.comment.trim()),
    ];
    return { step: { ...step, status }, set: { status: moved.to, draftTerms: terms }, entries };
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
    if (moved.to === 'drafting') await queuePacket(tx, offer, step.versionNumber, now);
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

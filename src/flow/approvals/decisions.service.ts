import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import { transition, type OfferEventType, type OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { cancelJobs } from '../../jobs/queue';
import type { PendingEntry } from '../../journal/chain';
import { transitionEntry, type TransitionHooks } from '../../offers/offer-events.service';
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
import { latestRescindRequest, RESCIND_PHASE, rescindLapsed } from './rescind-approval';
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
 * Rescind steps differ: when they pass the offer is rescinded (through `afterMove`, which revokes
 * the candidate's links); a rejection refuses the rescind and the offer stays where it is.
 */
export function createDecisionsService({
  db,
  clock,
  notices,
  afterMove,
}: {
  db: Db;
  clock: Clock;
  notices: NoticeSettings;
  /** The lifecycle's work after a move (revoke links, close steps), for the rescind an approval completes. */
  afterMove?: TransitionHooks['afterMove'];
}) {
  async function decide(actor: Pick<Actor, 'orgId' | 'userId'>, stepId: string, input: DecisionInput, via: DecisionVia) {
    if (input.decision !== 'approve' && input.comment.trim() === '') {
      throw new ValidationError([{ field: 'comment', message: `is required to ${input.decision === 'reject' ? 'reject' : 'request changes'}` }]);
    }
    const found = await findStep(db, actor.orgId, stepId);
    if (!found) throw new NotFoundError('approval step', stepId);
    let decided: ApprovalStepRow | null = null;
    let lapsed: string | null = null;
    const offer = await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId: found.offerId, actorId: actor.userId }, async (offer) => {
        const now = clock.now();
        const step = (await lockStep(tx, actor.orgId, stepId))!;
        if (step.status !== 'pending') {
          throw new ConflictError(`The ${step.stepName} step is "${step.status}"; only a pending step takes decisions.`);
        }
        const earlier = await listDecisions(tx, actor.orgId, [step.id]);
        const approverId = await actingFor(tx, actor, step, earlier.map((d) => d.approverId), now);
        if (step.phase === RESCIND_PHASE && rescindLapsed(offer, step)) {
          // The offer moved on without passing through the lifecycle hooks (the candidate declined):
          // the request is over; close its steps and tell the approver.
          const closed = await supersedeOpenSteps(tx, offer.orgId, offer.id, step.versionNumber, now, RESCIND_PHASE);
          lapsed =
            offer.currentVersion !== step.versionNumber
              ? `This rescind request was for version ${step.versionNumber}; the offer is at version ${offer.currentVersion} now, so the request lapsed and its steps are closed.`
              : `The offer is "${offer.status}" now and cannot be rescinded, so the rescind request lapsed and its steps are closed.`;
          return { set: {}, entries: [{ type: 'approval.steps_closed', data: { steps: closed, reason: 'rescind_lapsed', status: offer.status } }] };
        }
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
        const back = step.phase === RESCIND_PHASE ? await refuseRescind(tx, offer, step, input, now) : await sendBack(tx, offer, step, input, now);
        decided = back.step;
        return { set: back.set, entries: [...entries, ...back.entries] };
      }),
    );
    if (lapsed) throw new ConflictError(lapsed);
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
    const phaseDone = step.phase === RESCIND_PHASE ? await rescindIfApproved(tx, offer, step, now) : await moveIfPhaseDone(tx, offer, step, now);
    const passed = { ...step, status: 'approved' };
    if (!phaseDone) return { step: passed, set: {}, entries };
    return { step: passed, set: { status: phaseDone.to }, entries: [...entries, ...phaseDone.entries] };
  }

  /** Every rescind step passed: the offer is rescinded with the reason of the request, as a rescind by hand would be. */
  async function rescindIfApproved(tx: Db, offer: OfferRow, step: ApprovalStepRow, now: Date) {
    const steps = await listStepsOfVersion(tx, offer.orgId, offer.id, step.versionNumber);
    const ofRequest = steps.filter((s) => s.phase === RESCIND_PHASE && s.status !== 'superseded');
    if (ofRequest.some((s) => s.status === 'pending' || s.status === 'waiting')) return null;
    const moved = transition(offer.status as OfferStatus, 'rescind');
    if (!moved.ok) throw new ConflictError(`This offer cannot be rescinded from "${offer.status}".`);
    const request = await latestRescindRequest(tx, offer.orgId, offer.id);
    const decisions = await listDecisions(tx, offer.orgId, ofRequest.filter((s) => s.status === 'approved').map((s) => s.id));
    const approvedBy = [...new Set(decisions.filter((d) => d.decision === 'approve').map((d) => d.approverId))];
    const after = afterMove ? await afterMove(tx, offer, moved) : [];
    await noticeRecruiter(
      tx,
      now,
      offer,
      offer.recruiterId,
      'approval.rescind_approved',
      `${offer.title}: rescind approved`,
      `The offer is rescinded${request?.reason ? `: ${request.reason}` : ''}. The candidate's link no longer works.`,
    );
    return {
      to: moved.to,
      entries: [
        { type: 'offer.rescind_approved', data: { version: step.versionNumber, approvedBy } },
        transitionEntry('rescind', moved, request?.reason),
        ...after,
      ] as PendingEntry[],
    };
  }

  /** Reject (or request changes) on a rescind step: the request is refused, its other steps close, the offer stays. */
  async function refuseRescind(tx: Db, offer: OfferRow, step: ApprovalStepRow, input: DecisionInput, now: Date) {
    const kind = input.decision as Exclude<DecisionKind, 'approve'>;
    const status = kind === 'reject' ? 'rejected' : 'changes_requested';
    await updateStep(tx, step.id, { status, decidedAt: now });
    await cancelJobs(tx, stepTimerPrefix(step.id));
    const closed = await supersedeOpenSteps(tx, offer.orgId, offer.id, step.versionNumber, now, RESCIND_PHASE);
    const request = await latestRescindRequest(tx, offer.orgId, offer.id);
    await noticeRecruiter(tx, now, offer, offer.recruiterId, 'approval.rescind_refused', `${step.stepName}: rescind refused on ${offer.title}`, input.comment.trim());
    const entries: PendingEntry[] = [
      ...(closed.length ? [{ type: 'approval.steps_closed', data: { steps: closed, reason: 'rescind_refused' } }] : []),
      {
        type: 'offer.rescind_refused',
        data: {
          version: step.versionNumber,
          stage: step.stageKey,
          step: step.stepKey,
          decision: kind,
          comment: input.comment.trim(),
          ...(request?.reason ? { reason: request.reason } : {}),
        },
      },
    ];
    return { step: { ...step, status }, set: {}, entries };
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
    return { to: moved.to, entries: [transitionEntry(event, moved)] };
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

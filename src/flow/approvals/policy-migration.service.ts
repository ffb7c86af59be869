import { holdsOrgWide, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ConflictError, ForbiddenError, ValidationError } from '../../core/errors';
import { transition, type OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import type { PendingEntry } from '../../journal/chain';
import { transitionEntry } from '../../offers/offer-events.service';
import { findVisibleOffer } from '../../offers/offer-access';
import { writeOffer } from '../../offers/offer-writer';
import { findVersion } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { findPolicyVersionById } from '../policy/policy.repo';
import type { NoticeSettings } from './approval-notices';
import { listStepsOfVersion, updateStep } from './approvals.repo';
import { routeVersion } from './routing';
import { startNextStage, stepTimerPrefix } from './stage-activation';
import { cancelJobs } from '../../jobs/queue';
import { queuePacket } from '../documents/packet-generator';

/** States in which an offer can change policy: before anything is approved for sending. */
const movable: OfferStatus[] = ['draft', 'comp_review', 'drafting', 'in_approval'];

/**
 * In-flight offers keep the policy version they started with. An admin may move one to another
 * version: the current version is routed again under it, approvals already given carry over
 * where the new policy has the same step, and the move is journaled.
 */
export function createPolicyMigration({ db, clock, notices }: { db: Db; clock: Clock; notices: NoticeSettings }) {
  async function move(actor: Actor, offerId: string, policyVersionId: string, expectedRowVersion: number) {
    // Looked up first, so another organisation's offer is not found rather than forbidden.
    await findVisibleOffer(db, actor, offerId);
    if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins move offers to another policy version.');
    const target = await findPolicyVersionById(db, actor.orgId, policyVersionId);
    if (!target) throw new ValidationError([{ field: 'policyVersionId', message: `no policy version with id "${policyVersionId}"` }]);
    return db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId, expectedRowVersion }, async (offer) => {
        const status = offer.status as OfferStatus;
        if (!movable.includes(status)) {
          throw new ConflictError(`An offer that is "${status}" keeps its policy; changes after approval go through a new version.`);
        }
        const moved: PendingEntry = { type: 'approval.policy_changed', data: { from: offer.policyVersionId, to: target.id, toNumber: target.number } };
        if (status === 'draft' || offer.currentVersion === 0) return { set: { policyVersionId: target.id }, entries: [moved] };
        const now = clock.now();
        const old = await listStepsOfVersion(tx, offer.orgId, offer.id, offer.currentVersion);
        for (const s of old.filter((s) => s.status !== 'superseded')) {
          await updateStep(tx, s.id, { status: 'superseded', decidedAt: s.decidedAt ?? now });
          await cancelJobs(tx, stepTimerPrefix(s.id));
        }
        const terms = (await findVersion(tx, offer.orgId, offer.id, offer.currentVersion))!.terms as OfferTerms;
        const routed = await routeVersion(tx, {
          offer,
          terms,
          versionNumber: offer.currentVersion,
          submitterId: offer.recruiterId,
          now,
          policyVersionId: target.id,
          prior: old.filter((s) => s.status !== 'superseded'),
        });
        const entries = [moved, ...routed.entries];
        const phase = status === 'comp_review' ? 'compensation' : status === 'in_approval' ? 'packet' : null;
        if (status !== 'comp_review' && routed.context.compStepsPending) {
          throw new ConflictError('The new policy needs compensation approvals this offer has passed; request changes on it to route it again instead.');
        }
        if (!phase) return { set: { policyVersionId: target.id }, entries };
        const started = await startNextStage(tx, notices, now, offer, offer.currentVersion, phase);
        if (started.length) return { set: { policyVersionId: target.id }, entries: [...entries, ...started] };
        const event = phase === 'compensation' ? 'comp_approved' : 'packet_approved';
        const next = transition(status, event);
        if (!next.ok) throw new ConflictError(`This offer cannot complete its ${phase} approvals from "${status}".`);
        if (next.to === 'drafting') await queuePacket(tx, offer, offer.currentVersion, now);
        return { set: { policyVersionId: target.id, status: next.to }, entries: [...entries, transitionEntry(event, next, 'policy changed')] };
      }),
    );
  }

  return { move };
}

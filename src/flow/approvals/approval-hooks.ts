import type { Clock } from '../../core/clock';
import type { TransitionContext, TransitionResult } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import type { PendingEntry } from '../../journal/chain';
import type { TransitionHooks } from '../../offers/offer-events.service';
import type { OfferRow } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import type { NoticeSettings } from './approval-notices';
import { listStepsOfVersion } from './approvals.repo';
import { routeVersion } from './routing';
import { isRescindable, requestRescind, RESCIND_PHASE } from './rescind-approval';
import { startNextStage, supersedeOpenSteps } from './stage-activation';

type Moved = Extract<TransitionResult, { ok: true }>;

export interface SubmitRouting {
  context: TransitionContext;
  policyVersionId: string | null;
  entries: PendingEntry[];
  /** Runs once the offer has moved: starts the first compensation stage when there is one. */
  afterMove(moved: Moved): Promise<PendingEntry[]>;
}

/** Where approvals meet the lifecycle: routing on submit, packet approvals, rescind requests, closing steps on the way out. */
export function createApprovalHooks({ clock, notices }: { clock: Clock; notices: NoticeSettings }) {
  async function routeOnSubmit(tx: Db, offer: OfferRow, terms: OfferTerms, versionNumber: number, submitterId: string): Promise<SubmitRouting> {
    const now = clock.now();
    const routed = await routeVersion(tx, { offer, terms, versionNumber, submitterId, now });
    return {
      context: routed.context,
      policyVersionId: routed.policyVersionId,
      entries: routed.entries,
      afterMove: async (moved) =>
        moved.to === 'comp_review'
          ? startNextStage(tx, notices, now, { ...offer, title: terms.title }, versionNumber, 'compensation')
          : [],
    };
  }

  const transitionHooks: TransitionHooks = {
    async contextFor(tx, offer, event) {
      if (event !== 'packet_ready') return undefined;
      const steps = await listStepsOfVersion(tx, offer.orgId, offer.id, offer.currentVersion);
      return { compStepsPending: false, packetStepsPending: steps.some((s) => s.phase === 'packet' && s.status === 'waiting') };
    },
    async afterMove(tx, offer, moved) {
      const now = clock.now();
      if (moved.to === 'in_approval') return startNextStage(tx, notices, now, offer, offer.currentVersion, 'packet');
      if (moved.effects.includes('cancel_timers')) {
        const closed = await supersedeOpenSteps(tx, offer.orgId, offer.id, offer.currentVersion, now);
        return closed.length ? [{ type: 'approval.steps_closed', data: { steps: closed, reason: moved.to } }] : [];
      }
      // A pending rescind request lapses once the offer is somewhere a rescind is not allowed from (expired, a new version).
      if (moved.to !== moved.from && !isRescindable(moved.to)) {
        const closed = await supersedeOpenSteps(tx, offer.orgId, offer.id, offer.currentVersion, now, RESCIND_PHASE);
        return closed.length ? [{ type: 'approval.steps_closed', data: { steps: closed, reason: 'rescind_lapsed', status: moved.to } }] : [];
      }
      return [];
    },
    async holdForApproval(tx, offer, input, requesterId) {
      if (input.type !== 'rescind') return null;
      return requestRescind(tx, notices, clock.now(), offer, input.reason, requesterId);
    },
  };

  return { routeOnSubmit, transitionHooks };
}

export type ApprovalHooks = ReturnType<typeof createApprovalHooks>;

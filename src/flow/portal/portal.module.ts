import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock';
import type { TransitionResult } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import type { PendingEntry } from '../../journal/chain';
import type { OfferRow } from '../../offers/offers.repo';
import type { ObjectStore } from '../../storage/object-store';
import { revokeCandidateLinks } from './candidate-links.repo';
import { createPortalService } from './portal.service';
import { registerPortalRoutes } from './portal.routes';
import { createSendService, type SendSettings } from './send.service';
import { createCandidateResponses } from './candidate-response.service';
import type { JobRunner } from '../../jobs/worker';
import { createRateLimiter, portalLimitsOf, registerPortalRateLimit, type PortalLimits } from '../../server/plugins/portal-rate-limit';
import { createChangeRequestViews } from '../negotiation/change-requests.service';
import { createChangeAsks } from './ask-changes.service';
import { CANDIDATE_REMINDER_JOB, candidateReminderHandler } from './candidate-reminders';
import { createDeliveryViews } from './delivery.service';

export function registerPortal(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; store: ObjectStore; settings: SendSettings; jobs: Pick<JobRunner, 'register'>; limits?: Partial<PortalLimits> },
) {
  const limits = portalLimitsOf(deps.limits);
  const limiter = createRateLimiter(deps);
  // Before the portal routes, so every one of them is counted.
  registerPortalRateLimit(app, { limiter, limits });
  deps.jobs.register(CANDIDATE_REMINDER_JOB, candidateReminderHandler({ ...deps, smtpConfigured: deps.settings.smtpConfigured }));
  registerPortalRoutes(app, {
    send: createSendService(deps),
    portal: createPortalService(deps),
    responses: createCandidateResponses({ ...deps, smtpConfigured: deps.settings.smtpConfigured, limiter, codesPerLink: limits.codesPerLink }),
    changes: createChangeAsks(deps),
    changeRequests: createChangeRequestViews(deps),
    delivery: createDeliveryViews(deps),
  });
}

/** Leaving `sent` (rescinded, withdrawn, declined, expired, a new version) ends the candidate's links. */
export function revokeLinksOnMove(clock: Clock) {
  return async (tx: Db, offer: OfferRow, moved: Extract<TransitionResult, { ok: true }>): Promise<PendingEntry[]> => {
    if (!moved.effects.includes('revoke_candidate_links')) return [];
    const revoked = await revokeCandidateLinks(tx, offer.orgId, offer.id, moved.to, clock.now());
    return revoked ? [{ type: 'offer.links_revoked', data: { count: revoked, reason: moved.to } }] : [];
  };
}

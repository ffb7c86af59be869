import type { Clock } from '../../core/clock';
import { NotFoundError } from '../../core/errors';
import type { Db } from '../../db/client';
import { hashSecret } from '../../auth/secrets';
import { findOffer } from '../../offers/offers.repo';
import { consumeApprovalLink, findApprovalLink, type ApprovalLinkRow } from './approval-links.repo';
import { activeUserById } from './approver-directory.repo';
import { findStep } from './approvals.repo';
import type { DecisionInput, createDecisionsService } from './decisions.service';

/**
 * The link in an approval e-mail: opening it shows the step and asks for a decision; only the
 * POST that follows decides. One use, bound to one step and one person, expires.
 */
export function createApprovalLinks({ db, clock, decisions }: { db: Db; clock: Clock; decisions: ReturnType<typeof createDecisionsService> }) {
  async function usable(token: string): Promise<ApprovalLinkRow> {
    const link = await findApprovalLink(db, hashSecret(token));
    // Unknown, used and expired links read the same, so a guess learns nothing.
    if (!link || link.usedAt || link.expiresAt <= clock.now()) throw new NotFoundError('approval link', 'this link');
    return link;
  }

  async function open(token: string) {
    const link = await usable(token);
    const step = await findStep(db, link.orgId, link.stepId);
    const offer = step && (await findOffer(db, link.orgId, step.offerId));
    const user = await activeUserById(db, link.orgId, link.userId);
    if (!step || !offer || !user) throw new NotFoundError('approval link', 'this link');
    return {
      approver: { name: user.name },
      offer: { title: offer.title, candidateName: offer.candidateName, status: offer.status },
      step: {
        stageName: step.stageName,
        stepName: step.stepName,
        status: step.status,
        explanation: step.explanation,
        dueAt: step.dueAt?.toISOString() ?? null,
      },
      expiresAt: link.expiresAt.toISOString(),
    };
  }

  async function decide(token: string, input: DecisionInput) {
    const link = await usable(token);
    const user = await activeUserById(db, link.orgId, link.userId);
    if (!user) throw new NotFoundError('approval link', 'this link');
    const result = await decisions.decide({ orgId: link.orgId, userId: link.userId }, link.stepId, input, 'email_link');
    // A second request with the same link fails in decide (the approver has decided); this closes the link.
    await consumeApprovalLink(db, link.tokenHash, clock.now());
    return { step: { id: result.step.id, status: result.step.status }, offer: { id: result.offer.id, status: result.offer.status, rowVersion: result.offer.rowVersion } };
  }

  return { open, decide };
}

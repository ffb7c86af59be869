import type { Actor } from '../../core/actor';
import { readableFields } from '../../core/access/offer-access';
import { changedFields } from '../../core/changed-fields';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { factsOf, findVisibleOffer } from '../../offers/offer-access';
import { findOfferWithAccess, findVersion } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { loadFacts } from '../policy/fact-inputs.repo';
import { offerExceptions } from '../policy/facts';
import { findPolicyVersionById } from '../policy/policy.repo';
import { usersByIds } from './approver-directory.repo';
import type { PolicyPhase } from '../policy/policy.schema';
import type { StepStatus } from './approvals.schema';
import type { DecisionKind, DecisionVia } from './decisions.service';
import { RESCIND_PHASE, rescindLapsed } from './rescind-approval';
import { activeDelegations, listDecisions, listPendingStepsFor, listStepsOfOffer, type ApprovalStepRow } from './approvals.repo';

/** Explanations quote pay, so only people who may read base pay see them. */
const PAY_FIELD = 'terms.compensation.baseSalaryCents';

/** Read models of approvals: the plan and log of one offer, and a person's inbox. */
export function createApprovalsView({ db, clock }: { db: Db; clock: Clock }) {
  async function names(orgId: string, ids: string[]) {
    const users = await usersByIds(db, orgId, [...new Set(ids)]);
    return new Map(users.map((u) => [u.id, u.name]));
  }

  async function planOf(actor: Actor, offerId: string) {
    const { row, readable } = await findVisibleOffer(db, actor, offerId);
    const steps = await listStepsOfOffer(db, actor.orgId, offerId);
    const decisions = await listDecisions(db, actor.orgId, steps.map((s) => s.id));
    const people = await names(actor.orgId, [
      ...steps.flatMap((s) => s.approverIds as string[]),
      ...decisions.flatMap((d) => [d.approverId, d.actedById]),
    ]);
    const policy = row.policyVersionId ? await findPolicyVersionById(db, actor.orgId, row.policyVersionId) : null;
    const now = clock.now();
    const showWhy = readable.has(PAY_FIELD);
    const terms = (row.draftTerms ?? (row.currentVersion ? (await findVersion(db, actor.orgId, offerId, row.currentVersion))?.terms : null)) as OfferTerms | null;
    // Exceptions quote pay too; they are the offer's standing for the exception-rate metric.
    const exceptions =
      showWhy && terms ? offerExceptions(await loadFacts(db, { orgId: actor.orgId, offerId, requisitionId: row.requisitionId, terms }), terms) : null;
    return {
      offerId,
      exceptions,
      currentVersion: row.currentVersion,
      status: row.status,
      policyVersion: policy ? { id: policy.id, number: policy.number } : null,
      steps: steps.map((s) => ({
        ...stepView(s, people, now, showWhy),
        decisions: decisions
          .filter((d) => d.stepId === s.id)
          .map((d) => ({
            approver: { id: d.approverId, name: people.get(d.approverId) ?? 'Unknown user' },
            actedBy: { id: d.actedById, name: people.get(d.actedById) ?? 'Unknown user' },
            decision: d.decision as DecisionKind,
            comment: d.comment,
            via: d.via as DecisionVia,
            at: d.at.toISOString(),
          })),
      })),
    };
  }

  async function inbox(actor: Actor) {
    const now = clock.now();
    const standingFor = (await activeDelegations(db, actor.orgId, now)).filter((d) => d.delegateId === actor.userId).map((d) => d.userId);
    const rows = await listPendingStepsFor(db, actor.orgId, [actor.userId, ...standingFor]);
    const decided = await listDecisions(db, actor.orgId, rows.map((r) => r.step.id));
    const people = await names(actor.orgId, [actor.userId, ...standingFor, ...rows.flatMap((r) => r.step.approverIds as string[])]);
    const items = [];
    for (const { step, offer } of rows) {
      const approvers = step.approverIds as string[];
      const done = decided.filter((d) => d.stepId === step.id).map((d) => d.approverId);
      const forWhom = [actor.userId, ...standingFor].find((id) => approvers.includes(id) && !done.includes(id));
      if (!forWhom) continue;
      // A rescind request whose offer moved on (the candidate declined) waits for nobody.
      if (step.phase === RESCIND_PHASE && rescindLapsed(offer, step)) continue;
      const access = await findOfferWithAccess(db, actor.orgId, offer.id);
      const readable = access ? readableFields(actor, factsOf(access)) : new Set<string>();
      const showPay = readable.has(PAY_FIELD);
      const terms = (await findVersion(db, actor.orgId, offer.id, step.versionNumber))?.terms as OfferTerms | undefined;
      items.push({
        ...stepView(step, people, now, showPay),
        offer: { id: offer.id, title: offer.title, candidateName: readable.has('candidate.name') ? offer.candidateName : null, status: offer.status },
        onBehalfOf: forWhom === actor.userId ? null : { id: forWhom, name: people.get(forWhom) ?? 'Unknown user' },
        band: showPay && terms && access ? await bandOf(actor.orgId, offer.id, access.requisitionId, terms) : null,
        changedSinceApproval: await changesSinceApproval(actor.orgId, offer.id, step, terms),
      });
    }
    return { items };
  }

  async function bandOf(orgId: string, offerId: string, requisitionId: string | null, terms: OfferTerms) {
    const facts = await loadFacts(db, { orgId, offerId, requisitionId, terms });
    if (!facts.hasBand) return null;
    return {
      currency: terms.compensation.currency,
      minCents: facts.bandMinCents!,
      midCents: facts.bandMidCents!,
      maxCents: facts.bandMaxCents!,
      offeredCents: facts.annualBaseCents,
      compaRatio: facts.compaRatio,
    };
  }

  /** Fields changed since the version this step was last approved on: what the approver should look at first. */
  async function changesSinceApproval(orgId: string, offerId: string, step: ApprovalStepRow, terms: OfferTerms | undefined): Promise<string[]> {
    if (!terms || step.versionNumber <= 1) return [];
    const earlier = (await listStepsOfOffer(db, orgId, offerId)).filter(
      (s) => s.stageKey === step.stageKey && s.stepKey === step.stepKey && s.versionNumber < step.versionNumber && s.status === 'approved',
    );
    const last = earlier.at(-1);
    if (!last) return [];
    const before = (await findVersion(db, orgId, offerId, last.versionNumber))?.terms;
    return before ? changedFields(before, terms) : [];
  }

  return { planOf, inbox };
}

function stepView(s: ApprovalStepRow, people: Map<string, string>, now: Date, showWhy: boolean) {
  const breached = s.status === 'pending' && s.dueAt !== null && s.dueAt <= now;
  return {
    id: s.id,
    versionNumber: s.versionNumber,
    phase: s.phase as PolicyPhase,
    stageKey: s.stageKey,
    stageName: s.stageName,
    stepKey: s.stepKey,
    stepName: s.stepName,
    status: s.status as StepStatus,
    explanation: showWhy ? s.explanation : null,
    approvers: (s.approverIds as string[]).map((id) => ({ id, name: people.get(id) ?? 'Unknown user' })),
    quorum: s.quorum,
    covers: s.covers as string[],
    carriedFromVersion: s.carriedFromVersion,
    activatedAt: s.activatedAt?.toISOString() ?? null,
    dueAt: s.dueAt?.toISOString() ?? null,
    slaBreached: breached,
    escalatedAt: s.escalatedAt?.toISOString() ?? null,
    decidedAt: s.decidedAt?.toISOString() ?? null,
  };
}

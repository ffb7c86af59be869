import { roleNames, type Actor } from '../../core/actor';
import { rolesMayTake } from '../../core/access/offer-access';
import { changedFields } from '../../core/changed-fields';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import { findVisibleOffer } from '../../offers/offer-access';
import { findVersion } from '../../offers/offers.repo';
import { findDepartment, findRequisition } from '../intake/intake.repo';
import { offerTermsSchema, type OfferTerms } from '../intake/offer-terms.schema';
import { loadFacts } from '../policy/fact-inputs.repo';
import { offerExceptions } from '../policy/facts';
import { activePolicyVersion, findPolicyVersionById } from '../policy/policy.repo';
import { submitPhases, type Policy, type SubmitPhase } from '../policy/policy.schema';
import { problemsAsFields, type PolicyService, type PolicySource } from '../policy/policy.service';
import { planApprovals } from '../policy/route-plan';
import { latestRoutedSteps } from './approvals.repo';
import { resolveAll } from './approver-resolution';
import { outcomeOf, priorOf, quorumCount } from './routing';

export interface SimulationInput {
  offerId?: string;
  draft?: { requisitionId?: string; terms: unknown };
  /** An unsaved policy to try; without it the offer's own policy version, else the active one. */
  policy?: PolicySource;
}

const PAY_FIELD = 'terms.compensation.baseSalaryCents';

/**
 * "What would this offer need, and why?" The same routing as submit, run read-only:
 * nothing is created, nobody is notified.
 */
export function createSimulationService({ db, policies }: { db: Db; policies: Pick<PolicyService, 'check'> }) {
  async function subjectOf(actor: Actor, input: SimulationInput) {
    if (input.offerId) {
      const { row, readable } = await findVisibleOffer(db, actor, input.offerId);
      if (!readable.has(PAY_FIELD)) throw new ForbiddenError('Simulating an offer shows its pay; your role may not read it.');
      const terms = (row.draftTerms ?? (await findVersion(db, actor.orgId, row.id, row.currentVersion))?.terms) as OfferTerms;
      const nextVersion = row.status === 'draft' ? row.currentVersion + 1 : row.currentVersion;
      return { offerId: row.id, requisitionId: row.requisitionId, businessUnitId: row.businessUnitId, policyVersionId: row.policyVersionId, terms, nextVersion };
    }
    if (!rolesMayTake(roleNames(actor), 'create')) throw new ForbiddenError('Only roles that start offers may simulate a draft.');
    const parsed = offerTermsSchema.safeParse(input.draft?.terms);
    if (!parsed.success) {
      throw new ValidationError(parsed.error.issues.map((i) => ({ field: ['draft', 'terms', ...i.path].join('.'), message: i.message })));
    }
    const department = await findDepartment(db, actor.orgId, parsed.data.departmentId);
    if (!department) throw new ValidationError([{ field: 'draft.terms.departmentId', message: `no department with id "${parsed.data.departmentId}"` }]);
    const requisitionId = input.draft?.requisitionId ?? null;
    if (requisitionId && !(await findRequisition(db, actor.orgId, requisitionId))) {
      throw new ValidationError([{ field: 'draft.requisitionId', message: `no requisition with id "${requisitionId}"` }]);
    }
    return { offerId: null, requisitionId, businessUnitId: department.businessUnitId, policyVersionId: null, terms: parsed.data, nextVersion: 1 };
  }

  async function policyFor(actor: Actor, input: SimulationInput, subject: { businessUnitId: string; policyVersionId: string | null }) {
    if (input.policy) {
      // An unsaved policy is tried on this offer, so it may name the fields this offer carries.
      const parsed = await policies.check(actor.orgId, input.policy, subject.businessUnitId);
      if (!parsed.ok) throw new ValidationError(problemsAsFields(parsed.problems));
      return { document: parsed.policy, from: 'given' as const, number: null };
    }
    const row = subject.policyVersionId
      ? await findPolicyVersionById(db, actor.orgId, subject.policyVersionId)
      : await activePolicyVersion(db, actor.orgId, subject.businessUnitId);
    return row ? { document: row.document as Policy, from: subject.policyVersionId ? ('offer' as const) : ('active' as const), number: row.number } : null;
  }

  async function simulate(actor: Actor, input: SimulationInput) {
    if (!input.offerId && !input.draft) throw new ValidationError([{ field: 'offerId', message: 'give an offer id or a draft to simulate' }]);
    const subject = await subjectOf(actor, input);
    const policy = await policyFor(actor, input, subject);
    if (!policy) throw new NotFoundError('approval policy', 'for this business unit');
    const facts = await loadFacts(db, { orgId: actor.orgId, offerId: subject.offerId, requisitionId: subject.requisitionId, terms: subject.terms });
    // A simulation is of a submit: rescind stages run only on a rescind request.
    const planned = planApprovals(policy.document, { terms: subject.terms, facts, businessUnitId: subject.businessUnitId }, submitPhases);
    const priorRows = subject.offerId ? await latestRoutedSteps(db, actor.orgId, subject.offerId, subject.nextVersion) : [];
    const prior = priorOf(priorRows);
    const previous = priorRows.length ? (await findVersion(db, actor.orgId, subject.offerId!, priorRows[0]!.versionNumber))?.terms : undefined;
    const changed = previous ? changedFields(previous, subject.terms) : [];
    const parties = {
      orgId: actor.orgId,
      businessUnitId: subject.businessUnitId,
      departmentId: subject.terms.departmentId,
      requisitionId: subject.requisitionId,
      managerId: subject.terms.managerId ?? null,
      submitterId: actor.userId,
    };
    const steps = [];
    for (const plan of planned) {
      const outcome = outcomeOf(plan, priorRows.length ? prior : null, changed);
      const found = outcome.outcome === 'run' ? await resolveAll(db, parties, plan.approvers) : { users: [], missing: undefined };
      steps.push({
        phase: plan.phase as SubmitPhase,
        stageKey: plan.stageKey,
        stageName: plan.stageName,
        stepKey: plan.stepKey,
        stepName: plan.stepName,
        outcome: outcome.outcome,
        note: outcome.note,
        explanation: plan.explanation,
        approvers: found.users.map((u) => ({ id: u.id, name: u.name })),
        missing: found.missing ?? null,
        quorum: outcome.outcome === 'run' ? quorumCount(plan.quorum, found.users.length) : 0,
        slaBusinessHours: plan.slaBusinessHours,
      });
    }
    return {
      policy: { from: policy.from, versionNumber: policy.number },
      changedFields: changed,
      // Facts are plain values; the response schema lists them by name.
      facts: facts as unknown as Record<string, number | boolean | string | null | string[]>,
      exceptions: offerExceptions(facts, subject.terms),
      steps,
    };
  }

  return { simulate };
}

import { randomUUID } from 'node:crypto';
import { approverRoleOf } from '../policy/approver-role';
import { changedFields } from '../../core/changed-fields';
import { ValidationError } from '../../core/errors';
import type { TransitionContext } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import type { PendingEntry } from '../../journal/chain';
import { findVersion, type OfferRow } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { loadFacts } from '../policy/fact-inputs.repo';
import { activePolicyVersion, findPolicyVersionById } from '../policy/policy.repo';
import { submitPhases, type Policy } from '../policy/policy.schema';
import { decideReapproval, type PriorStep, type ReapprovalOutcome } from '../policy/reapproval';
import { planApprovals, type PlannedStep } from '../policy/route-plan';
import { offerExceptions } from '../policy/facts';
import { insertSteps, latestRoutedSteps, type ApprovalStepRow, type NewApprovalStepRow } from './approvals.repo';
import { resolveAll, type RoutingParties } from './approver-resolution';

export interface RoutingInput {
  offer: OfferRow;
  terms: OfferTerms;
  versionNumber: number;
  submitterId: string | null;
  now: Date;
  /** Route by this policy version instead of the offer's own (an admin moving the offer to a newer policy). */
  policyVersionId?: string;
  /** Steps to judge carry-over against instead of the last routed version's (re-routing the same version). */
  prior?: ApprovalStepRow[];
}

export interface RoutingResult {
  policyVersionId: string | null;
  context: TransitionContext;
  steps: ApprovalStepRow[];
  entries: PendingEntry[];
}

/** The quorum as a number of approvals, given who was found. */
export function quorumCount(quorum: PlannedStep['quorum'], approvers: number): number {
  if (quorum === 'all') return approvers;
  if (quorum === 'any') return 1;
  return quorum.atLeast;
}

export function priorOf(rows: ApprovalStepRow[]): Map<string, PriorStep> {
  return new Map(
    rows.map((r) => [
      `${r.stageKey}/${r.stepKey}`,
      {
        stageKey: r.stageKey,
        stepKey: r.stepKey,
        status: r.status,
        conditionHeld: r.conditionHeld,
        approvedOnVersion: r.status === 'approved' ? r.versionNumber : r.status === 'carried_over' ? r.carriedFromVersion : null,
      },
    ]),
  );
}

/** Run, carry over or not needed: against the last routed version when there is one. */
export function outcomeOf(plan: PlannedStep, prior: Map<string, PriorStep> | null, changed: string[]): ReapprovalOutcome {
  if (prior) return decideReapproval(plan, prior.get(`${plan.stageKey}/${plan.stepKey}`), changed);
  return plan.required ? { outcome: 'run', note: 'first routing' } : { outcome: 'not_needed', note: plan.explanation };
}

/**
 * Turns the policy into this version's concrete steps: which run (named approvers and why),
 * which carry over from the last routed version, which are not needed. Refuses, naming the step,
 * when a step that must run has nobody to approve it.
 */
export async function routeVersion(tx: Db, input: RoutingInput): Promise<RoutingResult> {
  const { offer, terms, versionNumber, now } = input;
  const policyRow = input.policyVersionId
    ? await findPolicyVersionById(tx, offer.orgId, input.policyVersionId)
    : offer.policyVersionId
      ? await findPolicyVersionById(tx, offer.orgId, offer.policyVersionId)
      : await activePolicyVersion(tx, offer.orgId, offer.businessUnitId);
  if (!policyRow) {
    return { policyVersionId: null, context: { compStepsPending: false, packetStepsPending: false }, steps: [], entries: [] };
  }
  const facts = await loadFacts(tx, { orgId: offer.orgId, offerId: offer.id, requisitionId: offer.requisitionId, terms });
  // Rescind stages wait for a rescind request (rescind-approval.ts); a submit routes the others.
  const planned = planApprovals(policyRow.document as Policy, { terms, facts, businessUnitId: offer.businessUnitId }, submitPhases);
  const priorRows = input.prior ?? (await latestRoutedSteps(tx, offer.orgId, offer.id, versionNumber));
  const prior = priorOf(priorRows);
  const previousTerms = priorRows.length ? (await findVersion(tx, offer.orgId, offer.id, priorRows[0]!.versionNumber))?.terms : undefined;
  const changed = previousTerms ? changedFields(previousTerms, terms) : [];
  const parties: RoutingParties = {
    orgId: offer.orgId,
    businessUnitId: offer.businessUnitId,
    departmentId: terms.departmentId,
    requisitionId: offer.requisitionId,
    managerId: terms.managerId ?? null,
    submitterId: input.submitterId,
  };

  const rows: NewApprovalStepRow[] = [];
  const outcomes: { plan: PlannedStep; outcome: ReapprovalOutcome }[] = [];
  const problems: { field: string; message: string }[] = [];
  for (const plan of planned) {
    const key = `${plan.stageKey}/${plan.stepKey}`;
    const outcome = outcomeOf(plan, priorRows.length ? prior : null, changed);
    outcomes.push({ plan, outcome });
    let approverIds: string[] = [];
    let escalationIds: string[] = [];
    let quorum = 0;
    if (outcome.outcome === 'run') {
      const found = await resolveAll(tx, parties, plan.approvers);
      if (found.missing) problems.push({ field: `policy.${key}`, message: `${plan.stepName} cannot be routed: ${found.missing}` });
      approverIds = found.users.map((u) => u.id);
      quorum = quorumCount(plan.quorum, approverIds.length);
      if (approverIds.length && quorum > approverIds.length) {
        problems.push({ field: `policy.${key}`, message: `${plan.stepName} needs ${quorum} approvals but only ${approverIds.length} people can give them` });
      }
      if (plan.escalateTo) escalationIds = (await resolveAll(tx, parties, [plan.escalateTo])).users.map((u) => u.id);
    }
    rows.push({
      id: randomUUID(),
      orgId: offer.orgId,
      offerId: offer.id,
      versionNumber,
      policyVersionId: policyRow.id,
      phase: plan.phase,
      stageIndex: plan.stageIndex,
      stageKey: plan.stageKey,
      stageName: plan.stageName,
      stepKey: plan.stepKey,
      stepName: plan.stepName,
      status: outcome.outcome === 'run' ? 'waiting' : outcome.outcome === 'carry_over' ? 'carried_over' : 'not_needed',
      explanation: plan.explanation,
      conditionHeld: plan.required,
      approverIds,
      approverRole: approverRoleOf(plan.approvers),
      quorum,
      covers: plan.covers,
      slaHours: plan.slaBusinessHours,
      reminderHours: plan.reminderBusinessHours,
      escalationIds,
      carriedFromVersion: outcome.outcome === 'carry_over' ? outcome.fromVersion : null,
      createdAt: now,
    });
  }
  if (problems.length) throw new ValidationError(problems);
  const steps = await insertSteps(tx, rows);
  const waitingIn = (phase: string) => steps.some((s) => s.phase === phase && s.status === 'waiting');
  return {
    policyVersionId: policyRow.id,
    context: { compStepsPending: waitingIn('compensation'), packetStepsPending: waitingIn('packet') },
    steps,
    entries: [routedEntry(policyRow.number, versionNumber, changed, outcomes, steps, offerExceptions(facts, terms).map((e) => e.reason))],
  };
}

/** Keys, outcomes and approver ids only: explanations quote pay, which stays out of the journal. */
function routedEntry(
  policyNumber: number,
  versionNumber: number,
  changed: string[],
  outcomes: { plan: PlannedStep; outcome: ReapprovalOutcome }[],
  steps: ApprovalStepRow[],
  exceptions: string[],
): PendingEntry {
  return {
    type: 'approval.routed',
    data: {
      policyVersion: policyNumber,
      version: versionNumber,
      changedFields: changed,
      exceptions,
      steps: outcomes.map(({ plan, outcome }, i) => ({
        stage: plan.stageKey,
        step: plan.stepKey,
        phase: plan.phase,
        outcome: outcome.outcome,
        // Notes of carried steps are the provable "why"; other notes may quote pay and stay out.
        ...(outcome.outcome === 'carry_over' ? { fromVersion: outcome.fromVersion, note: outcome.note } : {}),
        approverIds: steps[i]!.approverIds,
      })),
    },
  };
}

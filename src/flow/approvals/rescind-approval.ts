import { randomUUID } from 'node:crypto';
import { approverRoleOf } from '../policy/approver-role';
import { ConflictError, ValidationError } from '../../core/errors';
import { statesAllowing, type OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import type { PendingEntry } from '../../journal/chain';
import { listJournalRows } from '../../journal/journal.repo';
import { findVersion, type OfferRow } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { loadFacts } from '../policy/fact-inputs.repo';
import { findPolicyVersionById } from '../policy/policy.repo';
import type { Policy } from '../policy/policy.schema';
import { hasRescindStages, planRescind } from '../policy/route-plan';
import type { NoticeSettings } from './approval-notices';
import { insertSteps, listStepsOfVersion, updateStep, type ApprovalStepRow, type NewApprovalStepRow } from './approvals.repo';
import { resolveAll, type RoutingParties } from './approver-resolution';
import { quorumCount } from './routing';
import { startNextStage } from './stage-activation';

/**
 * Rescinding a sent offer when the policy has `phase: rescind` stages: the request makes the
 * rescind steps of the current version and waits; when they pass, the offer is rescinded with
 * the reason given at the request (decisions.service.ts); a rejection leaves the offer as it is.
 * A request lapses when the offer leaves the states a rescind is allowed from, or gets a new version.
 */

export const RESCIND_PHASE = 'rescind';

/** The journal entry that records a request; its reason is the reason of the rescind once approved. */
export const RESCIND_REQUESTED = 'offer.rescind_requested';

export const isRescindable = (status: string) => statesAllowing('rescind').includes(status as OfferStatus);

/** A rescind step whose request no longer applies: the offer moved somewhere a rescind is not allowed from, or on to another version. */
export function rescindLapsed(offer: Pick<OfferRow, 'status' | 'currentVersion'>, step: Pick<ApprovalStepRow, 'versionNumber'>): boolean {
  return !isRescindable(offer.status) || offer.currentVersion !== step.versionNumber;
}

const isOpen = (s: ApprovalStepRow) => s.status === 'waiting' || s.status === 'pending';

export async function openRescindSteps(tx: Db, offer: Pick<OfferRow, 'orgId' | 'id' | 'currentVersion'>): Promise<ApprovalStepRow[]> {
  return (await listStepsOfVersion(tx, offer.orgId, offer.id, offer.currentVersion)).filter((s) => s.phase === RESCIND_PHASE && isOpen(s));
}

/** The latest rescind request of the offer, as journaled. */
export async function latestRescindRequest(db: Db, orgId: string, offerId: string): Promise<{ version: number; reason?: string } | null> {
  const rows = await listJournalRows(db, orgId, offerId);
  const last = rows.filter((r) => r.type === RESCIND_REQUESTED).sort((a, b) => a.seq - b.seq).at(-1);
  if (!last) return null;
  const reason = typeof last.data.reason === 'string' ? last.data.reason : undefined;
  return { version: Number(last.data.version), ...(reason ? { reason } : {}) };
}

/**
 * Called in the transaction of a manual `rescind` the lifecycle allows. Returns the journal
 * entries of the request when the rescind must wait for approvals, or null to rescind now
 * (no policy, no rescind stage, or none whose conditions hold for the current version).
 */
export async function requestRescind(
  tx: Db,
  notices: NoticeSettings,
  now: Date,
  offer: OfferRow,
  reason: string | undefined,
  /** Who asks: never an approver of their own request. */
  requesterId: string | null,
): Promise<PendingEntry[] | null> {
  if (!offer.policyVersionId) return null;
  const policyRow = await findPolicyVersionById(tx, offer.orgId, offer.policyVersionId);
  if (!policyRow) return null;
  const policy = policyRow.document as Policy;
  if (!hasRescindStages(policy)) return null;

  const version = offer.currentVersion;
  const existing = (await listStepsOfVersion(tx, offer.orgId, offer.id, version)).filter((s) => s.phase === RESCIND_PHASE);
  const open = existing.filter(isOpen);
  if (open.length) {
    const names = [...new Set(open.map((s) => s.stepName))].join(', ');
    throw new ConflictError(
      `A rescind of this offer is already waiting for approval (${names}). The offer is rescinded once it is approved; if an approver rejects it, you can ask again.`,
    );
  }
  const terms = (await findVersion(tx, offer.orgId, offer.id, version))?.terms as OfferTerms | undefined;
  if (!terms) return null;
  const facts = await loadFacts(tx, { orgId: offer.orgId, offerId: offer.id, requisitionId: offer.requisitionId, terms });
  const planned = planRescind(policy, { terms, facts, businessUnitId: offer.businessUnitId });
  if (!planned.some((p) => p.required)) return null;

  const parties: RoutingParties = {
    orgId: offer.orgId,
    businessUnitId: offer.businessUnitId,
    departmentId: terms.departmentId,
    requisitionId: offer.requisitionId,
    managerId: terms.managerId ?? null,
    submitterId: requesterId,
    submitterIs: 'the person who asked to rescind the offer',
  };
  const rows: NewApprovalStepRow[] = [];
  const problems: { field: string; message: string }[] = [];
  for (const plan of planned) {
    let approverIds: string[] = [];
    let escalationIds: string[] = [];
    let quorum = 0;
    if (plan.required) {
      const found = await resolveAll(tx, parties, plan.approvers);
      const key = `policy.${plan.stageKey}/${plan.stepKey}`;
      if (found.missing) problems.push({ field: key, message: `${plan.stepName} cannot be routed: ${found.missing}` });
      approverIds = found.users.map((u) => u.id);
      quorum = quorumCount(plan.quorum, approverIds.length);
      if (approverIds.length && quorum > approverIds.length)
        problems.push({ field: key, message: `${plan.stepName} needs ${quorum} approvals but only ${approverIds.length} people can give them` });
      if (plan.escalateTo) escalationIds = (await resolveAll(tx, parties, [plan.escalateTo])).users.map((u) => u.id);
    }
    rows.push({
      id: randomUUID(),
      orgId: offer.orgId,
      offerId: offer.id,
      versionNumber: version,
      policyVersionId: policyRow.id,
      phase: RESCIND_PHASE,
      stageIndex: plan.stageIndex,
      stageKey: plan.stageKey,
      stageName: plan.stageName,
      stepKey: plan.stepKey,
      stepName: plan.stepName,
      status: plan.required ? 'waiting' : 'not_needed',
      explanation: plan.explanation,
      conditionHeld: plan.required,
      approverIds,
      approverRole: approverRoleOf(plan.approvers),
      quorum,
      covers: [],
      slaHours: plan.slaBusinessHours,
      reminderHours: plan.reminderBusinessHours,
      escalationIds,
      carriedFromVersion: null,
      createdAt: now,
    });
  }
  if (problems.length) throw new ValidationError(problems);
  // An earlier request on this version ended (refused, or lapsed); its steps give way to the new ones.
  for (const s of existing.filter((x) => x.status !== 'superseded')) await updateStep(tx, s.id, { status: 'superseded' });
  const steps = await insertSteps(tx, rows);
  const started = await startNextStage(tx, notices, now, offer, version, RESCIND_PHASE);
  return [
    {
      type: RESCIND_REQUESTED,
      data: {
        version,
        ...(reason ? { reason } : {}),
        policyVersion: policyRow.number,
        // Keys and approver ids only: explanations may quote pay, which stays out of the journal.
        steps: steps.map((s) => ({ stage: s.stageKey, step: s.stepKey, outcome: s.status === 'waiting' ? 'run' : 'not_needed', approverIds: s.approverIds })),
      },
    },
    ...started,
  ];
}

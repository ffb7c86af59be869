import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { approvalDelegations, approvalSteps, candidateLinks, changeRequests, contingencies, jobs, offerHandoffs, offerSignatures, offers, users } from '../../db/schema';
import { PACKET_JOB } from '../documents/packet-generator';

/**
 * What the board's snapshots need of one page of offers, in a fixed number of batched queries
 * (one per kind of fact, never one per offer). board-snapshot.ts assembles the snapshots.
 */

export interface PendingStepRow {
  offerId: string;
  phase: string;
  stageKey: string;
  stageName: string;
  stepKey: string;
  stepName: string;
  status: string;
  approverIds: string[];
  approvedIds: string[];
  quorum: number;
  activatedAt: Date | null;
  dueAt: Date | null;
}

export interface LinkRow {
  offerId: string;
  firstOpenedAt: Date | null;
  lastOpenedAt: Date | null;
  expiresAt: Date | null;
}

export interface SnapshotFacts {
  steps: PendingStepRow[];
  delegates: Map<string, string>;
  links: Map<string, LinkRow>;
  changeRequests: { offerId: string; source: string; deltas: unknown; createdAt: Date }[];
  signatures: { offerId: string; signer: string; signedAt: Date }[];
  contingencies: { offerId: string; label: string; status: string; ownerUserId: string | null }[];
  startDateConfirmed: Set<string>;
  packetQueued: Set<string>;
  names: Map<string, string>;
}

/** Qualified: drizzle renders a select field's own columns unqualified, and a bare "id" in the subquery would be the decision's. */
const stepId = sql.raw('"approval_steps"."id"');

/** Joins the offers row for its current version, so only facts of that version are read. */
const currentVersion = (table: { offerId: unknown; versionNumber: unknown; orgId: unknown }) =>
  and(eq(offers.id, table.offerId as typeof offers.id), eq(offers.orgId, table.orgId as typeof offers.orgId), eq(offers.currentVersion, table.versionNumber as typeof offers.currentVersion));

export async function loadSnapshotFacts(db: Db, orgId: string, offerIds: string[], now: Date, extraUserIds: string[]): Promise<SnapshotFacts> {
  const none = offerIds.length === 0;
  const ids = none ? ['00000000-0000-0000-0000-000000000000'] : offerIds;
  const [steps, delegations, links, crs, sigs, conts, handoffs, queued] = await Promise.all([
    db
      .select({
        offerId: approvalSteps.offerId,
        phase: approvalSteps.phase,
        stageKey: approvalSteps.stageKey,
        stageName: approvalSteps.stageName,
        stepKey: approvalSteps.stepKey,
        stepName: approvalSteps.stepName,
        status: approvalSteps.status,
        approverIds: approvalSteps.approverIds,
        approvedIds: sql<string[]>`coalesce((select jsonb_agg(distinct d.approver_id) from approval_decisions d where d.step_id = ${stepId} and d.decision = 'approve'), '[]'::jsonb)`,
        quorum: approvalSteps.quorum,
        activatedAt: approvalSteps.activatedAt,
        dueAt: approvalSteps.dueAt,
      })
      .from(approvalSteps)
      .where(and(eq(approvalSteps.orgId, orgId), inArray(approvalSteps.offerId, ids), eq(approvalSteps.status, 'pending')))
      .orderBy(asc(approvalSteps.offerId), asc(approvalSteps.stageIndex), asc(approvalSteps.stepKey)),
    db
      .select({ userId: approvalDelegations.userId, delegateId: approvalDelegations.delegateId })
      .from(approvalDelegations)
      .where(and(eq(approvalDelegations.orgId, orgId), sql`${approvalDelegations.startsAt} <= ${now}`, sql`${approvalDelegations.endsAt} > ${now}`)),
    db
      .select({
        offerId: candidateLinks.offerId,
        firstOpenedAt: sql<Date | null>`min(${candidateLinks.firstOpenedAt})`.mapWith(candidateLinks.firstOpenedAt),
        lastOpenedAt: sql<Date | null>`max(${candidateLinks.lastOpenedAt})`.mapWith(candidateLinks.lastOpenedAt),
        expiresAt: sql<Date | null>`(array_agg(${candidateLinks.expiresAt} order by ${candidateLinks.createdAt} desc))[1]`.mapWith(candidateLinks.expiresAt),
      })
      .from(candidateLinks)
      .innerJoin(offers, currentVersion(candidateLinks))
      .where(and(eq(candidateLinks.orgId, orgId), inArray(candidateLinks.offerId, ids)))
      .groupBy(candidateLinks.offerId),
    db
      .select({ offerId: changeRequests.offerId, source: changeRequests.source, deltas: changeRequests.deltas, createdAt: changeRequests.createdAt })
      .from(changeRequests)
      .where(and(eq(changeRequests.orgId, orgId), inArray(changeRequests.offerId, ids), eq(changeRequests.status, 'open')))
      .orderBy(asc(changeRequests.createdAt)),
    db
      .select({ offerId: offerSignatures.offerId, signer: offerSignatures.signer, signedAt: offerSignatures.signedAt })
      .from(offerSignatures)
      .innerJoin(offers, currentVersion(offerSignatures))
      .where(and(eq(offerSignatures.orgId, orgId), inArray(offerSignatures.offerId, ids))),
    db
      .select({ offerId: contingencies.offerId, label: contingencies.label, status: contingencies.status, ownerUserId: contingencies.ownerUserId })
      .from(contingencies)
      .innerJoin(offers, currentVersion(contingencies))
      .where(and(eq(contingencies.orgId, orgId), inArray(contingencies.offerId, ids)))
      .orderBy(asc(contingencies.createdAt), asc(contingencies.label)),
    db
      .select({ offerId: offerHandoffs.offerId })
      .from(offerHandoffs)
      .innerJoin(offers, currentVersion(offerHandoffs))
      .where(and(eq(offerHandoffs.orgId, orgId), inArray(offerHandoffs.offerId, ids), sql`${offerHandoffs.startDateConfirmed} is not null`)),
    db
      .select({ offerId: sql<string>`${jobs.payload} ->> 'offerId'` })
      .from(jobs)
      .where(and(eq(jobs.orgId, orgId), eq(jobs.kind, PACKET_JOB), inArray(jobs.state, ['queued', 'running']), sql`${jobs.payload} ->> 'offerId' in ${ids}`)),
  ]);
  const stepRows = steps.map((s) => ({ ...s, approverIds: s.approverIds as string[], approvedIds: (s.approvedIds ?? []) as string[] }));
  const delegates = new Map(delegations.map((d) => [d.userId, d.delegateId]));
  const wanted = new Set<string>(extraUserIds);
  for (const s of stepRows) for (const id of s.approverIds) wanted.add(id);
  for (const [user, delegate] of delegates) if (wanted.has(user)) wanted.add(delegate);
  for (const c of conts) if (c.ownerUserId) wanted.add(c.ownerUserId);
  const named = wanted.size
    ? await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.orgId, orgId), inArray(users.id, [...wanted])))
    : [];
  return {
    steps: none ? [] : stepRows,
    delegates,
    links: new Map(links.map((l) => [l.offerId, l])),
    changeRequests: crs,
    signatures: sigs,
    contingencies: conts,
    startDateConfirmed: new Set(handoffs.map((h) => h.offerId)),
    packetQueued: new Set(queued.map((q) => q.offerId)),
    names: new Map(named.map((u) => [u.id, u.name])),
  };
}

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { GENESIS_HASH } from '../../../src/core/journal';
import type { Db } from '../../../src/db/client';
import { approvalDecisions, approvalSteps, offers } from '../../../src/db/schema';
import { extendChain } from '../../../src/journal/chain';
import { insertJournalRows } from '../../../src/journal/journal.repo';

/**
 * A history whose metrics are known in advance: offers made row by row, and their journal
 * written entry by entry through the real journal writer at chosen instants, so the stage
 * intervals and milestones come from the real hooks. Approval steps and decisions are rows as the
 * approvals service writes them.
 */

export const MINUTE = 60_000;

export interface OfferShape {
  orgId: string;
  businessUnitId: string;
  departmentId: string;
  candidateId: string;
  recruiterId: string;
  level: string;
  employmentType: string;
}

/** One step of a history: minutes after the previous one, then a move (`to` with `event`) or another entry. */
export type HistoryStep =
  | { after: number; to: string; event: string }
  | { after: number; verbal: true }
  | { after: number; version: number }
  | { after: number; exceptions: string[] }
  | { after: number; declined: string; to: 'declined' };

export async function writeHistory(db: Db, shape: OfferShape, createdAt: Date, steps: HistoryStep[]): Promise<string> {
  const id = randomUUID();
  await db.insert(offers).values({
    id,
    orgId: shape.orgId,
    businessUnitId: shape.businessUnitId,
    departmentId: shape.departmentId,
    candidateId: shape.candidateId,
    recruiterId: shape.recruiterId,
    status: 'draft',
    title: 'Metrics history',
    candidateName: 'Ada Lovelace',
    startDate: '2027-06-01',
    draftTerms: { level: shape.level, employmentType: shape.employmentType },
    journalHead: GENESIS_HASH,
    createdAt,
    updatedAt: createdAt,
  });
  let head = { offerId: id, seq: 0, hash: GENESIS_HASH };
  let status = 'draft';
  let at = createdAt;
  const append = async (entries: { type: string; data: Record<string, unknown> }[]) => {
    const { links, head: next } = extendChain(head, shape.recruiterId, at, entries);
    await db.transaction(async (tx) => {
      await insertJournalRows(tx, shape.orgId, links);
      await tx.update(offers).set({ journalSeq: next.seq, journalHead: next.hash, status, updatedAt: at }).where(eq(offers.id, id));
    });
    head = { offerId: id, ...next };
  };
  await append([{ type: 'offer.created', data: { candidateId: shape.candidateId, requisitionId: null, status: 'draft' } }]);
  for (const step of steps) {
    at = new Date(at.getTime() + step.after * MINUTE);
    if ('verbal' in step) {
      await append([{ type: 'offer.transitioned', data: { event: 'verbal_accept', from: status, to: status } }]);
    } else if ('version' in step) {
      await append([{ type: 'offer.version_created', data: { version: step.version } }]);
    } else if ('exceptions' in step) {
      await append([{ type: 'approval.routed', data: { exceptions: step.exceptions } }]);
    } else if ('declined' in step) {
      const from = status;
      status = 'declined';
      await append([
        { type: 'offer.declined', data: { reason: step.declined } },
        { type: 'offer.transitioned', data: { event: 'decline', from, to: 'declined', reason: step.declined } },
      ]);
    } else {
      const from = status;
      status = step.to;
      await append([{ type: 'offer.transitioned', data: { event: step.event, from, to: step.to } }]);
    }
  }
  return id;
}

/** draft → comp_review → drafting → in_approval → approved → sent, with the minutes spent in each before the move. */
export function toSent(m: { draft: number; compReview: number; drafting: number; inApproval: number; approved: number }): HistoryStep[] {
  return [
    { after: m.draft, to: 'comp_review', event: 'submit' },
    { after: 0, version: 1 },
    { after: m.compReview, to: 'drafting', event: 'comp_approved' },
    { after: m.drafting, to: 'in_approval', event: 'packet_ready' },
    { after: m.inApproval, to: 'approved', event: 'packet_approved' },
    { after: m.approved, to: 'sent', event: 'send' },
  ];
}

export interface StepShape {
  orgId: string;
  offerId: string;
  policyVersionId: string;
  version?: number;
  stage: string;
  step: string;
  role: string | null;
  status: string;
  activatedAt: Date;
  dueAt: Date | null;
  decidedAt: Date | null;
  /** Decisions in order: [approver, decision, at]; the last one closed the step. */
  decisions?: [string, 'approve' | 'reject' | 'request_changes', Date][];
}

export async function writeStep(db: Db, s: StepShape): Promise<string> {
  const id = randomUUID();
  await db.insert(approvalSteps).values({
    id,
    orgId: s.orgId,
    offerId: s.offerId,
    versionNumber: s.version ?? 1,
    policyVersionId: s.policyVersionId,
    phase: s.stage === 'packet' ? 'packet' : 'compensation',
    stageIndex: s.stage === 'packet' ? 1 : 0,
    stageKey: s.stage,
    stageName: s.stage === 'packet' ? 'Packet review' : 'Compensation review',
    stepKey: s.step,
    stepName: `${s.step[0]!.toUpperCase()}${s.step.slice(1)} approval`,
    status: s.status,
    explanation: 'test',
    conditionHeld: true,
    approverIds: (s.decisions ?? []).map((d) => d[0]),
    approverRole: s.role,
    quorum: 1,
    covers: [],
    slaHours: s.dueAt ? Math.round((s.dueAt.getTime() - s.activatedAt.getTime()) / 3_600_000) : null,
    reminderHours: [],
    escalationIds: [],
    activatedAt: s.activatedAt,
    dueAt: s.dueAt,
    decidedAt: s.decidedAt,
  });
  for (const [approverId, decision, at] of s.decisions ?? []) {
    await db.insert(approvalDecisions).values({ id: randomUUID(), orgId: s.orgId, offerId: s.offerId, stepId: id, approverId, actedById: approverId, decision, comment: '', via: 'web', at });
  }
  return id;
}

import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { approvalDecisions, approvalDelegations, approvalSteps, offers, orgHolidays } from '../../db/schema';

export type ApprovalStepRow = typeof approvalSteps.$inferSelect;
export type NewApprovalStepRow = typeof approvalSteps.$inferInsert;
export type ApprovalDecisionRow = typeof approvalDecisions.$inferSelect;

/** Steps a person may still act on. */
export const openStepStatuses = ['waiting', 'pending'] as const;

export async function insertSteps(tx: Db, rows: NewApprovalStepRow[]): Promise<ApprovalStepRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(approvalSteps).values(rows).returning();
}

export async function listStepsOfVersion(db: Db, orgId: string, offerId: string, versionNumber: number): Promise<ApprovalStepRow[]> {
  return db
    .select()
    .from(approvalSteps)
    .where(and(eq(approvalSteps.orgId, orgId), eq(approvalSteps.offerId, offerId), eq(approvalSteps.versionNumber, versionNumber)))
    .orderBy(asc(approvalSteps.stageIndex), asc(approvalSteps.stepKey));
}

export async function listStepsOfOffer(db: Db, orgId: string, offerId: string): Promise<ApprovalStepRow[]> {
  return db
    .select()
    .from(approvalSteps)
    .where(and(eq(approvalSteps.orgId, orgId), eq(approvalSteps.offerId, offerId)))
    .orderBy(asc(approvalSteps.versionNumber), asc(approvalSteps.stageIndex), asc(approvalSteps.stepKey));
}

/** The newest version before `beforeVersion` that was routed, with its steps. */
export async function latestRoutedSteps(db: Db, orgId: string, offerId: string, beforeVersion: number): Promise<ApprovalStepRow[]> {
  const [last] = await db
    .select({ v: sql<number>`max(${approvalSteps.versionNumber})` })
    .from(approvalSteps)
    .where(and(eq(approvalSteps.orgId, orgId), eq(approvalSteps.offerId, offerId), sql`${approvalSteps.versionNumber} < ${beforeVersion}`));
  if (!last?.v) return [];
  return listStepsOfVersion(db, orgId, offerId, Number(last.v));
}

export async function lockStep(tx: Db, orgId: string, stepId: string): Promise<ApprovalStepRow | null> {
  const [row] = await tx
    .select()
    .from(approvalSteps)
    .where(and(eq(approvalSteps.orgId, orgId), eq(approvalSteps.id, stepId)))
    .for('update');
  return row ?? null;
}

export async function findStep(db: Db, orgId: string, stepId: string): Promise<ApprovalStepRow | null> {
  const [row] = await db.select().from(approvalSteps).where(and(eq(approvalSteps.orgId, orgId), eq(approvalSteps.id, stepId)));
  return row ?? null;
}

export async function updateStep(tx: Db, stepId: string, set: Partial<NewApprovalStepRow>): Promise<void> {
  await tx.update(approvalSteps).set(set).where(eq(approvalSteps.id, stepId));
}

export async function insertDecision(tx: Db, row: typeof approvalDecisions.$inferInsert): Promise<void> {
  await tx.insert(approvalDecisions).values(row);
}

export async function listDecisions(db: Db, orgId: string, stepIds: string[]): Promise<ApprovalDecisionRow[]> {
  if (stepIds.length === 0) return [];
  return db
    .select()
    .from(approvalDecisions)
    .where(and(eq(approvalDecisions.orgId, orgId), inArray(approvalDecisions.stepId, stepIds)))
    .orderBy(asc(approvalDecisions.at));
}

/** Pending steps where any of `userIds` is an approver (the caller, and people they stand in for). */
export async function listPendingStepsFor(db: Db, orgId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  const list = sql.join(userIds.map((id) => sql`${id}`), sql`, `);
  return db
    .select({ step: approvalSteps, offer: { id: offers.id, title: offers.title, candidateName: offers.candidateName, status: offers.status, currentVersion: offers.currentVersion } })
    .from(approvalSteps)
    .innerJoin(offers, eq(offers.id, approvalSteps.offerId))
    .where(
      and(
        eq(approvalSteps.orgId, orgId),
        eq(approvalSteps.status, 'pending'),
        sql`exists (select 1 from jsonb_array_elements_text(${approvalSteps.approverIds}) a where a in (${list}))`,
      ),
    )
    .orderBy(asc(approvalSteps.dueAt), asc(approvalSteps.activatedAt));
}

export async function listOrgHolidays(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db.select({ date: orgHolidays.date }).from(orgHolidays).where(eq(orgHolidays.orgId, orgId));
  return new Set(rows.map((r) => r.date));
}

/** Delegations active at `at`: who stands in for whom. */
export async function activeDelegations(db: Db, orgId: string, at: Date) {
  return db
    .select({ userId: approvalDelegations.userId, delegateId: approvalDelegations.delegateId, endsAt: approvalDelegations.endsAt })
    .from(approvalDelegations)
    .where(and(eq(approvalDelegations.orgId, orgId), sql`${approvalDelegations.startsAt} <= ${at}`, sql`${approvalDelegations.endsAt} > ${at}`));
}

export async function insertDelegation(tx: Db, row: typeof approvalDelegations.$inferInsert): Promise<void> {
  await tx.insert(approvalDelegations).values(row);
}

/** Ends the user's current and future delegations at `at`. */
export async function endDelegations(tx: Db, orgId: string, userId: string, at: Date): Promise<void> {
  await tx
    .update(approvalDelegations)
    .set({ endsAt: at })
    .where(and(eq(approvalDelegations.orgId, orgId), eq(approvalDelegations.userId, userId), sql`${approvalDelegations.endsAt} > ${at}`));
  await tx
    .update(approvalDelegations)
    .set({ startsAt: at })
    .where(and(eq(approvalDelegations.orgId, orgId), eq(approvalDelegations.userId, userId), sql`${approvalDelegations.startsAt} > ${at}`));
}

export async function listDelegationsOf(db: Db, orgId: string, userId: string, at: Date) {
  return db
    .select()
    .from(approvalDelegations)
    .where(and(eq(approvalDelegations.orgId, orgId), eq(approvalDelegations.userId, userId), sql`${approvalDelegations.endsAt} > ${at}`))
    .orderBy(desc(approvalDelegations.startsAt));
}

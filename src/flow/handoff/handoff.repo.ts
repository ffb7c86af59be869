import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { businessUnits, candidates, contingencies, offerHandoffs, offers, onboardingTaskTemplates, onboardingTasks, users } from '../../db/schema';

export type ContingencyRow = typeof contingencies.$inferSelect;
export type TaskTemplateRow = typeof onboardingTaskTemplates.$inferSelect;
export type OnboardingTaskRow = typeof onboardingTasks.$inferSelect;
export type HandoffRow = typeof offerHandoffs.$inferSelect;

export async function listContingencies(db: Db, orgId: string, offerId: string, versionNumber?: number): Promise<ContingencyRow[]> {
  return db
    .select()
    .from(contingencies)
    .where(and(eq(contingencies.orgId, orgId), eq(contingencies.offerId, offerId), versionNumber === undefined ? undefined : eq(contingencies.versionNumber, versionNumber)))
    .orderBy(asc(contingencies.createdAt), asc(contingencies.id))
    .then((rows) => rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || kindRank(a.kind) - kindRank(b.kind) || a.label.localeCompare(b.label)));
}

/** Contingencies made together (on acceptance) list in the order of the kinds; custom ones after. */
const kindOrder = ['background_check', 'references', 'work_authorization', 'drug_screen'];
const kindRank = (kind: string) => (kindOrder.includes(kind) ? kindOrder.indexOf(kind) : kindOrder.length);

export async function findContingency(db: Db, orgId: string, offerId: string, id: string): Promise<ContingencyRow | null> {
  const [row] = await db.select().from(contingencies).where(and(eq(contingencies.orgId, orgId), eq(contingencies.offerId, offerId), eq(contingencies.id, id)));
  return row ?? null;
}

export async function insertContingencies(tx: Db, rows: (typeof contingencies.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(contingencies).values(rows);
}

export async function updateContingency(tx: Db, orgId: string, id: string, set: Partial<typeof contingencies.$inferInsert>): Promise<ContingencyRow> {
  const [row] = await tx.update(contingencies).set(set).where(and(eq(contingencies.orgId, orgId), eq(contingencies.id, id))).returning();
  return row!;
}

export async function listTemplates(db: Db, orgId: string, includeRetired = true): Promise<TaskTemplateRow[]> {
  return db
    .select()
    .from(onboardingTaskTemplates)
    .where(and(eq(onboardingTaskTemplates.orgId, orgId), includeRetired ? undefined : isNull(onboardingTaskTemplates.retiredAt)))
    .orderBy(asc(onboardingTaskTemplates.position), asc(onboardingTaskTemplates.key));
}

export async function findTemplate(db: Db, orgId: string, id: string): Promise<TaskTemplateRow | null> {
  const [row] = await db.select().from(onboardingTaskTemplates).where(and(eq(onboardingTaskTemplates.orgId, orgId), eq(onboardingTaskTemplates.id, id)));
  return row ?? null;
}

export async function findTemplateByKey(db: Db, orgId: string, key: string): Promise<TaskTemplateRow | null> {
  const [row] = await db.select().from(onboardingTaskTemplates).where(and(eq(onboardingTaskTemplates.orgId, orgId), eq(onboardingTaskTemplates.key, key)));
  return row ?? null;
}

export async function insertTemplate(db: Db, row: typeof onboardingTaskTemplates.$inferInsert): Promise<TaskTemplateRow> {
  const [out] = await db.insert(onboardingTaskTemplates).values(row).returning();
  return out!;
}

export async function updateTemplate(db: Db, orgId: string, id: string, set: Partial<typeof onboardingTaskTemplates.$inferInsert>): Promise<TaskTemplateRow> {
  const [out] = await db.update(onboardingTaskTemplates).set(set).where(and(eq(onboardingTaskTemplates.orgId, orgId), eq(onboardingTaskTemplates.id, id))).returning();
  return out!;
}

export async function insertTasks(tx: Db, rows: (typeof onboardingTasks.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(onboardingTasks).values(rows).onConflictDoNothing();
}

export async function listOfferTasks(db: Db, orgId: string, offerId: string): Promise<OnboardingTaskRow[]> {
  return db
    .select()
    .from(onboardingTasks)
    .where(and(eq(onboardingTasks.orgId, orgId), eq(onboardingTasks.offerId, offerId)))
    .orderBy(asc(onboardingTasks.dueDate), asc(onboardingTasks.templateKey));
}

export async function findTask(db: Db, orgId: string, id: string): Promise<OnboardingTaskRow | null> {
  const [row] = await db.select().from(onboardingTasks).where(and(eq(onboardingTasks.orgId, orgId), eq(onboardingTasks.id, id)));
  return row ?? null;
}

export async function updateTask(tx: Db, orgId: string, id: string, set: Partial<typeof onboardingTasks.$inferInsert>): Promise<OnboardingTaskRow> {
  const [row] = await tx.update(onboardingTasks).set(set).where(and(eq(onboardingTasks.orgId, orgId), eq(onboardingTasks.id, id))).returning();
  return row!;
}

/** A role's queue: its tasks (optionally of one status) on offers still in onboarding (accepted or handed off), with the offer's business unit, oldest due first. */
export async function listRoleTasks(db: Db, orgId: string, role: string, status?: string) {
  return db
    .select({ task: onboardingTasks, businessUnitId: offers.businessUnitId })
    .from(onboardingTasks)
    .innerJoin(offers, eq(offers.id, onboardingTasks.offerId))
    .where(
      and(
        eq(onboardingTasks.orgId, orgId),
        eq(onboardingTasks.ownerRole, role),
        inArray(offers.status, ['accepted', 'handed_off']),
        status ? eq(onboardingTasks.status, status) : undefined,
      ),
    )
    .orderBy(asc(onboardingTasks.dueDate), asc(onboardingTasks.id));
}

/** Moves the due dates of an offer's open tasks by a number of days (the start date moved). */
export async function shiftOpenTaskDueDates(tx: Db, orgId: string, offerId: string, days: number): Promise<void> {
  if (days === 0) return;
  await tx
    .update(onboardingTasks)
    .set({ dueDate: sql`to_char(${onboardingTasks.dueDate}::date + ${days}::int, 'YYYY-MM-DD')` })
    .where(and(eq(onboardingTasks.orgId, orgId), eq(onboardingTasks.offerId, offerId), eq(onboardingTasks.status, 'open')));
}

export async function findHandoff(db: Db, orgId: string, offerId: string): Promise<HandoffRow | null> {
  const [row] = await db.select().from(offerHandoffs).where(and(eq(offerHandoffs.orgId, orgId), eq(offerHandoffs.offerId, offerId)));
  return row ?? null;
}

export async function upsertHandoff(tx: Db, row: typeof offerHandoffs.$inferInsert): Promise<void> {
  const { offerId: _offerId, createdAt: _createdAt, ...set } = row;
  await tx.insert(offerHandoffs).values(row).onConflictDoUpdate({ target: offerHandoffs.offerId, set });
}

/** Handed-off offers whose handoff instant falls in [from, to) (UTC), oldest first; every organisation when orgId is null. */
export async function listHandoffsBetween(db: Db, orgId: string | null, from: Date, to: Date) {
  return db
    .select({ handoff: offerHandoffs, businessUnitId: offers.businessUnitId })
    .from(offerHandoffs)
    .innerJoin(offers, eq(offers.id, offerHandoffs.offerId))
    .where(
      and(
        orgId ? eq(offerHandoffs.orgId, orgId) : undefined,
        isNotNull(offerHandoffs.handedOffAt),
        gte(offerHandoffs.handedOffAt, from),
        lt(offerHandoffs.handedOffAt, to),
      ),
    )
    .orderBy(asc(offerHandoffs.handedOffAt), asc(offerHandoffs.offerId));
}

export async function findPeople(db: Db, orgId: string, candidateId: string, managerId: string | null) {
  const [candidate] = await db.select({ email: candidates.email }).from(candidates).where(and(eq(candidates.orgId, orgId), eq(candidates.id, candidateId)));
  const [manager] = managerId ? await db.select({ name: users.name }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, managerId))) : [];
  return { candidateEmail: candidate?.email ?? null, managerName: manager?.name ?? null };
}


/** Whether a user is one of the organisation's (an owner named in a body must be). */
export async function userInOrg(db: Db, orgId: string, userId: string): Promise<boolean> {
  return (await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId)))).length > 0;
}

export async function businessUnitInOrg(db: Db, orgId: string, id: string): Promise<boolean> {
  return (await db.select({ id: businessUnits.id }).from(businessUnits).where(and(eq(businessUnits.orgId, orgId), eq(businessUnits.id, id)))).length > 0;
}

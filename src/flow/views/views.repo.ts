import { and, asc, eq, isNotNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { businessUnits, departments, savedViews, users } from '../../db/schema';

/** Saved views of the offers list and the status board. Every query is scoped by org. */
export type SavedViewRow = typeof savedViews.$inferSelect;

const owners = alias(users, 'view_owner');

const listed = {
  view: savedViews,
  ownerName: owners.name,
  unitName: businessUnits.name,
};

/**
 * The caller's views of a page and every view of it shared with one of `roleNames` or with a
 * business unit; the service narrows the shared ones to those the caller's grants reach.
 */
export async function listCandidates(db: Db, orgId: string, page: string, ownerId: string, roleNames: string[]) {
  const byRole = roleNames.length
    ? sql`${savedViews.sharedWithRoles} ?| array[${sql.join(
        roleNames.map((r) => sql`${r}`),
        sql`, `,
      )}]::text[]`
    : undefined;
  return db
    .select(listed)
    .from(savedViews)
    .innerJoin(owners, eq(owners.id, savedViews.ownerId))
    .leftJoin(businessUnits, eq(businessUnits.id, savedViews.sharedWithBusinessUnitId))
    .where(and(eq(savedViews.orgId, orgId), eq(savedViews.page, page), or(eq(savedViews.ownerId, ownerId), byRole, isNotNull(savedViews.sharedWithBusinessUnitId))))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
}

export type ListedView = Awaited<ReturnType<typeof listCandidates>>[number];

export async function findView(db: Db, orgId: string, id: string): Promise<ListedView | null> {
  const [row] = await db
    .select(listed)
    .from(savedViews)
    .innerJoin(owners, eq(owners.id, savedViews.ownerId))
    .leftJoin(businessUnits, eq(businessUnits.id, savedViews.sharedWithBusinessUnitId))
    .where(and(eq(savedViews.orgId, orgId), eq(savedViews.id, id)));
  return row ?? null;
}

/** The view, held until the transaction ends so concurrent writers queue. */
export async function lockView(tx: Db, orgId: string, id: string): Promise<SavedViewRow | null> {
  const [row] = await tx.select().from(savedViews).where(and(eq(savedViews.orgId, orgId), eq(savedViews.id, id))).for('update');
  return row ?? null;
}

/** Another view of the owner on the page with this name, if any. */
export async function findByName(db: Db, orgId: string, ownerId: string, page: string, name: string): Promise<SavedViewRow | null> {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.orgId, orgId), eq(savedViews.ownerId, ownerId), eq(savedViews.page, page), eq(savedViews.name, name)));
  return row ?? null;
}

/** Inserts the view; null when the owner already has a view of that name on the page. */
export async function insertView(db: Db, row: typeof savedViews.$inferInsert): Promise<SavedViewRow | null> {
  const [created] = await db.insert(savedViews).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function updateView(tx: Db, orgId: string, id: string, values: Partial<typeof savedViews.$inferInsert>): Promise<SavedViewRow> {
  const [updated] = await tx
    .update(savedViews)
    .set({ ...values, rowVersion: sql`${savedViews.rowVersion} + 1` })
    .where(and(eq(savedViews.orgId, orgId), eq(savedViews.id, id)))
    .returning();
  return updated!;
}

export async function deleteView(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.delete(savedViews).where(and(eq(savedViews.orgId, orgId), eq(savedViews.id, id)));
}

export async function businessUnitName(db: Db, orgId: string, id: string): Promise<string | null> {
  const [row] = await db.select({ name: businessUnits.name }).from(businessUnits).where(and(eq(businessUnits.orgId, orgId), eq(businessUnits.id, id)));
  return row?.name ?? null;
}

export async function departmentExists(db: Db, orgId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(and(eq(departments.orgId, orgId), eq(departments.id, id)));
  return Boolean(row);
}

export async function userExists(db: Db, orgId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return Boolean(row);
}

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  budgets,
  businessUnits,
  candidates,
  compBands,
  departments,
  organizations,
  requisitions,
  userRoles,
  users,
} from '../db/schema';
import type { Role } from '../core/roles';
import type { PgTable } from 'drizzle-orm/pg-core';

/** Inserts for setting up an organisation: used by the demo seed, the CLI and test factories. */
type WithOptionalId<T extends PgTable> = Omit<T['$inferInsert'], 'id'> & { id?: string };

async function insertRow<T extends PgTable>(db: Db, table: T, values: WithOptionalId<T>): Promise<T['$inferSelect']> {
  const rows = (await db
    .insert(table)
    .values({ id: randomUUID(), ...values } as T['$inferInsert'])
    .returning()) as T['$inferSelect'][];
  return rows[0]!;
}

export const insertOrganization = (db: Db, v: WithOptionalId<typeof organizations>) => insertRow(db, organizations, v);
export const insertBusinessUnit = (db: Db, v: WithOptionalId<typeof businessUnits>) => insertRow(db, businessUnits, v);
export const insertDepartment = (db: Db, v: WithOptionalId<typeof departments>) => insertRow(db, departments, v);
export const insertUser = (db: Db, v: WithOptionalId<typeof users>) => insertRow(db, users, v);
export const insertCandidate = (db: Db, v: WithOptionalId<typeof candidates>) => insertRow(db, candidates, v);
export const insertRequisition = (db: Db, v: WithOptionalId<typeof requisitions>) => insertRow(db, requisitions, v);
export const insertCompBand = (db: Db, v: WithOptionalId<typeof compBands>) => insertRow(db, compBands, v);
export const insertBudget = (db: Db, v: WithOptionalId<typeof budgets>) => insertRow(db, budgets, v);

export async function grantRole(db: Db, orgId: string, userId: string, role: Role, businessUnitId: string | null = null) {
  await db.insert(userRoles).values({ id: randomUUID(), orgId, userId, role, businessUnitId }).onConflictDoNothing();
}

/** Sets who a user reports to (the "hiring manager's manager" relation of approval policies). */
export async function setManager(db: Db, orgId: string, userId: string, managerId: string | null) {
  await db.update(users).set({ managerId }).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}

export async function findOrganizationBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return row ?? null;
}

import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, requisitions, userRoles, users } from '../../db/schema';

export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  timeZone: string;
}

const userColumns = { id: users.id, name: users.name, email: users.email, timeZone: users.timeZone };

/** Active users holding `role` across the organisation or in the offer's business unit. */
export async function usersWithRole(db: Db, orgId: string, role: string, businessUnitId: string): Promise<DirectoryUser[]> {
  return db
    .selectDistinct(userColumns)
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.orgId, orgId),
        eq(userRoles.role, role),
        or(isNull(userRoles.businessUnitId), eq(userRoles.businessUnitId, businessUnitId)),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(users.name, users.id);
}

export async function usersByIds(db: Db, orgId: string, ids: string[]): Promise<DirectoryUser[]> {
  if (ids.length === 0) return [];
  return db.select(userColumns).from(users).where(and(eq(users.orgId, orgId), inArray(users.id, ids)));
}

export async function activeUserByEmail(db: Db, orgId: string, email: string): Promise<DirectoryUser | null> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.orgId, orgId), sql`lower(${users.email}) = ${email.toLowerCase()}`, isNull(users.disabledAt)));
  return row ?? null;
}

/** Lower-case e-mails of the organisation's active users: what a policy may name. */
export async function activeUserEmails(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db.select({ email: users.email }).from(users).where(and(eq(users.orgId, orgId), isNull(users.disabledAt)));
  return new Set(rows.map((r) => r.email.toLowerCase()));
}

export async function activeUserById(db: Db, orgId: string, id: string | null | undefined): Promise<DirectoryUser | null> {
  if (!id) return null;
  const [row] = await db.select(userColumns).from(users).where(and(eq(users.orgId, orgId), eq(users.id, id), isNull(users.disabledAt)));
  return row ?? null;
}

export async function requisitionHiringManagerId(db: Db, orgId: string, requisitionId: string | null): Promise<string | null> {
  if (!requisitionId) return null;
  const [row] = await db
    .select({ id: requisitions.hiringManagerId })
    .from(requisitions)
    .where(and(eq(requisitions.orgId, orgId), eq(requisitions.id, requisitionId)));
  return row?.id ?? null;
}

export async function departmentHrbpId(db: Db, orgId: string, departmentId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: departments.hrbpId })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), eq(departments.id, departmentId)));
  return row?.id ?? null;
}

export async function managerOf(db: Db, orgId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db.select({ id: users.managerId }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return row?.id ?? null;
}

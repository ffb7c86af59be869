import { and, asc, eq, ilike, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { businessUnits, candidates, departments, requisitions, userRoles, users } from '../db/schema';

/** The organisation's reference data that intake picks from. */
export async function listBusinessUnits(db: Db, orgId: string) {
  return db.select({ id: businessUnits.id, name: businessUnits.name }).from(businessUnits).where(eq(businessUnits.orgId, orgId)).orderBy(asc(businessUnits.name));
}

export async function listDepartments(db: Db, orgId: string) {
  return db
    .select({ id: departments.id, name: departments.name, businessUnitId: departments.businessUnitId })
    .from(departments)
    .where(eq(departments.orgId, orgId))
    .orderBy(asc(departments.name));
}

export async function listCandidates(db: Db, orgId: string, q: string | undefined, limit: number) {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select({ id: candidates.id, firstName: candidates.firstName, lastName: candidates.lastName, email: candidates.email, city: candidates.city, state: candidates.state })
    .from(candidates)
    .where(and(eq(candidates.orgId, orgId), pattern ? or(ilike(candidates.firstName, pattern), ilike(candidates.lastName, pattern), ilike(candidates.email, pattern)) : undefined))
    .orderBy(asc(candidates.lastName), asc(candidates.firstName))
    .limit(limit);
}

export async function listRequisitions(db: Db, orgId: string) {
  return db
    .select({
      id: requisitions.id,
      code: requisitions.code,
      title: requisitions.title,
      level: requisitions.level,
      departmentId: requisitions.departmentId,
      locationCity: requisitions.locationCity,
      locationState: requisitions.locationState,
      employmentType: requisitions.employmentType,
      hiringManagerId: requisitions.hiringManagerId,
      status: requisitions.status,
    })
    .from(requisitions)
    .where(eq(requisitions.orgId, orgId))
    .orderBy(asc(requisitions.code));
}

export async function listUsers(db: Db, orgId: string) {
  const rows = await db
    .select({ id: users.id, name: users.name, role: userRoles.role })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.name));
  const byId = new Map<string, { id: string; name: string; roles: string[] }>();
  for (const r of rows) {
    const u = byId.get(r.id) ?? { id: r.id, name: r.name, roles: [] };
    if (r.role && !u.roles.includes(r.role)) u.roles.push(r.role);
    byId.set(r.id, u);
  }
  return [...byId.values()];
}

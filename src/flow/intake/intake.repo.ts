import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidates, compBands, departments, requisitions, users } from '../../db/schema';

/** Lookups that intake needs; each is scoped to the organisation. */
export async function findCandidate(db: Db, orgId: string, id: string) {
  const [row] = await db.select().from(candidates).where(and(eq(candidates.orgId, orgId), eq(candidates.id, id)));
  return row ?? null;
}

export async function findRequisition(db: Db, orgId: string, id: string) {
  const [row] = await db.select().from(requisitions).where(and(eq(requisitions.orgId, orgId), eq(requisitions.id, id)));
  return row ?? null;
}

export async function findDepartment(db: Db, orgId: string, id: string) {
  const [row] = await db.select().from(departments).where(and(eq(departments.orgId, orgId), eq(departments.id, id)));
  return row ?? null;
}

export async function findUser(db: Db, orgId: string, id: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row ?? null;
}

export async function findBand(db: Db, orgId: string, level: string, zone: string, currency: string) {
  const [row] = await db
    .select()
    .from(compBands)
    .where(and(eq(compBands.orgId, orgId), eq(compBands.level, level), eq(compBands.zone, zone), eq(compBands.currency, currency)));
  return row ?? null;
}

/** The user's IANA time zone (offer expiry runs to the end of the day where the recruiter works). */
export async function findUserTimeZone(db: Db, orgId: string, id: string): Promise<string> {
  const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row?.timeZone ?? 'America/New_York';
}

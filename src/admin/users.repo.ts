import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { businessUnits, sessions, userRoles, users } from '../db/schema';
import type { Role } from '../core/roles';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  disabledAt: Date | null;
  createdAt: Date;
  hasPassword: boolean;
  sso: boolean;
}

export interface RoleRow {
  userId: string;
  role: Role;
  businessUnitId: string | null;
  businessUnitName: string | null;
}

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  sso: sql<boolean>`${users.oidcSubject} is not null`,
};

export async function listUsers(db: Db, orgId: string): Promise<UserRow[]> {
  return db.select(userColumns).from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.name), asc(users.email));
}

export async function findUser(db: Db, orgId: string, id: string): Promise<UserRow | null> {
  const [row] = await db.select(userColumns).from(users).where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row ?? null;
}

/** E-mails are unique across organisations (sign-in looks a user up by e-mail alone). */
export async function findUserIdByEmail(db: Db, email: string): Promise<{ id: string; orgId: string } | null> {
  const [row] = await db.select({ id: users.id, orgId: users.orgId }).from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}

export async function listRoles(db: Db, orgId: string, userId?: string): Promise<RoleRow[]> {
  const rows = await db
    .select({ userId: userRoles.userId, role: userRoles.role, businessUnitId: userRoles.businessUnitId, businessUnitName: businessUnits.name })
    .from(userRoles)
    .leftJoin(businessUnits, eq(businessUnits.id, userRoles.businessUnitId))
    .where(and(eq(userRoles.orgId, orgId), userId ? eq(userRoles.userId, userId) : undefined))
    .orderBy(asc(userRoles.role), asc(businessUnits.name));
  return rows as RoleRow[];
}

export async function findBusinessUnit(db: Db, orgId: string, by: { id: string } | { name: string }) {
  const match = 'id' in by ? eq(businessUnits.id, by.id) : sql`lower(${businessUnits.name}) = lower(${by.name})`;
  const [row] = await db.select({ id: businessUnits.id, name: businessUnits.name }).from(businessUnits).where(and(eq(businessUnits.orgId, orgId), match));
  return row ?? null;
}

export async function insertUserWithRoles(
  db: Db,
  user: { orgId: string; name: string; email: string; passwordHash: string | null },
  roles: { role: Role; businessUnitId: string | null }[],
): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id, ...user });
    for (const r of roles) {
      await tx.insert(userRoles).values({ id: randomUUID(), orgId: user.orgId, userId: id, ...r }).onConflictDoNothing();
    }
  });
  return id;
}

/**
 * Changes a user's roles and ends their sessions in one transaction: a session opened
 * under the old privileges never outlives the change (the next sign-in issues a new id).
 */
export async function changeRole(db: Db, orgId: string, userId: string, change: { grant: boolean; role: Role; businessUnitId: string | null }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const scope = change.businessUnitId === null ? isNull(userRoles.businessUnitId) : eq(userRoles.businessUnitId, change.businessUnitId);
    const rows = change.grant
      ? await tx
          .insert(userRoles)
          .values({ id: randomUUID(), orgId, userId, role: change.role, businessUnitId: change.businessUnitId })
          .onConflictDoNothing()
          .returning({ id: userRoles.id })
      : await tx
          .delete(userRoles)
          .where(and(eq(userRoles.orgId, orgId), eq(userRoles.userId, userId), eq(userRoles.role, change.role), scope))
          .returning({ id: userRoles.id });
    if (rows.length > 0) await tx.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)));
    return rows.length > 0;
  });
}

/** Disabling also ends the user's sessions; their API tokens stop working because a disabled user resolves to no one. */
export async function setDisabled(db: Db, orgId: string, userId: string, disabledAt: Date | null) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabledAt }).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
    if (disabledAt) await tx.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)));
  });
}

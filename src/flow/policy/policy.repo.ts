import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { approvalPolicies, approvalPolicyVersions, users } from '../../db/schema';

export type PolicyRow = typeof approvalPolicies.$inferSelect;
export type PolicyVersionRow = typeof approvalPolicyVersions.$inferSelect;

const scopeIs = (businessUnitId: string | null) =>
  businessUnitId ? eq(approvalPolicies.businessUnitId, businessUnitId) : isNull(approvalPolicies.businessUnitId);

/** Locks the policy of one scope (organisation or business unit) so two saves number their versions in turn. */
export async function lockPolicy(tx: Db, orgId: string, businessUnitId: string | null): Promise<PolicyRow | null> {
  const [row] = await tx
    .select()
    .from(approvalPolicies)
    .where(and(eq(approvalPolicies.orgId, orgId), scopeIs(businessUnitId)))
    .for('update');
  return row ?? null;
}

export async function insertPolicy(tx: Db, row: typeof approvalPolicies.$inferInsert): Promise<PolicyRow> {
  const [created] = await tx.insert(approvalPolicies).values(row).onConflictDoNothing().returning();
  return created ?? (await lockPolicy(tx, row.orgId, row.businessUnitId ?? null))!;
}

export async function insertPolicyVersion(tx: Db, row: typeof approvalPolicyVersions.$inferInsert): Promise<PolicyVersionRow> {
  const [created] = await tx.insert(approvalPolicyVersions).values(row).returning();
  await tx.update(approvalPolicies).set({ currentVersion: row.number }).where(eq(approvalPolicies.id, row.policyId));
  return created!;
}

export async function listPolicies(db: Db, orgId: string): Promise<PolicyRow[]> {
  return db.select().from(approvalPolicies).where(eq(approvalPolicies.orgId, orgId)).orderBy(sql`${approvalPolicies.businessUnitId} nulls first`);
}

export async function findPolicy(db: Db, orgId: string, policyId: string): Promise<PolicyRow | null> {
  const [row] = await db.select().from(approvalPolicies).where(and(eq(approvalPolicies.orgId, orgId), eq(approvalPolicies.id, policyId)));
  return row ?? null;
}

export async function listPolicyVersions(db: Db, orgId: string, policyId: string) {
  return db
    .select({
      id: approvalPolicyVersions.id,
      number: approvalPolicyVersions.number,
      format: approvalPolicyVersions.format,
      note: approvalPolicyVersions.note,
      createdAt: approvalPolicyVersions.createdAt,
      createdByName: users.name,
    })
    .from(approvalPolicyVersions)
    .leftJoin(users, eq(users.id, approvalPolicyVersions.createdBy))
    .where(and(eq(approvalPolicyVersions.orgId, orgId), eq(approvalPolicyVersions.policyId, policyId)))
    .orderBy(desc(approvalPolicyVersions.number));
}

export async function findPolicyVersion(db: Db, orgId: string, policyId: string, number: number): Promise<PolicyVersionRow | null> {
  const [row] = await db
    .select()
    .from(approvalPolicyVersions)
    .where(and(eq(approvalPolicyVersions.orgId, orgId), eq(approvalPolicyVersions.policyId, policyId), eq(approvalPolicyVersions.number, number)));
  return row ?? null;
}

export async function findPolicyVersionById(db: Db, orgId: string, id: string): Promise<PolicyVersionRow | null> {
  const [row] = await db
    .select()
    .from(approvalPolicyVersions)
    .where(and(eq(approvalPolicyVersions.orgId, orgId), eq(approvalPolicyVersions.id, id)));
  return row ?? null;
}

/** The policy version new offers of a business unit follow: the unit's own, else the organisation's. */
export async function activePolicyVersion(db: Db, orgId: string, businessUnitId: string): Promise<PolicyVersionRow | null> {
  const rows = await db
    .select({ version: approvalPolicyVersions, unit: approvalPolicies.businessUnitId })
    .from(approvalPolicies)
    .innerJoin(
      approvalPolicyVersions,
      and(eq(approvalPolicyVersions.policyId, approvalPolicies.id), eq(approvalPolicyVersions.number, approvalPolicies.currentVersion)),
    )
    .where(and(eq(approvalPolicies.orgId, orgId), sql`(${approvalPolicies.businessUnitId} is null or ${approvalPolicies.businessUnitId} = ${businessUnitId})`));
  return (rows.find((r) => r.unit === businessUnitId) ?? rows.find((r) => r.unit === null))?.version ?? null;
}

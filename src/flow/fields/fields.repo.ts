import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  approvalPolicies,
  approvalPolicyVersions,
  businessUnits,
  documentTemplates,
  documentTemplateVersions,
  fieldDefinitionRetirements,
  fieldDefinitions,
  fieldDefinitionVersions,
  users,
} from '../../db/schema';

/** Custom field definitions, their versions and retirements. Every query is scoped by org. */
export type DefinitionRow = typeof fieldDefinitions.$inferSelect;
export type DefinitionVersionRow = typeof fieldDefinitionVersions.$inferSelect;
export type RetirementRow = typeof fieldDefinitionRetirements.$inferSelect;

const scopeIs = (businessUnitId: string | null) =>
  businessUnitId ? eq(fieldDefinitions.businessUnitId, businessUnitId) : isNull(fieldDefinitions.businessUnitId);

/** Every definition of the organisation with its current version and retirement, if any. */
export async function listDefinitions(db: Db, orgId: string) {
  return db
    .select({ row: fieldDefinitions, version: fieldDefinitionVersions, retirement: fieldDefinitionRetirements })
    .from(fieldDefinitions)
    .innerJoin(
      fieldDefinitionVersions,
      and(eq(fieldDefinitionVersions.definitionId, fieldDefinitions.id), eq(fieldDefinitionVersions.number, fieldDefinitions.currentVersion)),
    )
    .leftJoin(fieldDefinitionRetirements, eq(fieldDefinitionRetirements.definitionId, fieldDefinitions.id))
    .where(eq(fieldDefinitions.orgId, orgId))
    .orderBy(sql`${fieldDefinitions.businessUnitId} nulls first`, asc(fieldDefinitions.key));
}

/** Definitions holding a key in any scope of the organisation (for clash checks across scopes). */
export async function definitionsWithKey(db: Db, orgId: string, key: string): Promise<DefinitionRow[]> {
  return db.select().from(fieldDefinitions).where(and(eq(fieldDefinitions.orgId, orgId), eq(fieldDefinitions.key, key)));
}

export async function findDefinition(db: Db, orgId: string, key: string, businessUnitId: string | null, lock = false): Promise<DefinitionRow | null> {
  const q = db.select().from(fieldDefinitions).where(and(eq(fieldDefinitions.orgId, orgId), eq(fieldDefinitions.key, key), scopeIs(businessUnitId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Inserts the definition row; null when another save took the key first. */
export async function insertDefinition(tx: Db, row: typeof fieldDefinitions.$inferInsert): Promise<DefinitionRow | null> {
  const [created] = await tx.insert(fieldDefinitions).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function insertVersion(tx: Db, row: typeof fieldDefinitionVersions.$inferInsert): Promise<DefinitionVersionRow> {
  const [created] = await tx.insert(fieldDefinitionVersions).values(row).returning();
  await tx.update(fieldDefinitions).set({ currentVersion: row.number }).where(eq(fieldDefinitions.id, row.definitionId));
  return created!;
}

export async function listVersions(db: Db, orgId: string, definitionId: string) {
  return db
    .select({ version: fieldDefinitionVersions, createdByName: users.name })
    .from(fieldDefinitionVersions)
    .leftJoin(users, eq(users.id, fieldDefinitionVersions.createdBy))
    .where(and(eq(fieldDefinitionVersions.orgId, orgId), eq(fieldDefinitionVersions.definitionId, definitionId)))
    .orderBy(desc(fieldDefinitionVersions.number));
}

export async function findVersion(db: Db, orgId: string, definitionId: string, number: number) {
  const [row] = await db
    .select({ version: fieldDefinitionVersions, createdByName: users.name })
    .from(fieldDefinitionVersions)
    .leftJoin(users, eq(users.id, fieldDefinitionVersions.createdBy))
    .where(and(eq(fieldDefinitionVersions.orgId, orgId), eq(fieldDefinitionVersions.definitionId, definitionId), eq(fieldDefinitionVersions.number, number)));
  return row ?? null;
}

export async function findRetirement(db: Db, orgId: string, definitionId: string): Promise<RetirementRow | null> {
  const [row] = await db
    .select()
    .from(fieldDefinitionRetirements)
    .where(and(eq(fieldDefinitionRetirements.orgId, orgId), eq(fieldDefinitionRetirements.definitionId, definitionId)));
  return row ?? null;
}

/** Marks the definition retired and records who, why and over which users, in one go. */
export async function retire(tx: Db, definition: DefinitionRow, record: typeof fieldDefinitionRetirements.$inferInsert): Promise<RetirementRow> {
  await tx.update(fieldDefinitions).set({ retiredAt: record.at, retiredBy: record.retiredBy }).where(eq(fieldDefinitions.id, definition.id));
  const [created] = await tx.insert(fieldDefinitionRetirements).values(record).returning();
  return created!;
}

export async function businessUnitExists(db: Db, orgId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: businessUnits.id }).from(businessUnits).where(and(eq(businessUnits.orgId, orgId), eq(businessUnits.id, id)));
  return Boolean(row);
}

/**
 * Policy versions whose source mentions the needle (`custom.<key>`), with their scope. A plain
 * substring test: the caller checks word boundaries.
 */
export async function policyVersionsMentioning(db: Db, orgId: string, needle: string) {
  return db
    .select({
      policyId: approvalPolicies.id,
      businessUnitId: approvalPolicies.businessUnitId,
      unitName: businessUnits.name,
      currentVersion: approvalPolicies.currentVersion,
      versionId: approvalPolicyVersions.id,
      number: approvalPolicyVersions.number,
      source: approvalPolicyVersions.source,
    })
    .from(approvalPolicyVersions)
    .innerJoin(approvalPolicies, eq(approvalPolicies.id, approvalPolicyVersions.policyId))
    .leftJoin(businessUnits, eq(businessUnits.id, approvalPolicies.businessUnitId))
    .where(and(eq(approvalPolicyVersions.orgId, orgId), sql`strpos(${approvalPolicyVersions.source}, ${needle}) > 0`))
    .orderBy(asc(approvalPolicies.id), asc(approvalPolicyVersions.number));
}

/** Template versions whose Liquid source or list of used fields mentions the needle. */
export async function templateVersionsMentioning(db: Db, orgId: string, needle: string) {
  return db
    .select({
      templateId: documentTemplates.id,
      templateKey: documentTemplates.key,
      templateName: documentTemplates.name,
      currentVersion: documentTemplates.currentVersion,
      versionId: documentTemplateVersions.id,
      number: documentTemplateVersions.number,
      source: documentTemplateVersions.source,
      fields: documentTemplateVersions.fields,
    })
    .from(documentTemplateVersions)
    .innerJoin(documentTemplates, eq(documentTemplates.id, documentTemplateVersions.templateId))
    .where(
      and(
        eq(documentTemplateVersions.orgId, orgId),
        sql`(strpos(coalesce(${documentTemplateVersions.source}, ''), ${needle}) > 0 or strpos(${documentTemplateVersions.fields}::text, ${needle}) > 0)`,
      ),
    )
    .orderBy(asc(documentTemplates.key), asc(documentTemplateVersions.number));
}

/**
 * The definitions an offer in this business unit captures values under: organisation-wide ones
 * and the unit's own, not retired, each at its current version.
 */
export async function definitionsInForce(db: Db, orgId: string, businessUnitId: string) {
  return db
    .select({ definitionId: fieldDefinitions.id, version: fieldDefinitionVersions.number, definition: fieldDefinitionVersions.definition })
    .from(fieldDefinitions)
    .innerJoin(
      fieldDefinitionVersions,
      and(eq(fieldDefinitionVersions.definitionId, fieldDefinitions.id), eq(fieldDefinitionVersions.number, fieldDefinitions.currentVersion)),
    )
    .where(
      and(
        eq(fieldDefinitions.orgId, orgId),
        isNull(fieldDefinitions.retiredAt),
        or(isNull(fieldDefinitions.businessUnitId), eq(fieldDefinitions.businessUnitId, businessUnitId)),
      ),
    )
    .orderBy(asc(fieldDefinitions.key));
}

/** Exact versions of definitions by id and number (what an offer version was captured under), retired or not. */
export async function definitionVersionsAt(db: Db, orgId: string, refs: readonly { definitionId: string; version: number }[]) {
  if (refs.length === 0) return [];
  return db
    .select({ definitionId: fieldDefinitionVersions.definitionId, version: fieldDefinitionVersions.number, definition: fieldDefinitionVersions.definition })
    .from(fieldDefinitionVersions)
    .where(
      and(
        eq(fieldDefinitionVersions.orgId, orgId),
        or(...refs.map((r) => and(eq(fieldDefinitionVersions.definitionId, r.definitionId), eq(fieldDefinitionVersions.number, r.version)))),
      ),
    );
}

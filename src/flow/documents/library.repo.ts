import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { clauses, clauseVersions, documentTemplates, documentTemplateVersions, packetRules, storedObjects } from '../../db/schema';

/** The organisation's document library: clauses, templates and packet rules. Every query is scoped by org. */
export type ClauseRow = typeof clauses.$inferSelect;
export type TemplateRow = typeof documentTemplates.$inferSelect;
export type TemplateVersionRow = typeof documentTemplateVersions.$inferSelect;
export type PacketRuleRow = typeof packetRules.$inferSelect;

export async function listClauses(db: Db, orgId: string): Promise<ClauseRow[]> {
  return db.select().from(clauses).where(eq(clauses.orgId, orgId)).orderBy(asc(clauses.key));
}

export async function lockClause(tx: Db, orgId: string, key: string): Promise<ClauseRow | null> {
  const [row] = await tx.select().from(clauses).where(and(eq(clauses.orgId, orgId), eq(clauses.key, key))).for('update');
  return row ?? null;
}

export async function insertClause(tx: Db, row: typeof clauses.$inferInsert, createdBy: string | null): Promise<void> {
  await tx.insert(clauses).values(row);
  await tx.insert(clauseVersions).values({ id: crypto.randomUUID(), orgId: row.orgId, clauseId: row.id, number: 1, title: row.title, body: row.body, createdBy, createdAt: row.createdAt });
}

export async function updateClause(tx: Db, current: ClauseRow, set: { title: string; body: string; appliesTo: unknown; updatedAt: Date }, createdBy: string | null) {
  const number = current.currentVersion + 1;
  await tx.update(clauses).set({ ...set, currentVersion: number }).where(eq(clauses.id, current.id));
  await tx.insert(clauseVersions).values({ id: crypto.randomUUID(), orgId: current.orgId, clauseId: current.id, number, title: set.title, body: set.body, createdBy, createdAt: set.updatedAt });
  return number;
}

export async function listTemplates(db: Db, orgId: string) {
  return db
    .select({ template: documentTemplates, version: documentTemplateVersions })
    .from(documentTemplates)
    .leftJoin(
      documentTemplateVersions,
      and(eq(documentTemplateVersions.templateId, documentTemplates.id), eq(documentTemplateVersions.number, documentTemplates.currentVersion)),
    )
    .where(eq(documentTemplates.orgId, orgId))
    .orderBy(asc(documentTemplates.key));
}

export async function findTemplate(db: Db, orgId: string, key: string): Promise<TemplateRow | null> {
  const [row] = await db.select().from(documentTemplates).where(and(eq(documentTemplates.orgId, orgId), eq(documentTemplates.key, key)));
  return row ?? null;
}

export async function lockTemplate(tx: Db, orgId: string, key: string): Promise<TemplateRow | null> {
  const [row] = await tx.select().from(documentTemplates).where(and(eq(documentTemplates.orgId, orgId), eq(documentTemplates.key, key))).for('update');
  return row ?? null;
}

export async function insertTemplate(tx: Db, row: typeof documentTemplates.$inferInsert): Promise<TemplateRow> {
  const [created] = await tx.insert(documentTemplates).values(row).returning();
  return created!;
}

export async function insertTemplateVersion(tx: Db, row: typeof documentTemplateVersions.$inferInsert, set: { name: string; kind: string; format: string }) {
  await tx.insert(documentTemplateVersions).values(row);
  await tx.update(documentTemplates).set({ ...set, currentVersion: row.number }).where(eq(documentTemplates.id, row.templateId));
}

export async function listTemplateVersions(db: Db, orgId: string, templateId: string): Promise<TemplateVersionRow[]> {
  return db
    .select()
    .from(documentTemplateVersions)
    .where(and(eq(documentTemplateVersions.orgId, orgId), eq(documentTemplateVersions.templateId, templateId)))
    .orderBy(desc(documentTemplateVersions.number));
}

export async function listPacketRules(db: Db, orgId: string): Promise<PacketRuleRow[]> {
  return db.select().from(packetRules).where(eq(packetRules.orgId, orgId)).orderBy(asc(packetRules.position));
}

/** Replaces the organisation's rules as a whole: they are read and edited as one ordered list. */
export async function replacePacketRules(tx: Db, orgId: string, rows: (typeof packetRules.$inferInsert)[]): Promise<void> {
  await tx.delete(packetRules).where(eq(packetRules.orgId, orgId));
  if (rows.length) await tx.insert(packetRules).values(rows);
}

export async function recordStoredObject(db: Db, row: typeof storedObjects.$inferInsert): Promise<void> {
  await db.insert(storedObjects).values(row).onConflictDoNothing();
}

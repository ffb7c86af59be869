import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organizations, sealCertificates } from '../../db/schema';

export type SealCertificateRow = typeof sealCertificates.$inferSelect;

/** The organisation's certificate in use (one row without `replaced_at`), or null. */
export async function findActiveSealCertificate(db: Db, orgId: string): Promise<SealCertificateRow | null> {
  const [row] = await db
    .select()
    .from(sealCertificates)
    .where(and(eq(sealCertificates.orgId, orgId), isNull(sealCertificates.replacedAt)));
  return row ?? null;
}

/**
 * Inserts an active certificate unless the organisation already has one. Two processes racing
 * meet at the partial unique index: the second insert does nothing and the caller re-reads.
 */
export async function insertActiveIfNone(db: Db, row: typeof sealCertificates.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(sealCertificates).values(row).onConflictDoNothing().returning({ id: sealCertificates.id });
  return inserted.length === 1;
}

/** Retires the active certificate (kept, with the time it was replaced) and makes `row` the active one. */
export async function replaceActive(tx: Db, row: typeof sealCertificates.$inferInsert, at: Date): Promise<void> {
  await tx
    .update(sealCertificates)
    .set({ replacedAt: at })
    .where(and(eq(sealCertificates.orgId, row.orgId), isNull(sealCertificates.replacedAt)));
  await tx.insert(sealCertificates).values(row);
}

/** Organisations without an active certificate, with their names (for the subject). */
export async function listOrganizationsWithoutSeal(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      notExists(
        db
          .select({ one: sql`1` })
          .from(sealCertificates)
          .where(and(eq(sealCertificates.orgId, organizations.id), isNull(sealCertificates.replacedAt))),
      ),
    );
}

export async function organizationName(db: Db, orgId: string): Promise<string | null> {
  const [row] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  return row?.name ?? null;
}

import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { offers, offerVersions } from '../db/schema';

export type OfferRow = typeof offers.$inferSelect;
export type NewOfferRow = typeof offers.$inferInsert;
export type OfferVersionRow = typeof offerVersions.$inferSelect;

export async function insertOffer(tx: Db, row: NewOfferRow): Promise<OfferRow> {
  const [created] = await tx.insert(offers).values(row).returning();
  return created!;
}

export async function findOffer(db: Db, orgId: string, id: string): Promise<OfferRow | null> {
  const [row] = await db.select().from(offers).where(and(eq(offers.orgId, orgId), eq(offers.id, id)));
  return row ?? null;
}

/** Reads the offer and holds its row until the transaction ends, so writers queue. */
export async function lockOffer(tx: Db, orgId: string, id: string): Promise<OfferRow | null> {
  const [row] = await tx
    .select()
    .from(offers)
    .where(and(eq(offers.orgId, orgId), eq(offers.id, id)))
    .for('update');
  return row ?? null;
}

/** The guarded update: zero rows means someone else moved the offer first. */
export async function updateOfferGuarded(
  tx: Db,
  orgId: string,
  id: string,
  expectedRowVersion: number,
  set: Partial<NewOfferRow>,
): Promise<OfferRow | null> {
  const [row] = await tx
    .update(offers)
    .set({ ...set, rowVersion: expectedRowVersion + 1 })
    .where(and(eq(offers.orgId, orgId), eq(offers.id, id), eq(offers.rowVersion, expectedRowVersion)))
    .returning();
  return row ?? null;
}

export async function insertVersion(tx: Db, row: typeof offerVersions.$inferInsert): Promise<OfferVersionRow> {
  const [created] = await tx.insert(offerVersions).values(row).returning();
  return created!;
}

export async function findVersion(db: Db, orgId: string, offerId: string, number: number): Promise<OfferVersionRow | null> {
  const [row] = await db
    .select()
    .from(offerVersions)
    .where(and(eq(offerVersions.orgId, orgId), eq(offerVersions.offerId, offerId), eq(offerVersions.number, number)));
  return row ?? null;
}

export async function listVersions(db: Db, orgId: string, offerId: string): Promise<OfferVersionRow[]> {
  return db
    .select()
    .from(offerVersions)
    .where(and(eq(offerVersions.orgId, orgId), eq(offerVersions.offerId, offerId)))
    .orderBy(asc(offerVersions.number));
}

export const offerSortKeys = ['updatedAt', 'createdAt', 'startDate', 'title', 'candidateName'] as const;
export type OfferSortKey = (typeof offerSortKeys)[number];

export interface OfferListQuery {
  status?: string[];
  businessUnitId?: string;
  departmentId?: string;
  recruiterId?: string;
  q?: string;
  sort: OfferSortKey;
  direction: 'asc' | 'desc';
  limit: number;
  /** The sort value and id of the last row of the previous page. */
  after?: { value: string; id: string };
}

const sortColumns = {
  updatedAt: offers.updatedAt,
  createdAt: offers.createdAt,
  startDate: offers.startDate,
  title: offers.title,
  candidateName: offers.candidateName,
} as const;

/** Keyset paging over (sort column, id): stable under inserts, no OFFSET scans. */
export async function listOffers(db: Db, orgId: string, q: OfferListQuery): Promise<OfferRow[]> {
  const column = sortColumns[q.sort];
  const where: SQL[] = [eq(offers.orgId, orgId)];
  if (q.status?.length) where.push(sql`${offers.status} in ${q.status}`);
  if (q.businessUnitId) where.push(eq(offers.businessUnitId, q.businessUnitId));
  if (q.departmentId) where.push(eq(offers.departmentId, q.departmentId));
  if (q.recruiterId) where.push(eq(offers.recruiterId, q.recruiterId));
  if (q.q) {
    const pattern = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(offers.title, pattern), ilike(offers.candidateName, pattern))!);
  }
  if (q.after) {
    const value = q.sort === 'updatedAt' || q.sort === 'createdAt' ? sql`${q.after.value}::timestamptz` : sql`${q.after.value}`;
    const cmp = q.direction === 'asc' ? sql`>` : sql`<`;
    where.push(sql`(${column}, ${offers.id}) ${cmp} (${value}, ${q.after.id}::uuid)`);
  }
  const order = q.direction === 'asc' ? [asc(column), asc(offers.id)] : [desc(column), desc(offers.id)];
  return db
    .select()
    .from(offers)
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit);
}

/** Every offer's id and organisation, for maintenance across tenants (journal verification). */
export async function listAllOfferKeys(db: Db): Promise<{ id: string; orgId: string }[]> {
  return db.select({ id: offers.id, orgId: offers.orgId }).from(offers).orderBy(asc(offers.createdAt));
}

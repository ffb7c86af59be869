import { and, asc, desc, eq, getTableColumns, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { RowCondition } from '../core/access/access-map';
import type { Db } from '../db/client';
import { offers, offerVersions } from '../db/schema';
import type { CustomFilter } from '../flow/fields/custom-query';
import { customValuesMatch } from '../flow/fields/custom-query.repo';

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
  /** `custom.<key>` filters, each already checked against the definitions and the caller's roles. */
  custom?: CustomFilter[];
  sort: OfferSortKey;
  direction: 'asc' | 'desc';
  limit: number;
  /** The sort value and id of the last row of the previous page. */
  after?: { value: string; id: string };
  /** Only offers these grants reach (the access map's row conditions); no grants, no rows. */
  reach: OfferReach;
  /** Grants whose roles read the candidate's name: only those offers match `q` by name. */
  nameReach?: OfferReach;
}

export interface OfferReach {
  userId: string;
  grants: { rows: RowCondition; businessUnitId: string | null }[];
}

/** The terms the row conditions read: the draft, or the latest frozen version. */
const currentTerms = sql`coalesce(${offers.draftTerms}, (select v.terms from offer_versions v where v.org_id = ${offers.orgId} and v.offer_id = ${offers.id} and v.number = ${offers.currentVersion}))`;
/**
 * Columns of the outer offers row inside a correlated subquery. Written out because drizzle renders a
 * top-level select field's columns unqualified, and an unqualified "id" or "org_id" inside the
 * subquery would bind to the subquery's own table.
 */
const outer = { id: sql.raw('"offers"."id"'), orgId: sql.raw('"offers"."org_id"'), requisitionId: sql.raw('"offers"."requisition_id"') };
const requisitionManager = sql<string | null>`(select r.hiring_manager_id from requisitions r where r.org_id = ${outer.orgId} and r.id = ${outer.requisitionId})`;

/** Everyone named as an approver on a step of the offer (escalation targets included). */
const stepApprovers = sql<string[]>`coalesce((select jsonb_agg(distinct a.id) from approval_steps s cross join lateral jsonb_array_elements_text(s.approver_ids) as a(id) where s.org_id = ${outer.orgId} and s.offer_id = ${outer.id}), '[]'::jsonb)`;

/** What the access map's row conditions need, computed by the database with the same expressions as the list filter. */
const accessFacts = {
  accessManagerId: sql<string | null>`(${currentTerms} ->> 'managerId')`,
  accessRequisitionManagerId: requisitionManager,
  accessStepApproverIds: stepApprovers,
  accessNeedsLegal: sql<boolean>`coalesce((${currentTerms} -> 'clauses') @> '[{"standard": false}]'::jsonb, false)`,
  accessHasStaffing: sql<boolean>`coalesce(jsonb_typeof(${currentTerms} -> 'staffing') = 'object', false)`,
};
export type OfferAccessRow = OfferRow & {
  accessManagerId: string | null;
  accessRequisitionManagerId: string | null;
  accessStepApproverIds: string[];
  accessNeedsLegal: boolean;
  accessHasStaffing: boolean;
};

function rowCondition(condition: RowCondition, userId: string): SQL {
  switch (condition) {
    case 'any':
      return sql`true`;
    case 'approver':
      return sql`(${accessFacts.accessManagerId} = ${userId} or ${requisitionManager} = ${userId}::uuid or exists (select 1 from approval_steps s where s.org_id = ${outer.orgId} and s.offer_id = ${outer.id} and s.approver_ids @> jsonb_build_array(${userId}::text)))`;
    case 'needs_legal':
      return accessFacts.accessNeedsLegal;
    case 'submitted':
      return sql`${offers.status} not in ('draft', 'cancelled')`;
    case 'staffing':
      return accessFacts.accessHasStaffing;
  }
}

/** The caller's grants as one SQL condition on the `offers` row (the list, the status board). */
export function reachCondition(reach: OfferReach): SQL {
  if (reach.grants.length === 0) return sql`false`;
  const each = reach.grants.map((g) =>
    g.businessUnitId === null ? rowCondition(g.rows, reach.userId) : and(eq(offers.businessUnitId, g.businessUnitId), rowCondition(g.rows, reach.userId))!,
  );
  return or(...each)!;
}

/** One offer with the facts its row conditions read. */
export async function findOfferWithAccess(db: Db, orgId: string, id: string): Promise<OfferAccessRow | null> {
  const [row] = await db
    .select({ ...getTableColumns(offers), ...accessFacts })
    .from(offers)
    .where(and(eq(offers.orgId, orgId), eq(offers.id, id)));
  return (row as OfferAccessRow | undefined) ?? null;
}

/** Several offers with the facts their row conditions read (a page of the status board, to mask its custom columns). */
export async function findOffersWithAccess(db: Db, orgId: string, ids: readonly string[]): Promise<OfferAccessRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ ...getTableColumns(offers), ...accessFacts })
    .from(offers)
    .where(and(eq(offers.orgId, orgId), inArray(offers.id, [...ids])));
  return rows as OfferAccessRow[];
}

const sortColumns = {
  updatedAt: offers.updatedAt,
  createdAt: offers.createdAt,
  startDate: offers.startDate,
  title: offers.title,
  candidateName: offers.candidateName,
} as const;

/** Keyset paging over (sort column, id): stable under inserts, no OFFSET scans. */
export async function listOffers(db: Db, orgId: string, q: OfferListQuery): Promise<OfferAccessRow[]> {
  const column = sortColumns[q.sort];
  const where: SQL[] = [eq(offers.orgId, orgId), reachCondition(q.reach)];
  if (q.status?.length) where.push(sql`${offers.status} in ${q.status}`);
  if (q.businessUnitId) where.push(eq(offers.businessUnitId, q.businessUnitId));
  if (q.departmentId) where.push(eq(offers.departmentId, q.departmentId));
  if (q.recruiterId) where.push(eq(offers.recruiterId, q.recruiterId));
  for (const f of q.custom ?? []) where.push(customValuesMatch(offers.customValues, f));
  if (q.q) {
    const pattern = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const byName = q.nameReach ? and(ilike(offers.candidateName, pattern), reachCondition(q.nameReach))! : ilike(offers.candidateName, pattern);
    where.push(or(ilike(offers.title, pattern), byName)!);
  }
  if (q.after) {
    const value = q.sort === 'updatedAt' || q.sort === 'createdAt' ? sql`${q.after.value}::timestamptz` : sql`${q.after.value}`;
    const cmp = q.direction === 'asc' ? sql`>` : sql`<`;
    where.push(sql`(${column}, ${offers.id}) ${cmp} (${value}, ${q.after.id}::uuid)`);
  }
  const order = q.direction === 'asc' ? [asc(column), asc(offers.id)] : [desc(column), desc(offers.id)];
  const rows = await db
    .select({ ...getTableColumns(offers), ...accessFacts })
    .from(offers)
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit);
  return rows as OfferAccessRow[];
}

/** Every offer's id and organisation, for maintenance across tenants (journal verification). */
export async function listAllOfferKeys(db: Db): Promise<{ id: string; orgId: string }[]> {
  return db.select({ id: offers.id, orgId: offers.orgId }).from(offers).orderBy(asc(offers.createdAt));
}

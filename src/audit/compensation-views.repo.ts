import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { compensationViews } from '../db/schema';

export type CompensationViewRow = typeof compensationViews.$inferSelect;

export async function insertCompensationView(db: Db, row: Omit<typeof compensationViews.$inferInsert, 'id'>): Promise<void> {
  await db.insert(compensationViews).values(row);
}

export interface CompensationViewQuery {
  offerId?: string;
  actorId?: string;
  /** Rows with an id below this one: the last id of the previous page. */
  beforeId?: number;
  limit: number;
}

/** Newest first, keyset-paged by id. */
export async function listCompensationViews(db: Db, orgId: string, q: CompensationViewQuery): Promise<CompensationViewRow[]> {
  const where: SQL[] = [eq(compensationViews.orgId, orgId)];
  if (q.offerId) where.push(eq(compensationViews.offerId, q.offerId));
  if (q.actorId) where.push(eq(compensationViews.actorId, q.actorId));
  if (q.beforeId !== undefined) where.push(lt(compensationViews.id, q.beforeId));
  return db
    .select()
    .from(compensationViews)
    .where(and(...where))
    .orderBy(desc(compensationViews.id))
    .limit(q.limit);
}

import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { userRoles, users, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from '../../db/schema';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type NewEndpointRow = typeof webhookEndpoints.$inferInsert;
export type EventRow = typeof webhookEvents.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

export async function insertEndpoint(tx: Db, row: NewEndpointRow): Promise<EndpointRow> {
  const [r] = await tx.insert(webhookEndpoints).values(row).returning();
  return r!;
}

export async function findEndpoint(db: Db, orgId: string, id: string): Promise<EndpointRow | undefined> {
  const [r] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)));
  return r;
}

export async function findEndpointById(db: Db, id: string): Promise<EndpointRow | undefined> {
  const [r] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return r;
}

export async function listEndpoints(db: Db, orgId: string): Promise<EndpointRow[]> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

export async function activeEndpoints(tx: Db, orgId: string): Promise<EndpointRow[]> {
  return tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.status, 'active')));
}

export async function updateEndpoint(tx: Db, orgId: string, id: string, set: Partial<NewEndpointRow>): Promise<EndpointRow | undefined> {
  const [r] = await tx.update(webhookEndpoints).set(set).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id))).returning();
  return r;
}

/** Deletes an endpoint with its deliveries and their attempts (events stay: other endpoints may hold them). */
export async function deleteEndpoint(tx: Db, orgId: string, id: string): Promise<void> {
  const deliveryIds = tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.endpointId, id)));
  await tx.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveryIds));
  await tx.delete(webhookDeliveries).where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.endpointId, id)));
  await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)));
}

/** The next per-offer sequence number; the caller holds the offer's row lock. */
export async function nextOfferSeq(tx: Db, offerId: string): Promise<number> {
  const [r] = await tx
    .select({ max: sql<number | null>`max(${webhookEvents.offerSeq})` })
    .from(webhookEvents)
    .where(eq(webhookEvents.offerId, offerId));
  return Number(r?.max ?? 0) + 1;
}

export async function insertEvent(tx: Db, row: typeof webhookEvents.$inferInsert): Promise<void> {
  await tx.insert(webhookEvents).values(row);
}

export async function findEvent(db: Db, id: string): Promise<EventRow | undefined> {
  const [r] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
  return r;
}

export async function insertDeliveries(tx: Db, rows: (typeof webhookDeliveries.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(webhookDeliveries).values(rows).onConflictDoNothing();
}

export async function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  const [r] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return r;
}

export async function findOrgDelivery(db: Db, orgId: string, id: string): Promise<DeliveryRow | undefined> {
  const [r] = await db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.id, id)));
  return r;
}

/** A pending delivery of the same endpoint and offer that comes first: this one waits for it. */
export async function earlierPending(db: Db, d: DeliveryRow): Promise<boolean> {
  if (!d.offerId) return false;
  const [r] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, d.endpointId), eq(webhookDeliveries.offerId, d.offerId), eq(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.offerSeq, d.offerSeq)))
    .limit(1);
  return Boolean(r);
}

/** The pending delivery of the same endpoint and offer that comes next after `d`. */
export async function nextPending(db: Db, d: DeliveryRow): Promise<DeliveryRow | undefined> {
  if (!d.offerId) return undefined;
  const [r] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, d.endpointId), eq(webhookDeliveries.offerId, d.offerId), eq(webhookDeliveries.status, 'pending'), gt(webhookDeliveries.offerSeq, d.offerSeq)))
    .orderBy(asc(webhookDeliveries.offerSeq))
    .limit(1);
  return r;
}

/** Takes a pending delivery that is due for `leaseMs`, so no other worker sends it meanwhile; false when it is not ours to send. */
export async function claimDelivery(db: Db, id: string, now: Date, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending'), or(isNull(webhookDeliveries.nextAttemptAt), lte(webhookDeliveries.nextAttemptAt, now))))
    .returning({ id: webhookDeliveries.id });
  return rows.length === 1;
}

export async function updateDelivery(tx: Db, id: string, set: Partial<typeof webhookDeliveries.$inferInsert>): Promise<void> {
  await tx.update(webhookDeliveries).set(set).where(eq(webhookDeliveries.id, id));
}

export async function insertAttempt(tx: Db, row: typeof webhookAttempts.$inferInsert): Promise<void> {
  await tx.insert(webhookAttempts).values(row);
}

/** An endpoint's deliveries, newest first, with their events. */
export async function listDeliveries(db: Db, orgId: string, endpointId: string, q: { limit: number; status?: string }) {
  return db
    .select({ delivery: webhookDeliveries, event: webhookEvents })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.endpointId, endpointId), q.status ? eq(webhookDeliveries.status, q.status) : undefined))
    .orderBy(desc(webhookEvents.createdAt), desc(webhookDeliveries.offerSeq), desc(webhookDeliveries.id))
    .limit(q.limit);
}

export async function attemptsOf(db: Db, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (!deliveryIds.length) return [];
  return db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveryIds)).orderBy(asc(webhookAttempts.attemptedAt), asc(webhookAttempts.id));
}

export async function pendingDeliveriesOf(db: Db, endpointId: string): Promise<DeliveryRow[]> {
  return db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'pending')));
}

/** Enabled users holding the admin role across the organisation. */
export async function orgAdminIds(tx: Db, orgId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.orgId, orgId), eq(userRoles.role, 'admin'), isNull(userRoles.businessUnitId), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

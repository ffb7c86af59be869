import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { offers, offerVersions } from '../db/schema';

const CHUNK = 1_000;

/** For offers past their first submit: the custom values of the current version and the definition versions they follow. */
export async function currentVersionCustom(db: Db, orgId: string, offerIds: readonly string[]) {
  const out = new Map<string, { custom: Record<string, unknown> | null; fieldVersions: unknown }>();
  for (let i = 0; i < offerIds.length; i += CHUNK) {
    const rows = await db
      .select({ offerId: offerVersions.offerId, custom: sql<Record<string, unknown> | null>`${offerVersions.terms} -> 'custom'`, fieldVersions: offerVersions.fieldVersions })
      .from(offerVersions)
      .innerJoin(offers, and(eq(offers.id, offerVersions.offerId), eq(offers.currentVersion, offerVersions.number)))
      .where(and(eq(offerVersions.orgId, orgId), inArray(offerVersions.offerId, offerIds.slice(i, i + CHUNK))));
    for (const r of rows) out.set(r.offerId, { custom: r.custom, fieldVersions: r.fieldVersions });
  }
  return out;
}

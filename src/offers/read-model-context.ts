import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { offers, offerVersions } from '../db/schema';

/** What the read models copy from an offer when a journal entry touches it. */
export interface ReadModelOffer {
  businessUnitId: string;
  departmentId: string;
  recruiterId: string;
  status: string;
  currentVersion: number;
  /** The offer's working terms: the draft while there is one, else the given version's. */
  termsAt(version: number): Promise<{ level: string | null; employmentType: string | null }>;
}

type Terms = { level?: unknown; employmentType?: unknown } | null;

const dims = (terms: Terms) => ({
  level: typeof terms?.level === 'string' ? terms.level : null,
  employmentType: typeof terms?.employmentType === 'string' ? terms.employmentType : null,
});

/**
 * The offers row as it stands before this batch's row update (entries are appended first), so a
 * draft being submitted still has its draft terms, and a re-draft after a change request has none
 * yet and reads the frozen version.
 */
export async function loadReadModelOffer(tx: Db, orgId: string, offerId: string): Promise<ReadModelOffer | null> {
  const [row] = await tx
    .select({
      businessUnitId: offers.businessUnitId,
      departmentId: offers.departmentId,
      recruiterId: offers.recruiterId,
      status: offers.status,
      currentVersion: offers.currentVersion,
      draftTerms: offers.draftTerms,
    })
    .from(offers)
    .where(and(eq(offers.orgId, orgId), eq(offers.id, offerId)));
  if (!row) return null;
  const { draftTerms, ...rest } = row;
  return {
    ...rest,
    async termsAt(version) {
      if (draftTerms || version === 0) return dims(draftTerms as Terms);
      const [v] = await tx
        .select({ terms: offerVersions.terms })
        .from(offerVersions)
        .where(and(eq(offerVersions.offerId, offerId), eq(offerVersions.number, version)));
      return dims((v?.terms ?? null) as Terms);
    },
  };
}

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
  /** Level and employment type of the draft, or null when the offer has none (after submit). */
  draftTerms: { level: string | null; employmentType: string | null } | null;
  /** Level and employment type of a frozen version (0: the draft). */
  termsAt(version: number): Promise<{ level: string | null; employmentType: string | null }>;
}

type Terms = { level?: unknown; employmentType?: unknown } | null;

const dims = (terms: Terms) => ({
  level: typeof terms?.level === 'string' ? terms.level : null,
  employmentType: typeof terms?.employmentType === 'string' ? terms.employmentType : null,
});

/**
 * The offers row as the change being journaled leaves it (both writers append entries after the
 * row is written). Terms of a frozen version come from that version; before the first submit,
 * from the draft.
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
  // Several read models ask for the same version within one journal write: one round trip each.
  const versions = new Map<number, Promise<ReturnType<typeof dims>>>();
  const load = async (version: number) => {
    const [v] = await tx
      .select({ terms: offerVersions.terms })
      .from(offerVersions)
      .where(and(eq(offerVersions.offerId, offerId), eq(offerVersions.number, version)));
    return dims((v?.terms ?? null) as Terms);
  };
  return {
    ...rest,
    draftTerms: draftTerms ? dims(draftTerms as Terms) : null,
    termsAt(version) {
      if (version === 0) return Promise.resolve(dims(draftTerms as Terms));
      if (!versions.has(version)) versions.set(version, load(version));
      return versions.get(version)!;
    },
  };
}

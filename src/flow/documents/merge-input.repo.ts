import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidates, departments, organizations, requisitions, users } from '../../db/schema';
import type { OfferTerms } from '../intake/offer-terms.schema';

/** The organisation's letterhead and company signatory, as stored on the organisation. */
export interface Letterhead {
  addressLines: string[];
  signatoryName: string;
  signatoryTitle: string;
  logoSha256?: string;
}

export const defaultLetterhead = (orgName: string): Letterhead => ({ addressLines: [], signatoryName: orgName, signatoryTitle: 'Authorized signatory' });

/** Everything a packet's documents are filled from, besides the terms: read in one place, scoped to the organisation. */
export async function loadMergeSources(db: Db, orgId: string, offer: { candidateId: string; requisitionId: string | null }, terms: OfferTerms) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  const [candidate] = await db.select().from(candidates).where(and(eq(candidates.orgId, orgId), eq(candidates.id, offer.candidateId)));
  const [requisition] = offer.requisitionId
    ? await db.select().from(requisitions).where(and(eq(requisitions.orgId, orgId), eq(requisitions.id, offer.requisitionId)))
    : [];
  const [department] = await db.select({ name: departments.name }).from(departments).where(and(eq(departments.orgId, orgId), eq(departments.id, terms.departmentId)));
  const [manager] = terms.managerId
    ? await db.select({ name: users.name }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, terms.managerId)))
    : [];
  const letterhead = { ...defaultLetterhead(org!.name), ...((org!.letterhead as Partial<Letterhead> | null) ?? {}) };
  return {
    organization: { name: org!.name },
    letterhead,
    candidate: {
      firstName: candidate!.firstName,
      lastName: candidate!.lastName,
      email: candidate!.email,
      city: candidate!.city ?? '',
      state: candidate!.state ?? '',
    },
    requisition: requisition ? { code: requisition.code, title: requisition.title, roleFamily: requisition.roleFamily } : null,
    departmentName: department?.name ?? '',
    managerName: manager?.name ?? null,
  };
}

export type MergeSources = Awaited<ReturnType<typeof loadMergeSources>>;

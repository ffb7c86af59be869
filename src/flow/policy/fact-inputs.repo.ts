import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { budgets, compBands, offers, offerVersions, requisitions } from '../../db/schema';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { deriveFacts, firstYearCashCents, type BandInput, type BudgetInput, type Facts } from './facts';

/** Offers whose money counts against a budget: approved, or further along and still alive. */
const committedStatuses = ['approved', 'sent', 'negotiating', 'signed', 'accepted', 'handed_off'];

export interface FactSubject {
  orgId: string;
  /** The offer being judged; left out of its own budget's commitments. Null for a draft not yet saved. */
  offerId: string | null;
  requisitionId: string | null;
  terms: OfferTerms;
}

/** Loads the band and budget an offer is judged against and derives its facts. */
export async function loadFacts(db: Db, subject: FactSubject): Promise<Facts> {
  const band = await findBand(db, subject);
  const budget = await findBudget(db, subject);
  return deriveFacts({ terms: subject.terms, band, budget });
}

async function findBand(db: Db, s: FactSubject): Promise<BandInput | null> {
  if (!s.requisitionId) return null;
  const [req] = await db
    .select({ zone: requisitions.locationZone })
    .from(requisitions)
    .where(and(eq(requisitions.orgId, s.orgId), eq(requisitions.id, s.requisitionId)));
  if (!req) return null;
  const [band] = await db
    .select({ minCents: compBands.minCents, midCents: compBands.midCents, maxCents: compBands.maxCents, currency: compBands.currency })
    .from(compBands)
    .where(
      and(
        eq(compBands.orgId, s.orgId),
        eq(compBands.level, s.terms.level),
        eq(compBands.zone, req.zone),
        eq(compBands.currency, s.terms.compensation.currency),
      ),
    );
  return band ?? null;
}

async function findBudget(db: Db, s: FactSubject): Promise<BudgetInput | null> {
  const currency = s.terms.compensation.currency;
  const byRequisition = s.requisitionId
    ? await db
        .select({ amountCents: budgets.amountCents })
        .from(budgets)
        .where(and(eq(budgets.orgId, s.orgId), eq(budgets.requisitionId, s.requisitionId), eq(budgets.currency, currency)))
    : [];
  const scope = byRequisition.length ? 'requisition' : 'department';
  const rows = byRequisition.length
    ? byRequisition
    : await db
        .select({ amountCents: budgets.amountCents })
        .from(budgets)
        .where(and(eq(budgets.orgId, s.orgId), eq(budgets.departmentId, s.terms.departmentId), eq(budgets.currency, currency)));
  if (rows.length === 0) return null;
  const amountCents = rows.reduce((sum, r) => sum + r.amountCents, 0);
  const against =
    scope === 'requisition' ? eq(offers.requisitionId, s.requisitionId!) : eq(offers.departmentId, s.terms.departmentId);
  const others = await db
    .select({ terms: offerVersions.terms })
    .from(offers)
    .innerJoin(offerVersions, and(eq(offerVersions.offerId, offers.id), eq(offerVersions.number, offers.currentVersion)))
    .where(
      and(
        eq(offers.orgId, s.orgId),
        against,
        inArray(offers.status, committedStatuses),
        ...(s.offerId ? [ne(offers.id, s.offerId)] : []),
      ),
    );
  const committedCents = others
    .map((o) => o.terms as OfferTerms)
    .filter((t) => t.compensation.currency === currency)
    .reduce((sum, t) => sum + firstYearCashCents(t), 0);
  return { amountCents, committedCents, scope };
}

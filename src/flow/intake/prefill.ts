import type { OfferTermsInput } from './offer-terms.schema';

export interface RequisitionFacts {
  title: string;
  level: string;
  departmentId: string;
  locationCity: string;
  locationState: string;
  remote: boolean;
  employmentType: string;
  flsaStatus: string;
  hiringManagerId: string | null;
  currency: string;
}

export interface BandFacts {
  minCents: number;
  midCents: number;
  maxCents: number;
}

/**
 * Suggested terms for a new offer from its requisition (and band). The recruiter
 * reviews and completes them; nothing here is final.
 */
export function prefillTerms(req: RequisitionFacts, band: BandFacts | null): Partial<OfferTermsInput> {
  const exempt = req.flsaStatus === 'exempt';
  return {
    title: req.title,
    level: req.level,
    departmentId: req.departmentId,
    location: { city: req.locationCity, state: req.locationState as never, remote: req.remote },
    employmentType: req.employmentType as never,
    flsaStatus: req.flsaStatus as never,
    managerId: req.hiringManagerId ?? undefined,
    compensation: {
      currency: req.currency as never,
      payBasis: exempt ? 'salary' : 'hourly',
      ...(exempt && band ? { baseSalaryCents: band.midCents } : {}),
    },
    clauses: [],
    contingencies: ['background_check'],
  };
}

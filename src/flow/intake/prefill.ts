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

export interface CandidateFacts {
  city: string | null;
  state: string | null;
}

/**
 * Suggested terms for a new offer from its requisition, band and candidate. The
 * recruiter reviews and completes them; nothing here is final. A remote role is
 * located where the candidate lives, because that state's employment law applies.
 */
export function prefillTerms(req: RequisitionFacts, band: BandFacts | null, candidate: CandidateFacts | null = null): Partial<OfferTermsInput> {
  const exempt = req.flsaStatus === 'exempt';
  const candidateHome = req.remote && candidate?.city && candidate.state ? { city: candidate.city, state: candidate.state } : null;
  return {
    title: req.title,
    level: req.level,
    departmentId: req.departmentId,
    location: {
      city: candidateHome?.city ?? req.locationCity,
      state: (candidateHome?.state ?? req.locationState) as never,
      remote: req.remote,
    },
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

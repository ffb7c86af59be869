import { offerTermsSchema, type OfferTermsInput } from '../../../src/flow/intake/offer-terms.schema';
import { buildMergeContext, type MergeInput } from '../../../src/flow/documents/field-catalogue';

const DEPT = '00000000-0000-4000-8000-000000000001';

/** Salaried, exempt, with everything optional filled in: bonus, sign-on, relocation, equity, expiry, staffing. */
export const fullTerms: OfferTermsInput = {
  title: 'Senior Software Engineer',
  level: 'L5',
  departmentId: DEPT,
  location: { city: 'San Francisco', state: 'CA', remote: false },
  employmentType: 'full_time',
  flsaStatus: 'exempt',
  compensation: {
    currency: 'USD',
    payBasis: 'salary',
    baseSalaryCents: 185_000_00,
    bonusTargetPercent: 15,
    signOnBonusCents: 20_000_00,
    relocationCents: 10_000_00,
    equity: { kind: 'rsu', units: 4000, vestingSchedule: '4 years, 1-year cliff, monthly thereafter' },
  },
  startDate: '2027-04-05',
  expiresOn: '2027-03-01',
  clauses: [{ key: 'at_will', standard: true }],
  contingencies: ['background_check', 'references'],
  staffing: { clientName: 'Contoso Health', payRateCents: 55_00, billRateCents: 82_50, assignmentEndDate: '2027-12-31' },
};

/** Hourly, non-exempt, nothing optional. */
export const hourlyTerms: OfferTermsInput = {
  title: 'Warehouse Associate',
  level: 'H1',
  departmentId: DEPT,
  location: { city: 'Albany', state: 'NY', remote: false },
  employmentType: 'part_time',
  flsaStatus: 'non_exempt',
  compensation: { currency: 'USD', payBasis: 'hourly', hourlyRateCents: 24_75 },
  startDate: '2027-02-01',
};

/** A 1099 contractor on a client assignment. */
export const contractorTerms: OfferTermsInput = {
  title: 'Data Engineer',
  level: 'C3',
  departmentId: DEPT,
  location: { city: 'Helena', state: 'MT', remote: true },
  employmentType: 'contract_1099',
  flsaStatus: 'non_exempt',
  compensation: { currency: 'USD', payBasis: 'hourly', hourlyRateCents: 80_00 },
  startDate: '2027-05-03',
  contingencies: ['work_authorization', 'drug_screen', 'background_check'],
  staffing: { clientName: 'Fabrikam Energy', payRateCents: 80_00, billRateCents: 120_00 },
};

export function mergeInput(terms: OfferTermsInput = fullTerms, over: Partial<MergeInput> = {}): MergeInput {
  return {
    terms: offerTermsSchema.parse(terms),
    versionNumber: 2,
    candidate: { firstName: 'Lena', lastName: 'Park', email: 'lena.park@example.com', city: 'Oakland', state: 'CA' },
    requisition: { code: 'REQ-1042', title: 'Senior Software Engineer, Payments' },
    organization: { name: 'Northwind Labs, Inc.', city: 'San Francisco', state: 'CA' },
    signatory: { name: 'Morgan Reyes', title: 'VP, People' },
    departmentName: 'Engineering',
    managerName: 'Dana Whitfield',
    today: '2026-11-25',
    ...over,
  };
}

export const context = (terms: OfferTermsInput = fullTerms, over: Partial<MergeInput> = {}) => buildMergeContext(mergeInput(terms, over));

import { describe, expect, it } from 'vitest';
import { prefillTerms, type RequisitionFacts } from '../../../src/flow/intake/prefill';

const req: RequisitionFacts = {
  title: 'Data Analyst',
  level: 'L3',
  departmentId: '00000000-0000-4000-8000-000000000001',
  locationCity: 'New York',
  locationState: 'NY',
  remote: false,
  employmentType: 'full_time',
  flsaStatus: 'exempt',
  hiringManagerId: null,
  currency: 'USD',
};

describe('prefillTerms', () => {
  it('takes role, location and pay basis from the requisition and base from the band midpoint', () => {
    expect(prefillTerms(req, { minCents: 1, midCents: 140_000_00, maxCents: 3 })).toMatchObject({
      title: 'Data Analyst',
      location: { city: 'New York', state: 'NY', remote: false },
      compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 140_000_00 },
    });
  });

  it('suggests hourly pay and no base for a non-exempt role', () => {
    const t = prefillTerms({ ...req, flsaStatus: 'non_exempt' }, { minCents: 1, midCents: 2, maxCents: 3 });
    expect(t.compensation).toEqual({ currency: 'USD', payBasis: 'hourly' });
  });

  it("places a remote role where the candidate lives, an on-site one where the job is", () => {
    const candidate = { city: 'Denver', state: 'CO' };
    expect(prefillTerms({ ...req, remote: true }, null, candidate).location).toEqual({ city: 'Denver', state: 'CO', remote: true });
    expect(prefillTerms(req, null, candidate).location).toEqual({ city: 'New York', state: 'NY', remote: false });
    expect(prefillTerms({ ...req, remote: true }, null, { city: null, state: null }).location).toMatchObject({ state: 'NY' });
  });
});

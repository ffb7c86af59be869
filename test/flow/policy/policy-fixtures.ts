import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { offerTermsSchema, type OfferTerms, type OfferTermsInput } from '../../../src/flow/intake/offer-terms.schema';
import { deriveFacts, type BandInput, type BudgetInput } from '../../../src/flow/policy/facts';
import { parsePolicy, type PolicyCatalogue } from '../../../src/flow/policy/policy-parse';
import type { Policy } from '../../../src/flow/policy/policy.schema';
import type { PolicySubject } from '../../../src/flow/policy/route-plan';

export const samplePolicyPath = fileURLToPath(new URL('../../../src/flow/policy/sample-policy.yaml', import.meta.url));
export const sampleYaml = readFileSync(samplePolicyPath, 'utf8');

export const catalogue: PolicyCatalogue = {
  userEmails: new Set(['admin@northwind.example', 'finance@northwind.example', 'hrbp@northwind.example', 'cfo@northwind.example']),
};

export function samplePolicy(): Policy {
  const r = parsePolicy(sampleYaml, 'yaml', catalogue);
  if (!r.ok) throw new Error(`sample policy refused: ${JSON.stringify(r.problems)}`);
  return r.policy;
}

export const DEPT = '00000000-0000-4000-8000-000000000001';
export const BU = '00000000-0000-4000-8000-0000000000b1';

/** A plain full-time L4 engineer in Texas, inside a $150k-$200k band and a $260k budget. */
export const baseTerms: OfferTermsInput = {
  title: 'Site Reliability Engineer',
  level: 'L4',
  departmentId: DEPT,
  location: { city: 'Austin', state: 'TX', remote: false },
  employmentType: 'full_time',
  flsaStatus: 'exempt',
  compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 170_000_00, bonusTargetPercent: 10 },
  startDate: '2027-03-01',
  clauses: [{ key: 'at_will', standard: true }],
  contingencies: ['background_check'],
};

export const band: BandInput = { minCents: 150_000_00, midCents: 175_000_00, maxCents: 200_000_00, currency: 'USD' };
export const budget: BudgetInput = { amountCents: 260_000_00, committedCents: 0, scope: 'requisition' };

export type TermsPatch = Omit<Partial<OfferTermsInput>, 'compensation' | 'location'> & {
  compensation?: Partial<OfferTermsInput['compensation']>;
  location?: Partial<OfferTermsInput['location']>;
};

export function terms(patch: TermsPatch = {}): OfferTerms {
  const input = {
    ...baseTerms,
    ...patch,
    compensation: { ...baseTerms.compensation, ...patch.compensation },
    location: { ...baseTerms.location, ...patch.location },
  };
  for (const k of Object.keys(input.compensation) as (keyof typeof input.compensation)[])
    if (input.compensation[k] === undefined) delete input.compensation[k];
  return offerTermsSchema.parse(input);
}

export function subject(t: OfferTerms, b: BandInput | null = band, g: BudgetInput | null = budget): PolicySubject {
  return { terms: t, facts: deriveFacts({ terms: t, band: b, budget: g }), businessUnitId: BU };
}

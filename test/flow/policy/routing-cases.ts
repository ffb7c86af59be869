import type { OfferTerms } from '../../../src/flow/intake/offer-terms.schema';
import type { BandInput, BudgetInput } from '../../../src/flow/policy/facts';
import type { ApproverSpec } from '../../../src/flow/policy/policy.schema';
import { band, budget, terms } from './policy-fixtures';

/**
 * Offers routed through sample-policy.yaml, with the steps each must get. The base offer is a
 * full-time exempt L4 in Austin at $170,000 + 10% bonus, band $150k / $175k / $200k, budget
 * $260,000 unspent: it needs only the hiring manager.
 */
export interface RoutingRow {
  name: string;
  terms: OfferTerms;
  band?: BandInput | null;
  budget?: BudgetInput | null;
  /** Required steps in plan order: 'stage.step', approvers, explanation. */
  expected: { step: string; approvers: ApproverSpec[]; explanation: string }[];
  /** Explanations of some steps that are not needed, to pin down the "why not" wording. */
  notNeeded?: Record<string, string>;
}

export const FINANCE: ApproverSpec[] = [{ role: 'finance' }];
export const HRBP: ApproverSpec[] = [{ relation: 'department_hrbp' }];
export const SKIP: ApproverSpec[] = [{ relation: 'hiring_manager_manager' }];
export const PAYROLL: ApproverSpec[] = [{ role: 'payroll' }];
export const CLASSIFY: ApproverSpec[] = [{ role: 'legal' }, { role: 'hr_ops' }];
export const COMMITTEE: ApproverSpec[] = [
  { user: 'admin@northwind.example' },
  { user: 'finance@northwind.example' },
  { user: 'hrbp@northwind.example' },
];
export const HM: ApproverSpec[] = [{ relation: 'requisition_hiring_manager' }];
export const LEGAL: ApproverSpec[] = [{ role: 'legal' }];
export const CLIENT: ApproverSpec[] = [{ role: 'client_approver' }];

const hm = { step: 'packet.hiring_manager', approvers: HM, explanation: 'Hiring manager: always required by the policy' };
const nonCompete = { key: 'non_compete', standard: false };
const acme = { clientName: 'Acme Health', payRateCents: 60_00, billRateCents: 80_00 };
const hourlyTerms = { payBasis: 'hourly' as const, baseSalaryCents: undefined, hourlyRateCents: 25_00, bonusTargetPercent: undefined };
const hourlyBand: BandInput = { minCents: 45_000_00, midCents: 52_000_00, maxCents: 60_000_00, currency: 'USD' };

export const routingRows: RoutingRow[] = [
  { name: 'in band, in budget, standard clauses: hiring manager only', terms: terms(),
    notNeeded: {
      'comp.finance': 'Finance: not needed: base $170,000 is within the band max $200,000; first-year cash $187,000 is within the remaining budget $260,000; no sign-on bonus; no staffing margin',
      'comp.hrbp': 'HR business partner: not needed: base $170,000 is at or above the band min $150,000; a band exists for this level and location; level L4 is not one of L7, L8, E1, E2, E3',
      'comp.skip_level': 'Hiring manager\'s manager: not needed: first-year cash $187,000 is not over $250,000',
      'comp.payroll': 'Payroll: not needed: FLSA status is exempt, not non-exempt; pay basis is salary, not hourly',
      'comp.classification': 'Worker classification: not needed: employment type full-time is not one of contract (1099), corp-to-corp',
      'exec.committee': 'Compensation committee: not needed: level L4 is not one of E1, E2, E3',
      'packet.legal': 'Legal: not needed: no non-standard clauses; clauses do not include non_compete',
      'packet.client': 'Client approval: not needed: no staffing client',
    },
    expected: [
      hm,
    ],
  },
  {
    name: 'the example of the issue: base $185,000 against a band max of $165,000',
    terms: terms({ compensation: { baseSalaryCents: 185_000_00, bonusTargetPercent: 0 } }),
    band: { minCents: 130_000_00, midCents: 150_000_00, maxCents: 165_000_00, currency: 'USD' },
    expected: [{ step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: base $185,000 is 112% of the band max $165,000' }, hm],
  },
  {
    name: 'the same band with base $150,000: finance not needed',
    terms: terms({ compensation: { baseSalaryCents: 150_000_00, bonusTargetPercent: 0 } }),
    band: { minCents: 130_000_00, midCents: 150_000_00, maxCents: 165_000_00, currency: 'USD' },
    notNeeded: {
      'comp.finance': 'Finance: not needed: base $150,000 is within the band max $165,000; first-year cash $150,000 is within the remaining budget $260,000; no sign-on bonus; no staffing margin',
    },
    expected: [hm],
  },
  { name: 'base above band max', terms: terms({ compensation: { baseSalaryCents: 210_000_00 } }),
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: base $210,000 is 105% of the band max $200,000' },
      hm,
    ],
  },
  { name: 'far above band max and first-year cash over $250,000', terms: terms({ compensation: { baseSalaryCents: 240_000_00 } }),
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: base $240,000 is 120% of the band max $200,000; first-year cash $264,000 is over the remaining budget $260,000' },
      { step: 'comp.skip_level', approvers: SKIP, explanation: 'Hiring manager\'s manager: first-year cash $264,000 is over $250,000' },
      hm,
    ],
  },
  { name: 'over the remaining requisition budget', terms: terms({ compensation: { baseSalaryCents: 190_000_00 } }), budget: { ...budget, committedCents: 100_000_00 },
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: first-year cash $209,000 is over the remaining budget $160,000' },
      hm,
    ],
  },
  { name: 'above band max and over budget: both reasons', terms: terms({ compensation: { baseSalaryCents: 205_000_00 } }), budget: { ...budget, committedCents: 60_000_00 },
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: base $205,000 is 103% of the band max $200,000; first-year cash $225,500 is over the remaining budget $200,000' },
      hm,
    ],
  },
  { name: 'over the remaining department budget', terms: terms(), budget: { amountCents: 900_000_00, committedCents: 800_000_00, scope: 'department' },
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: first-year cash $187,000 is over the remaining budget $100,000' },
      hm,
    ],
  },
  { name: 'sign-on over $25,000', terms: terms({ compensation: { signOnBonusCents: 30_000_00 } }),
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: sign-on bonus $30,000 is over $25,000' },
      hm,
    ],
  },
  { name: 'sign-on exactly $25,000 is not over', terms: terms({ compensation: { signOnBonusCents: 25_000_00 } }),
    notNeeded: {
      'comp.finance': 'Finance: not needed: base $170,000 is within the band max $200,000; first-year cash $212,000 is within the remaining budget $260,000; sign-on bonus $25,000 is not over $25,000; no staffing margin',
    },
    expected: [
      hm,
    ],
  },
  { name: 'base below band min', terms: terms({ compensation: { baseSalaryCents: 140_000_00 } }),
    expected: [
      { step: 'comp.hrbp', approvers: HRBP, explanation: 'HR business partner: base $140,000 is below the band min $150,000' },
      hm,
    ],
  },
  { name: 'no band for the level and zone', terms: terms({ level: 'L6' }), band: null,
    expected: [
      { step: 'comp.hrbp', approvers: HRBP, explanation: 'HR business partner: no band for this level and location' },
      hm,
    ],
  },
  { name: 'band in another currency counts as no band', terms: terms(), band: { ...band, currency: 'EUR' },
    expected: [
      { step: 'comp.hrbp', approvers: HRBP, explanation: 'HR business partner: no band for this level and location' },
      hm,
    ],
  },
  { name: 'no budget on record and above band max', terms: terms({ compensation: { baseSalaryCents: 220_000_00 } }), budget: null,
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: base $220,000 is 110% of the band max $200,000' },
      hm,
    ],
  },
  { name: 'senior level L7 needs the HRBP, not the committee', terms: terms({ level: 'L7', title: 'Principal Engineer', compensation: { baseSalaryCents: 215_000_00, bonusTargetPercent: 15 } }), band: { minCents: 190_000_00, midCents: 220_000_00, maxCents: 250_000_00, currency: 'USD' }, budget: { ...budget, amountCents: 400_000_00 },
    expected: [
      { step: 'comp.hrbp', approvers: HRBP, explanation: 'HR business partner: level is L7' },
      hm,
    ],
  },
  { name: 'executive E1: HRBP, committee and skip-level', terms: terms({ level: 'E1', title: 'VP Engineering', compensation: { baseSalaryCents: 320_000_00, bonusTargetPercent: 30 } }), band: { minCents: 280_000_00, midCents: 320_000_00, maxCents: 360_000_00, currency: 'USD' }, budget: { ...budget, amountCents: 500_000_00 },
    expected: [
      { step: 'comp.hrbp', approvers: HRBP, explanation: 'HR business partner: level is E1' },
      { step: 'comp.skip_level', approvers: SKIP, explanation: 'Hiring manager\'s manager: first-year cash $416,000 is over $250,000' },
      { step: 'exec.committee', approvers: COMMITTEE, explanation: 'Compensation committee: level is E1' },
      hm,
    ],
  },
  { name: 'executive E2 without a band, over budget, with a non-standard clause', terms: terms({ level: 'E2', title: 'Chief Revenue Officer', compensation: { baseSalaryCents: 350_000_00, bonusTargetPercent: 50 }, clauses: [nonCompete] }), band: null,
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: first-year cash $525,000 is over the remaining budget $260,000' },
      { step: 'comp.hrbp', approvers: HRBP, explanation: 'HR business partner: no band for this level and location; level is E2' },
      { step: 'comp.skip_level', approvers: SKIP, explanation: 'Hiring manager\'s manager: first-year cash $525,000 is over $250,000' },
      { step: 'exec.committee', approvers: COMMITTEE, explanation: 'Compensation committee: level is E2' },
      hm,
      { step: 'packet.legal', approvers: LEGAL, explanation: 'Legal: 1 non-standard clause (non_compete)' },
    ],
  },
  { name: 'first-year cash exactly $250,000 is not over', terms: terms({ compensation: { baseSalaryCents: 200_000_00, bonusTargetPercent: 25 } }), budget: { ...budget, amountCents: 300_000_00 },
    notNeeded: {
      'comp.skip_level': 'Hiring manager\'s manager: not needed: first-year cash $250,000 is not over $250,000',
    },
    expected: [
      hm,
    ],
  },
  { name: 'bonus target pushes first-year cash over $250,000 at band max', terms: terms({ compensation: { baseSalaryCents: 200_000_00, bonusTargetPercent: 30 } }), budget: { ...budget, amountCents: 300_000_00 },
    expected: [
      { step: 'comp.skip_level', approvers: SKIP, explanation: 'Hiring manager\'s manager: first-year cash $260,000 is over $250,000' },
      hm,
    ],
  },
  { name: 'hourly non-exempt in Texas: payroll', terms: terms({ level: 'H1', flsaStatus: 'non_exempt', compensation: hourlyTerms }), band: hourlyBand,
    notNeeded: {
      'comp.finance': 'Finance: not needed: annual base $52,000 ($25 an hour) is within the band max $60,000; first-year cash $52,000 is within the remaining budget $260,000; no sign-on bonus; no staffing margin',
    },
    expected: [
      { step: 'comp.payroll', approvers: PAYROLL, explanation: 'Payroll: FLSA status is non-exempt' },
      hm,
    ],
  },
  { name: 'hourly non-exempt in California: payroll for both reasons', terms: terms({ level: 'H1', flsaStatus: 'non_exempt', location: { city: 'Oakland', state: 'CA' }, compensation: hourlyTerms }), band: hourlyBand,
    expected: [
      { step: 'comp.payroll', approvers: PAYROLL, explanation: 'Payroll: FLSA status is non-exempt; pay basis is hourly; state is CA' },
      hm,
    ],
  },
  { name: 'salaried non-exempt: payroll', terms: terms({ level: 'S2', flsaStatus: 'non_exempt', compensation: { baseSalaryCents: 85_000_00 } }), band: { minCents: 70_000_00, midCents: 85_000_00, maxCents: 100_000_00, currency: 'USD' },
    expected: [
      { step: 'comp.payroll', approvers: PAYROLL, explanation: 'Payroll: FLSA status is non-exempt' },
      hm,
    ],
  },
  { name: 'part-time hourly non-exempt in New York, rate above band: payroll and finance', terms: terms({ level: 'H1', employmentType: 'part_time', flsaStatus: 'non_exempt', location: { city: 'New York', state: 'NY' }, compensation: { ...hourlyTerms, hourlyRateCents: 31_50 } }), band: hourlyBand,
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: annual base $65,520 ($31.50 an hour) is 109% of the band max $60,000' },
      { step: 'comp.payroll', approvers: PAYROLL, explanation: 'Payroll: FLSA status is non-exempt; pay basis is hourly; state is NY' },
      hm,
    ],
  },
  { name: 'hourly in Colorado below band min: payroll and HRBP', terms: terms({ level: 'H1', flsaStatus: 'non_exempt', location: { city: 'Denver', state: 'CO' }, compensation: { ...hourlyTerms, hourlyRateCents: 20_00 } }), band: hourlyBand,
    expected: [
      { step: 'comp.hrbp', approvers: HRBP, explanation: 'HR business partner: annual base $41,600 ($20 an hour) is below the band min $45,000' },
      { step: 'comp.payroll', approvers: PAYROLL, explanation: 'Payroll: FLSA status is non-exempt; pay basis is hourly; state is CO' },
      hm,
    ],
  },
  { name: '1099 contractor: worker classification', terms: terms({ employmentType: 'contract_1099' }),
    expected: [
      { step: 'comp.classification', approvers: CLASSIFY, explanation: 'Worker classification: employment type is contract (1099)' },
      hm,
    ],
  },
  { name: 'corp-to-corp staffing at 25% margin: classification and client', terms: terms({ employmentType: 'corp_to_corp', staffing: acme }),
    expected: [
      { step: 'comp.classification', approvers: CLASSIFY, explanation: 'Worker classification: employment type is corp-to-corp' },
      hm,
      { step: 'packet.client', approvers: CLIENT, explanation: 'Client approval: staffing client is Acme Health' },
    ],
  },
  { name: 'W-2 contract staffing at 25% margin: client only', terms: terms({ employmentType: 'contract_w2', staffing: acme }),
    expected: [
      hm,
      { step: 'packet.client', approvers: CLIENT, explanation: 'Client approval: staffing client is Acme Health' },
    ],
  },
  { name: 'W-2 staffing at 15% margin: finance and client', terms: terms({ employmentType: 'contract_w2', staffing: { ...acme, payRateCents: 68_00 } }),
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: staffing margin 15% is under 20%' },
      hm,
      { step: 'packet.client', approvers: CLIENT, explanation: 'Client approval: staffing client is Acme Health' },
    ],
  },
  { name: 'temp-to-hire staffing with an end date: client', terms: terms({ employmentType: 'temp_to_hire', staffing: { ...acme, assignmentEndDate: '2027-09-01' } }),
    expected: [
      hm,
      { step: 'packet.client', approvers: CLIENT, explanation: 'Client approval: staffing client is Acme Health' },
    ],
  },
  { name: 'one non-standard clause: legal', terms: terms({ clauses: [{ key: 'at_will', standard: true }, nonCompete] }),
    expected: [
      hm,
      { step: 'packet.legal', approvers: LEGAL, explanation: 'Legal: 1 non-standard clause (non_compete)' },
    ],
  },
  { name: 'two non-standard clauses: legal lists both', terms: terms({ clauses: [{ key: 'ip_carve_out', standard: false }, nonCompete] }),
    expected: [
      hm,
      { step: 'packet.legal', approvers: LEGAL, explanation: 'Legal: 2 non-standard clauses (ip_carve_out, non_compete)' },
    ],
  },
  { name: 'standard non-compete in California: legal', terms: terms({ location: { city: 'San Jose', state: 'CA' }, clauses: [{ key: 'non_compete', standard: true }] }),
    expected: [
      hm,
      { step: 'packet.legal', approvers: LEGAL, explanation: 'Legal: clauses include non_compete; state is CA' },
    ],
  },
  { name: 'standard non-compete in Texas: no legal', terms: terms({ clauses: [{ key: 'non_compete', standard: true }] }),
    notNeeded: {
      'packet.legal': 'Legal: not needed: no non-standard clauses; state TX is not one of CA, MN, ND, OK',
    },
    expected: [
      hm,
    ],
  },
  { name: 'remote role in Washington, salaried exempt: hiring manager only', terms: terms({ location: { city: 'Seattle', state: 'WA', remote: true } }),
    expected: [
      hm,
    ],
  },
  { name: 'large relocation alone routes nowhere extra', terms: terms({ compensation: { relocationCents: 50_000_00 } }),
    expected: [
      hm,
    ],
  },
  { name: 'offer in euros above a euro band', terms: terms({ compensation: { currency: 'EUR', baseSalaryCents: 120_000_00 } }), band: { minCents: 80_000_00, midCents: 90_000_00, maxCents: 100_000_00, currency: 'EUR' }, budget: null,
    expected: [
      { step: 'comp.finance', approvers: FINANCE, explanation: 'Finance: base EUR 120,000 is 120% of the band max EUR 100,000' },
      hm,
    ],
  },
];

import { formatMoney, type CurrencyCode } from '../../core/currencies';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { annualBaseCents, firstYearCashCents } from '../policy/facts';

/**
 * The merge fields a template may use, typed. Values arrive already formatted for a letter
 * (money as "$185,000.00", dates as "April 5, 2027", codes as words), so authors rarely need a
 * filter. A field that does not apply to an offer (an hourly rate on a salaried offer, equity
 * when there is none) is the empty text "", a boolean is false and a list is empty; in
 * `{% if %}` all of these count as false.
 *
 * docs/templates.md lists every field; a unit test keeps the two in step.
 */
export type FieldType = 'text' | 'money' | 'date' | 'number' | 'percent' | 'boolean' | 'list';

export interface CatalogueField {
  /** Dotted path as written in a template: `{{ offer.baseSalary }}`. */
  path: string;
  type: FieldType;
  label: string;
  description: string;
  /** What the field looks like in a letter. */
  example: string;
}

const f = (path: string, type: FieldType, label: string, description: string, example: string): CatalogueField => ({
  path,
  type,
  label,
  description,
  example,
});

export const fieldCatalogue: readonly CatalogueField[] = [
  // The offer version
  f('offer.title', 'text', 'Job title', 'The job title of this offer version.', 'Senior Software Engineer'),
  f('offer.level', 'text', 'Level', 'The level, as written on the offer.', 'L5'),
  f('offer.department', 'text', 'Department', 'Name of the department the role sits in.', 'Engineering'),
  f('offer.city', 'text', 'Work city', 'City of the work location.', 'San Francisco'),
  f('offer.state', 'text', 'Work state (code)', 'USPS code of the work state.', 'CA'),
  f('offer.stateName', 'text', 'Work state', 'Full name of the work state.', 'California'),
  f('offer.remote', 'boolean', 'Remote', 'true when the role is remote.', 'false'),
  f('offer.employmentType', 'text', 'Employment type', 'In words: full-time, part-time, contract (W-2), independent contractor (1099), corp-to-corp or temp-to-hire.', 'full-time'),
  f('offer.flsaStatus', 'text', 'FLSA status', 'In words: exempt or non-exempt.', 'exempt'),
  f('offer.isExempt', 'boolean', 'Exempt', 'true when the role is exempt from overtime under the FLSA.', 'true'),
  f('offer.payBasis', 'text', 'Pay basis', 'salary or hourly.', 'salary'),
  f('offer.currency', 'text', 'Currency', 'ISO 4217 code of the pay currency.', 'USD'),
  f('offer.baseSalary', 'money', 'Annual base salary', 'Formatted with cents; empty for hourly offers.', '$185,000.00'),
  f('offer.baseSalaryCents', 'number', 'Annual base salary in cents', 'The raw amount in cents (use with the money filter); empty for hourly offers.', '18500000'),
  f('offer.hourlyRate', 'money', 'Hourly rate', 'Formatted per-hour rate; empty for salaried offers.', '$42.50'),
  f('offer.bonusTargetPercent', 'percent', 'Bonus target', 'Target bonus as a percent of base, as a number (write the % sign yourself); empty when there is no bonus.', '15'),
  f('offer.signOnBonus', 'money', 'Sign-on bonus', 'Formatted; empty when there is none.', '$20,000.00'),
  f('offer.relocation', 'money', 'Relocation', 'Formatted relocation allowance; empty when there is none.', '$10,000.00'),
  f('offer.hasEquity', 'boolean', 'Has equity', 'true when the offer grants equity.', 'true'),
  f('offer.equityUnits', 'number', 'Equity units', 'Number of RSUs or options; empty without equity.', '4000'),
  f('offer.equityKind', 'text', 'Equity kind', 'In words: restricted stock units or stock options; empty without equity.', 'restricted stock units'),
  f('offer.vestingSchedule', 'text', 'Vesting schedule', 'As written on the offer; empty without equity.', '4 years, 1-year cliff, monthly thereafter'),
  f('offer.startDate', 'date', 'Start date', 'Formatted as month, day and year.', 'April 5, 2027'),
  f('offer.startDateIso', 'date', 'Start date (ISO)', 'As YYYY-MM-DD.', '2027-04-05'),
  f('offer.expiresOn', 'date', 'Offer expires on', 'Formatted; empty when the offer has no expiry date.', 'March 1, 2027'),
  f('offer.managerName', 'text', 'Manager', 'Full name of the hiring manager; empty when none is named.', 'Dana Whitfield'),
  f('offer.contingencies', 'list', 'Contingencies', 'The conditions of the offer in words (a background check, reference checks, verification of work authorization, a drug screen); empty when there are none.', 'a background check, reference checks'),
  f('offer.clientName', 'text', 'Client', 'Staffing: the client the assignment is with; empty otherwise.', 'Contoso Health'),
  f('offer.payRate', 'money', 'Pay rate', 'Staffing: formatted hourly pay rate; empty otherwise.', '$55.00'),
  f('offer.billRate', 'money', 'Bill rate', 'Staffing: formatted hourly bill rate; empty otherwise.', '$82.50'),
  f('offer.assignmentEndDate', 'date', 'Assignment end date', 'Staffing: formatted; empty when open-ended or not staffing.', 'December 31, 2027'),
  f('offer.version', 'number', 'Offer version', 'The number of this offer version (1 for the first).', '2'),
  // The candidate
  f('candidate.firstName', 'text', 'Candidate first name', 'As on the candidate record.', 'Lena'),
  f('candidate.lastName', 'text', 'Candidate last name', 'As on the candidate record.', 'Park'),
  f('candidate.fullName', 'text', 'Candidate full name', 'First and last name.', 'Lena Park'),
  f('candidate.email', 'text', 'Candidate e-mail', 'As on the candidate record.', 'lena.park@example.com'),
  f('candidate.city', 'text', 'Candidate city', 'Where the candidate lives; empty when unknown.', 'Oakland'),
  f('candidate.state', 'text', 'Candidate state (code)', 'USPS code; empty when unknown.', 'CA'),
  // The requisition
  f('requisition.code', 'text', 'Requisition code', 'Empty when the offer has no requisition.', 'REQ-1042'),
  f('requisition.title', 'text', 'Requisition title', 'Empty when the offer has no requisition.', 'Senior Software Engineer, Payments'),
  // The organisation and its signatory
  f('organization.name', 'text', 'Company name', 'The employing organisation.', 'Northwind Labs, Inc.'),
  f('organization.city', 'text', 'Company city', 'Empty when not set.', 'San Francisco'),
  f('organization.state', 'text', 'Company state (code)', 'Empty when not set.', 'CA'),
  f('signatory.name', 'text', 'Signatory name', 'Who signs for the company.', 'Morgan Reyes'),
  f('signatory.title', 'text', 'Signatory title', 'The signatory\'s job title.', 'VP, People'),
  // Computed
  f('computed.annualBase', 'money', 'Annual base pay', 'Salary, or the hourly rate times 2,080 hours.', '$185,000.00'),
  f('computed.firstYearCash', 'money', 'First-year cash', 'Annual base + target bonus + sign-on bonus (relocation is not cash pay).', '$232,750.00'),
  f('computed.payPeriod', 'text', 'Pay period', 'How often pay is paid.', 'semi-monthly'),
  f('computed.payPeriodAmount', 'money', 'Pay per period', 'Annual base divided by 24 semi-monthly pay days (estimated at 2,080 hours a year for hourly roles).', '$7,708.33'),
  f('computed.today', 'date', 'Today', 'The date the document is generated, formatted.', 'November 25, 2026'),
];

export const catalogueByPath: ReadonlyMap<string, CatalogueField> = new Map(fieldCatalogue.map((c) => [c.path, c]));

/** The top-level names (`offer`, `candidate`, …). */
export const catalogueGroups: readonly string[] = [...new Set(fieldCatalogue.map((c) => c.path.split('.')[0]!))];

export interface MergeInput {
  terms: OfferTerms;
  versionNumber: number;
  candidate: { firstName: string; lastName: string; email: string; city: string | null; state: string | null };
  requisition: { code: string; title: string } | null;
  organization: { name: string; city?: string | null; state?: string | null };
  signatory: { name: string; title: string };
  departmentName: string;
  managerName: string | null;
  /** ISO date the document is generated on. */
  today: string;
  /** The offer version's custom values, already formatted (custom-catalogue.ts), by key. */
  custom?: Readonly<Record<string, string | number>>;
}

const employmentTypeWords: Record<OfferTerms['employmentType'], string> = {
  full_time: 'full-time',
  part_time: 'part-time',
  contract_w2: 'contract (W-2)',
  contract_1099: 'independent contractor (1099)',
  corp_to_corp: 'corp-to-corp',
  temp_to_hire: 'temp-to-hire',
};

const contingencyWords: Record<OfferTerms['contingencies'][number], string> = {
  background_check: 'a background check',
  references: 'reference checks',
  work_authorization: 'verification of work authorization',
  drug_screen: 'a drug screen',
};

const stateNames: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  PR: 'Puerto Rico', GU: 'Guam', VI: 'U.S. Virgin Islands', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};

const monthNames = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

/** "2027-04-05" → "April 5, 2027"; anything that is not an ISO date comes back unchanged. */
export function formatDateLong(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? monthNames[Number(m[2]) - 1] : undefined;
  if (!m || !month) return iso;
  return `${month} ${Number(m[3])}, ${m[1]}`;
}

/** Integer minor units → "$185,000.00"; other currencies by their own symbol or code. */
export function formatMergeMoney(minor: number, currency: string): string {
  try {
    return formatMoney(minor, currency as CurrencyCode);
  } catch {
    return `${currency} ${(minor / 100).toFixed(2)}`;
  }
}

const optionalMoney = (minor: number | undefined, currency: string) =>
  minor === undefined ? '' : formatMergeMoney(minor, currency);

/**
 * The nested object templates read: offer, candidate, requisition, organization, signatory,
 * computed, and custom (the organisation's custom fields, custom-catalogue.ts). Exactly the
 * catalogue's paths, no more (a test holds this).
 */
export function buildMergeContext(input: MergeInput): Record<string, unknown> {
  const t = input.terms;
  const c = t.compensation;
  const cur = c.currency;
  const equity = c.equity;
  const base = annualBaseCents(t);
  return {
    offer: {
      title: t.title,
      level: t.level,
      department: input.departmentName,
      city: t.location.city,
      state: t.location.state,
      stateName: stateNames[t.location.state] ?? t.location.state,
      remote: t.location.remote ?? false,
      employmentType: employmentTypeWords[t.employmentType],
      flsaStatus: t.flsaStatus === 'exempt' ? 'exempt' : 'non-exempt',
      isExempt: t.flsaStatus === 'exempt',
      payBasis: c.payBasis,
      currency: cur,
      baseSalary: optionalMoney(c.baseSalaryCents, cur),
      baseSalaryCents: c.baseSalaryCents ?? '',
      hourlyRate: optionalMoney(c.hourlyRateCents, cur),
      bonusTargetPercent: c.bonusTargetPercent ? c.bonusTargetPercent : '',
      signOnBonus: c.signOnBonusCents ? formatMergeMoney(c.signOnBonusCents, cur) : '',
      relocation: c.relocationCents ? formatMergeMoney(c.relocationCents, cur) : '',
      hasEquity: equity !== undefined,
      equityUnits: equity?.units ?? '',
      equityKind: equity ? (equity.kind === 'rsu' ? 'restricted stock units' : 'stock options') : '',
      vestingSchedule: equity?.vestingSchedule ?? '',
      startDate: formatDateLong(t.startDate),
      startDateIso: t.startDate,
      expiresOn: t.expiresOn ? formatDateLong(t.expiresOn) : '',
      managerName: input.managerName ?? '',
      contingencies: (t.contingencies ?? []).map((k) => contingencyWords[k]),
      clientName: t.staffing?.clientName ?? '',
      payRate: t.staffing ? formatMergeMoney(t.staffing.payRateCents, cur) : '',
      billRate: t.staffing ? formatMergeMoney(t.staffing.billRateCents, cur) : '',
      assignmentEndDate: t.staffing?.assignmentEndDate ? formatDateLong(t.staffing.assignmentEndDate) : '',
      version: input.versionNumber,
    },
    candidate: {
      firstName: input.candidate.firstName,
      lastName: input.candidate.lastName,
      fullName: `${input.candidate.firstName} ${input.candidate.lastName}`.trim(),
      email: input.candidate.email,
      city: input.candidate.city ?? '',
      state: input.candidate.state ?? '',
    },
    requisition: { code: input.requisition?.code ?? '', title: input.requisition?.title ?? '' },
    organization: {
      name: input.organization.name,
      city: input.organization.city ?? '',
      state: input.organization.state ?? '',
    },
    signatory: { name: input.signatory.name, title: input.signatory.title },
    computed: {
      annualBase: formatMergeMoney(base, cur),
      firstYearCash: formatMergeMoney(firstYearCashCents(t), cur),
      payPeriod: 'semi-monthly',
      payPeriodAmount: formatMergeMoney(Math.round(base / 24), cur),
      today: formatDateLong(input.today),
    },
    // A plain copy: a template reads own properties only, and keys are lower snake case.
    custom: Object.fromEntries(Object.entries(input.custom ?? {})),
  };
}

import type { OfferTerms, OfferTermsInput } from '../../../../flow/intake/offer-terms.schema';
import { toMajorUnits, toMinorUnits } from '../../../lib/format';
import type { PrefillTerms } from '../api/prefill';

/** NumberInput gives a number, or '' when empty. Money fields hold major units (dollars). */
type NumberValue = number | string;

/** The form's own flat shape: what people type, before it becomes offer terms in cents. */
export interface IntakeValues {
  candidateId: string;
  requisitionId: string;
  title: string;
  level: string;
  departmentId: string;
  city: string;
  state: string;
  remote: boolean;
  employmentType: string;
  flsaStatus: string;
  currency: string;
  payBasis: string;
  baseSalary: NumberValue;
  hourlyRate: NumberValue;
  bonusTargetPercent: NumberValue;
  signOnBonus: NumberValue;
  relocation: NumberValue;
  equityEnabled: boolean;
  equityKind: string;
  equityUnits: NumberValue;
  equityVesting: string;
  startDate: string;
  expiresOn: string;
  managerId: string;
  contingencies: string[];
}

export type IntakeField = keyof IntakeValues;

/** Which offer-terms path each input edits, to place schema and server errors next to it. */
export const termsPathOf: Partial<Record<IntakeField, string>> = {
  title: 'title',
  level: 'level',
  departmentId: 'departmentId',
  city: 'location.city',
  state: 'location.state',
  remote: 'location.remote',
  employmentType: 'employmentType',
  flsaStatus: 'flsaStatus',
  currency: 'compensation.currency',
  payBasis: 'compensation.payBasis',
  baseSalary: 'compensation.baseSalaryCents',
  hourlyRate: 'compensation.hourlyRateCents',
  bonusTargetPercent: 'compensation.bonusTargetPercent',
  signOnBonus: 'compensation.signOnBonusCents',
  relocation: 'compensation.relocationCents',
  equityKind: 'compensation.equity.kind',
  equityUnits: 'compensation.equity.units',
  equityVesting: 'compensation.equity.vestingSchedule',
  startDate: 'startDate',
  expiresOn: 'expiresOn',
  managerId: 'managerId',
  contingencies: 'contingencies',
};

const fieldByPath = new Map<string, IntakeField>([
  ...Object.entries(termsPathOf).map(([field, path]) => [`terms.${path}`, field as IntakeField] as const),
  ['candidateId', 'candidateId'],
  ['requisitionId', 'requisitionId'],
]);

/** `terms.contingencies.1` → contingencies; paths no input edits return undefined (they go to the banner). */
export function fieldForPath(path: string): IntakeField | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const hit = fieldByPath.get(parts.slice(0, n).join('.'));
    if (hit) return hit;
  }
  return undefined;
}

export function emptyValues(): IntakeValues {
  return {
    candidateId: '',
    requisitionId: '',
    title: '',
    level: '',
    departmentId: '',
    city: '',
    state: '',
    remote: false,
    employmentType: 'full_time',
    flsaStatus: 'exempt',
    currency: 'USD',
    payBasis: 'salary',
    baseSalary: '',
    hourlyRate: '',
    bonusTargetPercent: '',
    signOnBonus: '',
    relocation: '',
    equityEnabled: false,
    equityKind: 'rsu',
    equityUnits: '',
    equityVesting: '',
    startDate: '',
    expiresOn: '',
    managerId: '',
    contingencies: ['background_check'],
  };
}

const major = (cents: number | undefined, currency: string): NumberValue => (cents === undefined ? '' : toMajorUnits(cents, currency));

export function valuesFromTerms(terms: OfferTerms, candidateId: string, requisitionId: string | null): IntakeValues {
  const c = terms.compensation;
  return {
    candidateId,
    requisitionId: requisitionId ?? '',
    title: terms.title,
    level: terms.level,
    departmentId: terms.departmentId,
    city: terms.location.city,
    state: terms.location.state,
    remote: terms.location.remote,
    employmentType: terms.employmentType,
    flsaStatus: terms.flsaStatus,
    currency: c.currency,
    payBasis: c.payBasis,
    baseSalary: major(c.baseSalaryCents, c.currency),
    hourlyRate: major(c.hourlyRateCents, c.currency),
    bonusTargetPercent: c.bonusTargetPercent ?? '',
    signOnBonus: major(c.signOnBonusCents, c.currency),
    relocation: major(c.relocationCents, c.currency),
    equityEnabled: !!c.equity,
    equityKind: c.equity?.kind ?? 'rsu',
    equityUnits: c.equity?.units ?? '',
    equityVesting: c.equity?.vestingSchedule ?? '',
    startDate: terms.startDate,
    expiresOn: terms.expiresOn ?? '',
    managerId: terms.managerId ?? '',
    contingencies: [...terms.contingencies],
  };
}

/** Overwrites what the requisition knows; dates, bonus and the rest stay as typed. */
export function applyPrefill(values: IntakeValues, p: PrefillTerms): IntakeValues {
  const c = p.compensation ?? {};
  const currency = c.currency ?? values.currency;
  return {
    ...values,
    title: p.title ?? values.title,
    level: p.level ?? values.level,
    departmentId: p.departmentId ?? values.departmentId,
    city: p.location?.city ?? values.city,
    state: p.location?.state ?? values.state,
    remote: p.location?.remote ?? values.remote,
    employmentType: p.employmentType ?? values.employmentType,
    flsaStatus: p.flsaStatus ?? values.flsaStatus,
    managerId: p.managerId ?? values.managerId,
    currency,
    payBasis: c.payBasis ?? values.payBasis,
    baseSalary: c.baseSalaryCents !== undefined ? toMajorUnits(c.baseSalaryCents, currency) : values.baseSalary,
    hourlyRate: c.hourlyRateCents !== undefined ? toMajorUnits(c.hourlyRateCents, currency) : values.hourlyRate,
    contingencies: p.contingencies ?? values.contingencies,
  };
}

const opt = (s: string) => (s.trim() === '' ? undefined : s);
const num = (v: NumberValue): number | undefined => (v === '' ? undefined : typeof v === 'number' ? v : Number(v));
const minor = (v: NumberValue, currency: string) => {
  const n = num(v);
  return n === undefined || Number.isNaN(n) ? n : toMinorUnits(n, currency);
};

/** Terms the recruiter's form cannot edit (yet) travel through an edit unchanged. */
export type CarriedTerms = Pick<OfferTerms, 'clauses' | 'staffing'>;

/**
 * Builds the API's terms from the form. Only the pay field that applies to the
 * pay basis is sent, and empty inputs become absent (undefined) rather than "".
 */
export function toTerms(v: IntakeValues, carried?: CarriedTerms): OfferTermsInput {
  const currency = v.currency || 'USD';
  const terms = {
    title: v.title,
    level: v.level,
    departmentId: opt(v.departmentId),
    location: { city: v.city, state: opt(v.state), remote: v.remote },
    employmentType: opt(v.employmentType),
    flsaStatus: opt(v.flsaStatus),
    compensation: {
      currency: opt(v.currency),
      payBasis: opt(v.payBasis),
      baseSalaryCents: v.payBasis === 'salary' ? minor(v.baseSalary, currency) : undefined,
      hourlyRateCents: v.payBasis === 'hourly' ? minor(v.hourlyRate, currency) : undefined,
      bonusTargetPercent: num(v.bonusTargetPercent),
      signOnBonusCents: minor(v.signOnBonus, currency),
      relocationCents: minor(v.relocation, currency),
      equity: v.equityEnabled ? { kind: opt(v.equityKind), units: num(v.equityUnits), vestingSchedule: v.equityVesting } : undefined,
    },
    startDate: opt(v.startDate),
    expiresOn: opt(v.expiresOn),
    managerId: opt(v.managerId),
    clauses: carried?.clauses ?? [],
    contingencies: v.contingencies,
    staffing: carried?.staffing,
  };
  // Incomplete on purpose: the schema, not the type system, reports what is missing.
  return terms as OfferTermsInput;
}

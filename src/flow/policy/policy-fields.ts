import { usStateCodes } from '../../core/us-states';
import { currencyCodes } from '../../core/currencies';
import { contingencyKinds, employmentTypes, flsaStatuses, payBases, type OfferTerms } from '../intake/offer-terms.schema';
import type { Facts } from './facts';

/**
 * The fields a policy condition may test: offer terms by their dotted path, the offer's
 * business unit, and derived facts under `facts.` (custom fields, `custom.<key>`, come from the
 * organisation's definitions: custom-fields.ts). The type decides which operators and values
 * the validator accepts, and the label is how explanations name the field.
 */

export type FieldType = 'money' | 'number' | 'percent' | 'text' | 'enum' | 'boolean' | 'date' | 'list';

/** What conditions are evaluated against; route-plan.ts re-exports it as part of its contract. */
export interface PolicySubject { terms: OfferTerms; facts: Facts; businessUnitId: string }

export interface PolicyField {
  path: string;
  type: FieldType;
  label: string;
  /** enum: the allowed values; list: the allowed item values, when the items are an enum. */
  values?: readonly string[];
  /** Readable words for enum values, e.g. non_exempt -> "non-exempt". */
  valueLabels?: Readonly<Record<string, string>>;
  /** boolean: the sentence when true and when false. */
  says?: readonly [whenTrue: string, whenFalse: string];
  /** A term path a step can cover (facts and the business unit cannot change by themselves). */
  coverable: boolean;
  /** Never missing on a valid offer; lets the validator see that `not_exists` can never hold. */
  alwaysSet?: boolean;
  /** Custom fields some readers of explanations may not read: explanations leave the value out. */
  withheld?: boolean;
  read: (s: PolicySubject) => unknown;
}

const employmentLabels = {
  full_time: 'full-time', part_time: 'part-time', contract_w2: 'contract (W-2)', contract_1099: 'contract (1099)',
  corp_to_corp: 'corp-to-corp', temp_to_hire: 'temp-to-hire',
};
const flsaLabels = { exempt: 'exempt', non_exempt: 'non-exempt' };

type Def = Omit<PolicyField, 'path' | 'coverable' | 'read'> & { read?: PolicyField['read'] };

function term(path: string, def: Def): PolicyField {
  const parts = path.split('.');
  const read =
    def.read ??
    (parts.length === 1
      ? (s: PolicySubject) => (s.terms as Record<string, unknown>)[parts[0]!]
      : parts.length === 2
        ? (s: PolicySubject) => (s.terms as Record<string, any>)[parts[0]!]?.[parts[1]!]
        : (s: PolicySubject) => parts.reduce<any>((o, k) => (o == null ? undefined : o[k]), s.terms));
  return { ...def, path, coverable: true, read };
}

function fact<K extends keyof Facts>(key: K, def: Def): PolicyField {
  return { ...def, path: `facts.${key}`, coverable: false, read: (s) => s.facts[key] };
}

export const policyFields: readonly PolicyField[] = [
  term('title', { alwaysSet: true, type: 'text', label: 'title' }),
  term('level', { alwaysSet: true, type: 'text', label: 'level' }),
  term('departmentId', { alwaysSet: true, type: 'text', label: 'department' }),
  term('location.city', { alwaysSet: true, type: 'text', label: 'city' }),
  term('location.state', { alwaysSet: true, type: 'enum', label: 'state', values: usStateCodes }),
  term('location.remote', { alwaysSet: true, type: 'boolean', label: 'remote', says: ['the role is remote', 'the role is not remote'] }),
  term('employmentType', { alwaysSet: true, type: 'enum', label: 'employment type', values: employmentTypes, valueLabels: employmentLabels }),
  term('flsaStatus', { alwaysSet: true, type: 'enum', label: 'FLSA status', values: flsaStatuses, valueLabels: flsaLabels }),
  term('compensation.currency', { alwaysSet: true, type: 'enum', label: 'currency', values: currencyCodes }),
  term('compensation.payBasis', { alwaysSet: true, type: 'enum', label: 'pay basis', values: payBases }),
  term('compensation.baseSalaryCents', { type: 'money', label: 'base salary' }),
  term('compensation.hourlyRateCents', { type: 'money', label: 'hourly rate' }),
  term('compensation.bonusTargetPercent', { type: 'percent', label: 'bonus target' }),
  term('compensation.signOnBonusCents', { type: 'money', label: 'sign-on bonus' }),
  term('compensation.relocationCents', { type: 'money', label: 'relocation' }),
  term('compensation.equity.kind', { type: 'enum', label: 'equity kind', values: ['rsu', 'options'] }),
  term('compensation.equity.units', { type: 'number', label: 'equity units' }),
  term('startDate', { alwaysSet: true, type: 'date', label: 'start date' }),
  term('expiresOn', { type: 'date', label: 'offer expiry' }),
  term('managerId', { type: 'text', label: 'manager' }),
  // Conditions see clauses as their keys, so `contains: non_compete` reads naturally.
  term('clauses', { type: 'list', label: 'clauses', read: (s) => s.terms.clauses?.map((c) => c.key) }),
  term('contingencies', { type: 'list', label: 'contingencies', values: contingencyKinds }),
  term('staffing.clientName', { type: 'text', label: 'staffing client' }),
  term('staffing.payRateCents', { type: 'money', label: 'pay rate' }),
  term('staffing.billRateCents', { type: 'money', label: 'bill rate' }),
  term('staffing.assignmentEndDate', { type: 'date', label: 'assignment end date' }),
  { path: 'businessUnitId', alwaysSet: true, type: 'text', label: 'business unit', coverable: false, read: (s) => s.businessUnitId },
  fact('hasBand', { alwaysSet: true, type: 'boolean', label: 'band', says: ['a band exists for this level and location', 'no band for this level and location'] }),
  fact('bandMinCents', { type: 'money', label: 'band min' }),
  fact('bandMidCents', { type: 'money', label: 'band mid' }),
  fact('bandMaxCents', { type: 'money', label: 'band max' }),
  fact('annualBaseCents', { alwaysSet: true, type: 'money', label: 'annual base' }),
  fact('compaRatio', { type: 'number', label: 'compa-ratio' }),
  fact('bandPositionPercent', { type: 'percent', label: 'band position' }),
  fact('baseToBandMaxPercent', { type: 'percent', label: 'base as a share of band max' }),
  fact('aboveBandMax', { alwaysSet: true, type: 'boolean', label: 'above band max' }),
  fact('belowBandMin', { alwaysSet: true, type: 'boolean', label: 'below band min' }),
  fact('firstYearCashCents', { alwaysSet: true, type: 'money', label: 'first-year cash' }),
  fact('hasBudget', { alwaysSet: true, type: 'boolean', label: 'budget', says: ['a budget is on record', 'no budget on record'] }),
  fact('budgetScope', { type: 'enum', label: 'budget scope', values: ['requisition', 'department'] }),
  fact('budgetRemainingCents', { type: 'money', label: 'remaining budget' }),
  fact('overBudget', { alwaysSet: true, type: 'boolean', label: 'over budget' }),
  fact('nonStandardClauses', { alwaysSet: true, type: 'boolean', label: 'non-standard clauses' }),
  fact('nonStandardClauseCount', { alwaysSet: true, type: 'number', label: 'non-standard clause count' }),
  fact('nonStandardClauseKeys', { type: 'list', label: 'non-standard clauses' }),
  fact('marginPercent', { type: 'percent', label: 'staffing margin' }),
  fact('markupPercent', { type: 'percent', label: 'staffing markup' }),
];

export const policyFieldsByPath: ReadonlyMap<string, PolicyField> = new Map(policyFields.map((f) => [f.path, f]));

/**
 * Paths `covers` may name: every term leaf and every object above one (e.g. `compensation`),
 * plus the vesting schedule, which no condition tests but whose change a step may care about.
 */
export const coverablePaths: ReadonlySet<string> = new Set([
  ...policyFields.filter((f) => f.coverable).flatMap((f) => f.path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))),
  'compensation.equity.vestingSchedule',
]);

export function opsForType(type: FieldType): readonly string[] {
  switch (type) {
    case 'money':
    case 'number':
    case 'percent':
    case 'date':
      return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists', 'not_exists'];
    case 'text':
    case 'enum':
      return ['eq', 'ne', 'in', 'not_in', 'exists', 'not_exists'];
    case 'boolean':
      return ['eq', 'ne', 'exists', 'not_exists'];
    case 'list':
      return ['contains', 'not_contains', 'exists', 'not_exists'];
  }
}

export const orderedTypes: ReadonlySet<FieldType> = new Set(['money', 'number', 'percent', 'date']);

/** The catalogue without its readers: what the policy editor and the API show. */
export const policyFieldCatalogue = policyFields.map(({ path, type, label, values, coverable }) => ({
  path,
  type,
  label,
  ...(values ? { values: [...values] } : {}),
  ops: [...opsForType(type)],
  coverable,
}));

import type { FieldProblem } from '../../core/errors';
import { isRealIsoDate } from '../../core/dates';
import type { Facts } from '../policy/facts';
import { policyFieldsByPath } from '../policy/policy-fields';
import type { Condition } from '../policy/policy.schema';
import { testValue } from '../policy/conditions';
import { compilePattern } from './field-pattern';
import { customPath, FIELD_LIMITS, type FieldDefinition } from './field-definition.schema';

/**
 * Checks one custom value against the definition it is captured under. Pure: the caller passes
 * the other values of the same offer version (built-in terms and other custom values), which
 * required-when conditions read. A problem names the field by its path (`custom.<key>`) and
 * its label. An empty value (null, "", []) counts as missing.
 */

/** The rest of the offer version a condition may read: built-in terms by their dotted path, custom values by key. */
export interface OtherValues {
  terms?: Readonly<Record<string, unknown>>;
  custom?: Readonly<Record<string, unknown>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isMissingValue(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

const noFacts = {} as Facts;

function readPath(path: string, other: OtherValues): unknown {
  if (path.startsWith('custom.')) return other.custom?.[path.slice('custom.'.length)];
  const field = policyFieldsByPath.get(path);
  if (!field) return undefined;
  return field.read({ terms: (other.terms ?? {}) as never, facts: noFacts, businessUnitId: '' });
}

/** Whether a condition holds over the other values; a missing value fails every positive test. */
export function conditionHoldsOver(c: Condition, other: OtherValues): boolean {
  if ('all' in c) return c.all.every((x) => conditionHoldsOver(x, other));
  if ('any' in c) return c.any.some((x) => conditionHoldsOver(x, other));
  if ('not' in c) return !conditionHoldsOver(c.not, other);
  const actual = readPath(c.field, other);
  return testValue(c.op, actual === '' ? undefined : actual, c.value);
}

const opWords: Record<string, string> = {
  eq: 'is', ne: 'is not', gt: 'is more than', gte: 'is at least', lt: 'is less than', lte: 'is at most',
  in: 'is one of', not_in: 'is none of', exists: 'is filled in', not_exists: 'is empty', contains: 'includes', not_contains: 'does not include',
};

/** The condition in words, e.g. `employmentType is one of contract_w2, contract_1099`. */
export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  if ('any' in c) return `(${c.any.map(describeCondition).join(' or ')})`;
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  const v = c.value === undefined ? '' : ` ${Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}`;
  return `${c.field} ${opWords[c.op] ?? c.op}${v}`;
}

const dollars = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Why the value does not fit the type and limits of the definition; null when it does. Required-ness is not checked here. */
export function checkFilledValue(def: FieldDefinition, value: unknown): string | null {
  const { min, max, pattern } = def.validation;
  const quote = JSON.stringify(value)?.slice(0, 80) ?? String(value);
  switch (def.type) {
    case 'text':
    case 'long_text': {
      if (typeof value !== 'string') return `must be text, not ${quote}`;
      if (def.type === 'text' && /[\r\n]/.test(value)) return 'must be one line (use a long text field for several lines)';
      const limit = (max as number | undefined) ?? (def.type === 'text' ? FIELD_LIMITS.textChars : FIELD_LIMITS.longTextChars);
      const length = value.trim().length;
      if (length > limit) return `must be at most ${limit} characters (it has ${length})`;
      if (min !== undefined && length < (min as number)) return `must be at least ${min} characters (it has ${length})`;
      if (pattern !== undefined && !compilePattern(pattern).test(value.trim())) return `${quote} does not have the expected form (pattern ${pattern})`;
      return null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, not ${quote}`;
      if (Math.abs(value) > FIELD_LIMITS.number) return 'is implausibly large';
      if (min !== undefined && value < (min as number)) return `must be at least ${min} (it is ${value})`;
      if (max !== undefined && value > (max as number)) return `must be at most ${max} (it is ${value})`;
      return null;
    case 'money':
      if (!Number.isSafeInteger(value)) return `must be a whole number of cents (e.g. 250000 for $2,500.00), not ${quote}`;
      if ((value as number) < 0) return 'must be zero or more';
      if ((value as number) > FIELD_LIMITS.moneyCents) return 'is implausibly large';
      if (min !== undefined && (value as number) < (min as number)) return `must be at least ${dollars(min as number)} (it is ${dollars(value as number)})`;
      if (max !== undefined && (value as number) > (max as number)) return `must be at most ${dollars(max as number)} (it is ${dollars(value as number)})`;
      return null;
    case 'date':
      if (typeof value !== 'string' || !isRealIsoDate(value)) return `must be a real date like 2027-01-31, not ${quote}`;
      if (min !== undefined && value < (min as string)) return `must be on or after ${min} (it is ${value})`;
      if (max !== undefined && value > (max as string)) return `must be on or before ${max} (it is ${value})`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, not ${quote}`;
    case 'single_select': {
      const values = (def.options ?? []).map((o) => o.value);
      return typeof value === 'string' && values.includes(value) ? null : `${quote} is not one of the choices: ${values.join(', ')}`;
    }
    case 'multi_select': {
      const values = (def.options ?? []).map((o) => o.value);
      if (!Array.isArray(value)) return `must be a list of choices from: ${values.join(', ')}`;
      const bad = value.find((v) => typeof v !== 'string' || !values.includes(v));
      if (bad !== undefined) return `${JSON.stringify(bad)} is not one of the choices: ${values.join(', ')}`;
      if (new Set(value).size !== value.length) return 'lists a choice twice';
      if (min !== undefined && value.length < (min as number)) return `needs at least ${min} choices (it has ${value.length})`;
      if (max !== undefined && value.length > (max as number)) return `allows at most ${max} choices (it has ${value.length})`;
      return null;
    }
    case 'user_reference':
      return typeof value === 'string' && UUID.test(value) ? null : `must be the id of a user, not ${quote}`;
  }
}

/** Problems of one value against its definition, with the other values of the version for required-when. */
export function validateValue(def: FieldDefinition, value: unknown, otherValues: OtherValues = {}): FieldProblem[] {
  const field = customPath(def.key);
  if (isMissingValue(value)) {
    if (def.validation.required) return [{ field, message: `${def.label} is required` }];
    const when = def.validation.requiredWhen;
    if (when && conditionHoldsOver(when, otherValues)) return [{ field, message: `${def.label} is required when ${describeCondition(when)}` }];
    return [];
  }
  const why = checkFilledValue(def, value);
  return why ? [{ field, message: `${def.label} ${why}` }] : [];
}

/**
 * Every custom value of one version against the definitions in force: each definition's value,
 * and no value for a key without a definition.
 */
export function validateCustomValues(defs: readonly FieldDefinition[], custom: Readonly<Record<string, unknown>>, terms: OtherValues['terms'] = {}): FieldProblem[] {
  const known = new Set(defs.map((d) => d.key));
  const unknown = Object.keys(custom)
    .filter((k) => !known.has(k))
    .map((k) => ({ field: customPath(k), message: `is not a custom field of this offer: no field has the key "${k}"` }));
  return [...unknown, ...defs.flatMap((d) => validateValue(d, custom[d.key], { terms, custom }))];
}

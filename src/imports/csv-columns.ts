import { currencyCodes } from '../core/currencies';
import { usStateCodes } from '../core/us-states';
import { employmentTypes, flsaStatuses } from '../flow/intake/offer-terms.schema';

/** What can be imported from CSV. */
export const importKinds = ['requisitions', 'candidates', 'comp_bands'] as const;
export type ImportKind = (typeof importKinds)[number];

export const requisitionStatuses = ['open', 'on_hold', 'filled', 'closed'] as const;

/** A cell turned into a value, or the reason it cannot be. */
type Parsed = { ok: true; value: unknown } | { ok: false; message: string };
export interface ColumnSpec {
  name: string;
  required: boolean;
  /** One line for the docs and the refusal of a bad value. */
  describe: string;
  parse(raw: string): Parsed;
}

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (message: string): Parsed => ({ ok: false, message });

function textCol(name: string, required: boolean, max: number): ColumnSpec {
  return {
    name,
    required,
    describe: `text, at most ${max} characters`,
    parse: (raw) => (raw.length > max ? bad(`must be at most ${max} characters`) : ok(raw)),
  };
}

function enumCol(name: string, required: boolean, values: readonly string[], describe = `one of ${values.join(', ')}`): ColumnSpec {
  return {
    name,
    required,
    describe,
    parse: (raw) => (values.includes(raw) ? ok(raw) : bad(`"${raw.slice(0, 60)}" is not ${describe}`)),
  };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
function emailCol(name: string, required: boolean): ColumnSpec {
  return {
    name,
    required,
    describe: 'an e-mail address',
    parse: (raw) => (raw.length <= 254 && emailPattern.test(raw) ? ok(raw.toLowerCase()) : bad(`"${raw.slice(0, 60)}" is not an e-mail address`)),
  };
}

const MAX_DOLLARS = 100_000_000;
/** Money is whole dollars or dollars and cents ("150000", "150000.50"); stored as integer cents. */
export function parseDollars(raw: string): Parsed {
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(raw)) return bad(`"${raw.slice(0, 60)}" is not an amount in dollars like 150000 or 150000.50 (no $ sign or thousands separators)`);
  const [whole, frac = ''] = raw.split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (cents > MAX_DOLLARS * 100) return bad('is implausibly large');
  return ok(cents);
}
function dollarsCol(name: string): ColumnSpec {
  return { name, required: true, describe: 'dollars, like 150000 or 150000.50 (stored as cents)', parse: parseDollars };
}

const booleanCol = (name: string): ColumnSpec => ({
  name,
  required: false,
  describe: 'true or false (default false)',
  parse: (raw) => {
    const v = raw.toLowerCase();
    if (v === 'true' || v === 'yes' || v === '1') return ok(true);
    if (v === 'false' || v === 'no' || v === '0') return ok(false);
    return bad(`"${raw.slice(0, 60)}" is not true or false`);
  },
});

const states = enumCol('state', false, usStateCodes, 'a US state code like CA');

/** The columns of each kind, in documented order. The header row must name them (any order). */
export const columnsByKind: Record<ImportKind, ColumnSpec[]> = {
  requisitions: [
    textCol('code', true, 60),
    textCol('title', true, 200),
    textCol('level', true, 40),
    { ...textCol('department', true, 200), describe: 'the name of an existing department' },
    { ...textCol('business_unit', false, 200), describe: 'the name of an existing business unit; needed when two units have a department of that name' },
    textCol('location_city', true, 100),
    { ...states, name: 'location_state', required: true },
    textCol('location_zone', true, 40),
    booleanCol('remote'),
    enumCol('employment_type', true, employmentTypes),
    enumCol('flsa_status', true, flsaStatuses),
    { ...emailCol('hiring_manager_email', false), describe: 'the e-mail of a user in the organisation' },
    textCol('role_family', false, 60),
    enumCol('currency', true, currencyCodes, 'an ISO 4217 currency code like USD'),
    { ...enumCol('status', false, requisitionStatuses), describe: `one of ${requisitionStatuses.join(', ')} (default open)` },
  ],
  candidates: [
    emailCol('email', true),
    textCol('first_name', true, 100),
    textCol('last_name', true, 100),
    textCol('phone', false, 40),
    textCol('city', false, 100),
    states,
  ],
  comp_bands: [
    textCol('level', true, 40),
    textCol('zone', true, 40),
    enumCol('currency', true, currencyCodes, 'an ISO 4217 currency code like USD'),
    dollarsCol('min'),
    dollarsCol('mid'),
    dollarsCol('max'),
  ],
};

import { describe, expect, it } from 'vitest';
import { changedFields } from '../../../src/core/changed-fields';
import { roles } from '../../../src/core/roles';
import type { FieldDefinition } from '../../../src/flow/fields/field-definition.schema';
import type { OfferTerms } from '../../../src/flow/intake/offer-terms.schema';
import { buildCustomCatalogue, type ScopedDefinition } from '../../../src/flow/policy/custom-catalogue';
import { parsePolicy, type PolicyCatalogue } from '../../../src/flow/policy/policy-parse';
import type { Policy } from '../../../src/flow/policy/policy.schema';
import { decideReapproval } from '../../../src/flow/policy/reapproval';
import { planApprovals } from '../../../src/flow/policy/route-plan';
import { BU, catalogue, subject, terms } from './policy-fixtures';

/**
 * Custom fields in approval policies: checked against the organisation's definitions at save
 * time, read from the version's terms.custom when routing, named by label in explanations, and
 * covered like built-in terms on re-approval.
 */

const OTHER_BU = '00000000-0000-4000-8000-0000000000b2';

function def(key: string, label: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { key, label, type, section: 'Additional details', order: 0, validation: { required: false }, access: { read: [...roles], write: ['admin', 'recruiter'] }, sensitive: false, ...extra };
}
const options = (...values: [string, string][]) => values.map(([value, label]) => ({ value, label }));

const definitions: ScopedDefinition[] = [
  { key: 'cost_center', businessUnitId: null, retired: false, definition: def('cost_center', 'Cost center', 'single_select', { options: options(['CC-100', 'Platform'], ['CC-200', 'Data']) }) },
  { key: 'visa_sponsorship', businessUnitId: null, retired: false, definition: def('visa_sponsorship', 'Visa sponsorship', 'boolean') },
  { key: 'remote_stipend', businessUnitId: null, retired: false, definition: def('remote_stipend', 'Remote stipend', 'money') },
  { key: 'badge_date', businessUnitId: null, retired: false, definition: def('badge_date', 'Badge date', 'date') },
  { key: 'shifts', businessUnitId: null, retired: false, definition: def('shifts', 'Shifts', 'multi_select', { options: options(['day', 'day'], ['night', 'night']) }) },
  { key: 'union_code', businessUnitId: null, retired: true, definition: def('union_code', 'Union code', 'text') },
  {
    key: 'clearance',
    businessUnitId: null,
    retired: false,
    definition: def('clearance', 'Security clearance', 'single_select', { options: options(['secret', 'Secret']), sensitive: true, access: { read: ['admin', 'recruiter'], write: ['admin', 'recruiter'] } }),
  },
  { key: 'site_code', businessUnitId: BU, retired: false, definition: def('site_code', 'Site code', 'single_select', { options: options(['AUS', 'Austin']) }) },
  { key: 'site_code', businessUnitId: OTHER_BU, retired: false, definition: def('site_code', 'Site', 'single_select', { options: options(['NYC', 'New York']) }) },
  { key: 'shift_length', businessUnitId: BU, retired: false, definition: def('shift_length', 'Shift length', 'number') },
  { key: 'shift_length', businessUnitId: OTHER_BU, retired: false, definition: def('shift_length', 'Shift length', 'text') },
];

const orgFields = buildCustomCatalogue(definitions, null);
const withCustom: PolicyCatalogue = { ...catalogue, customFields: orgFields };

type Leaf = { field: string; op: string; value?: unknown };

/** Finance always; legal when the leaf holds, covering whatever is given. */
function policyWith(when: Leaf | { all: Leaf[] } | { any: Leaf[] }, legalCovers: string[] = ['custom.visa_sponsorship'], financeCovers = ['compensation', 'custom.cost_center']): string {
  return JSON.stringify({
    stages: [
      {
        key: 'comp',
        name: 'Compensation review',
        phase: 'compensation',
        steps: [
          { key: 'finance', name: 'Finance', approvers: [{ role: 'finance' }], covers: financeCovers },
          { key: 'legal', name: 'Legal', when, approvers: [{ role: 'legal' }], covers: legalCovers },
        ],
      },
    ],
  });
}

function parsed(source: string, cat = withCustom): Policy {
  const r = parsePolicy(source, 'json', cat);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policy;
}

function problems(source: string, cat = withCustom) {
  const r = parsePolicy(source, 'json', cat);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems;
}

const withCustomValues = (custom: Record<string, unknown> | undefined): OfferTerms => ({ ...terms(), ...(custom ? { custom } : {}) });
const legalOf = (policy: Policy, custom?: Record<string, unknown>) => planApprovals(policy, subject(withCustomValues(custom))).find((s) => s.stepKey === 'legal')!;

describe('the custom fields a policy may name', () => {
  it('a business unit policy sees organisation-wide fields and its own; the organisation policy sees every unit', () => {
    const unit = buildCustomCatalogue(definitions, BU);
    expect(unit.get('site_code')).toMatchObject({ status: 'ok', field: { label: 'Site code', type: 'enum', values: ['AUS'] } });
    expect(unit.get('cost_center')).toMatchObject({ status: 'ok' });
    expect(buildCustomCatalogue(definitions, OTHER_BU).get('site_code')).toMatchObject({ status: 'ok', field: { values: ['NYC'] } });
    // Two units' selects of one key: either unit's values.
    expect(orgFields.get('site_code')).toMatchObject({ status: 'ok', field: { type: 'enum', values: ['AUS', 'NYC'] } });
    expect(orgFields.get('shift_length')).toEqual({ status: 'conflict', types: ['number', 'text'] });
    expect(orgFields.get('union_code')).toEqual({ status: 'retired', label: 'Union code' });
  });

  it('describes options by label, and keeps values out of explanations when some pay readers may not read the field', () => {
    expect(orgFields.get('cost_center')).toMatchObject({ field: { valueLabels: { 'CC-100': 'Platform (CC-100)', 'CC-200': 'Data (CC-200)' } } });
    expect(orgFields.get('shifts')).toMatchObject({ field: { type: 'list', valueLabels: { day: 'day' } } });
    expect(orgFields.get('clearance')).toMatchObject({ field: { withheld: true } });
    expect(orgFields.get('cost_center')).not.toMatchObject({ field: { withheld: true } });
  });
});

describe('saving a policy that names custom fields', () => {
  it('accepts conditions and covers that fit the fields, and records the fields in the document', () => {
    const policy = parsed(
      policyWith({
        any: [
          { field: 'custom.visa_sponsorship', op: 'eq', value: true },
          { field: 'custom.cost_center', op: 'in', value: ['CC-200'] },
          { field: 'custom.remote_stipend', op: 'gt', value: 50_000 },
          { field: 'custom.badge_date', op: 'lt', value: '2027-04-01' },
          { field: 'custom.shifts', op: 'contains', value: 'night' },
          { field: 'custom.cost_center', op: 'not_exists' },
        ],
      }, ['custom']),
    );
    expect(Object.keys(policy.customFields!)).toEqual(['badge_date', 'cost_center', 'remote_stipend', 'shifts', 'visa_sponsorship']);
    expect(policy.customFields!.cost_center).toMatchObject({ label: 'Cost center', type: 'enum', values: ['CC-100', 'CC-200'] });
  });

  it('leaves the document as it was when no custom field is named', () => {
    expect(parsed(policyWith({ field: 'level', op: 'eq', value: 'L5' }, ['level'], ['compensation']))).not.toHaveProperty('customFields');
  });

  const at = 'stages[0].steps[1].when';
  it.each<[string, Leaf, string, RegExp]>([
    ['an unknown key', { field: 'custom.not_a_field', op: 'eq', value: 'x' }, `${at}.field`, /unknown custom field "custom.not_a_field": no custom field with the key "not_a_field"/],
    ['a retired field', { field: 'custom.union_code', op: 'exists' }, `${at}.field`, /"custom.union_code" \(Union code\) is retired/],
    ['a key two units define differently', { field: 'custom.shift_length', op: 'exists' }, `${at}.field`, /different kind of field in different business units \(number, text\)/],
    ['a path below a key', { field: 'custom.cost_center.code', op: 'exists' }, `${at}.field`, /custom.<key>/],
    ['gt on a select', { field: 'custom.cost_center', op: 'gt', value: 'CC-100' }, `${at}.op`, /"gt" does not apply to custom.cost_center \(Cost center, enum\)/],
    ['contains on a single select', { field: 'custom.cost_center', op: 'contains', value: 'CC-100' }, `${at}.op`, /does not apply/],
    ['eq on a multi select', { field: 'custom.shifts', op: 'eq', value: 'night' }, `${at}.op`, /use one of contains, not_contains, exists, not_exists/],
    ['gt on a boolean', { field: 'custom.visa_sponsorship', op: 'gt', value: 1 }, `${at}.op`, /does not apply to custom.visa_sponsorship \(Visa sponsorship, boolean\)/],
    ['a value that is not an option', { field: 'custom.cost_center', op: 'eq', value: 'CC-999' }, `${at}.value`, /"CC-999" is not a value of custom.cost_center: use one of CC-100, CC-200/],
    ['an item that is not an option', { field: 'custom.shifts', op: 'contains', value: 'weekend' }, `${at}.value`, /"weekend" is not a value of custom.shifts/],
    ['money that is not whole cents', { field: 'custom.remote_stipend', op: 'gte', value: 12.5 }, `${at}.value`, /whole number of cents/],
    ['a date that does not exist', { field: 'custom.badge_date', op: 'lt', value: '2027-02-30' }, `${at}.value`, /real date/],
    ['a boolean written as text', { field: 'custom.visa_sponsorship', op: 'eq', value: 'yes' }, `${at}.value`, /true or false/],
  ])('refuses %s, naming the path', (_kind, leaf, path, message) => {
    const found = problems(policyWith(leaf));
    expect(found).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('refuses covers naming an unknown or retired custom field', () => {
    const found = problems(policyWith({ field: 'level', op: 'eq', value: 'L5' }, ['custom.not_a_field', 'custom.union_code']));
    expect(found).toEqual([
      { path: 'stages[0].steps[1].covers[0]', message: expect.stringContaining('unknown custom field "custom.not_a_field"') },
      { path: 'stages[0].steps[1].covers[1]', message: expect.stringContaining('is retired') },
    ]);
  });

  it('refuses custom fields when no definitions were given (the seed and old callers)', () => {
    const found = problems(policyWith({ field: 'custom.visa_sponsorship', op: 'eq', value: true }), catalogue);
    expect(found.map((p) => p.path)).toEqual(['stages[0].steps[0].covers[1]', `${at}.field`, 'stages[0].steps[1].covers[0]']);
  });

  it('finds contradictions on a custom field like on built-in ones', () => {
    const found = problems(policyWith({ all: [{ field: 'custom.cost_center', op: 'eq', value: 'CC-100' }, { field: 'custom.cost_center', op: 'eq', value: 'CC-200' }] }));
    expect(found).toEqual([{ path: at, message: expect.stringContaining('the tests on custom.cost_center contradict each other') }]);
  });
});

describe('routing by custom values', () => {
  const visa = parsed(policyWith({ field: 'custom.visa_sponsorship', op: 'eq', value: true }));
  const costCenter = parsed(policyWith({ field: 'custom.cost_center', op: 'in', value: ['CC-200'] }));

  it('requires the step when the version has the value, and not when it lacks it or has another', () => {
    expect(legalOf(visa, { visa_sponsorship: true })).toMatchObject({ required: true, explanation: 'Legal: Visa sponsorship: yes' });
    expect(legalOf(visa, { visa_sponsorship: false })).toMatchObject({ required: false, reason: 'not needed: Visa sponsorship: no' });
    expect(legalOf(visa, undefined)).toMatchObject({ required: false, reason: 'not needed: Visa sponsorship is not set' });
    expect(legalOf(costCenter, { cost_center: 'CC-200' })).toMatchObject({ required: true, reason: 'Cost center is Data (CC-200)' });
    expect(legalOf(costCenter, { cost_center: 'CC-100' })).toMatchObject({ required: false, reason: 'not needed: Cost center Platform (CC-100) is not one of Data (CC-200)' });
    expect(legalOf(costCenter, {})).toMatchObject({ required: false, reason: 'not needed: Cost center is not set' });
  });

  it('a missing value fails positive tests and passes negative ones', () => {
    const none = parsed(policyWith({ field: 'custom.cost_center', op: 'not_in', value: ['CC-200'] }));
    expect(legalOf(none, {}).required).toBe(true);
    const stipend = parsed(policyWith({ field: 'custom.remote_stipend', op: 'gt', value: 50_000 }));
    expect(legalOf(stipend, {}).required).toBe(false);
    expect(legalOf(stipend, { remote_stipend: 60_000 })).toMatchObject({ required: true, reason: 'Remote stipend $600 is over $500' });
  });

  it('tests a multi select as a list of its choices', () => {
    const nights = parsed(policyWith({ field: 'custom.shifts', op: 'contains', value: 'night' }));
    expect(legalOf(nights, { shifts: ['day', 'night'] })).toMatchObject({ required: true, reason: 'Shifts include night' });
    expect(legalOf(nights, { shifts: ['day'] }).required).toBe(false);
  });

  it('does not quote a value some pay readers may not read', () => {
    const secret = parsed(policyWith({ field: 'custom.clearance', op: 'eq', value: 'secret' }));
    expect(legalOf(secret, { clearance: 'secret' })).toMatchObject({ required: true, reason: 'Security clearance is Secret (secret)' });
    expect(legalOf(secret, {})).toMatchObject({ required: false, reason: 'not needed: Security clearance is not Secret (secret)' });
  });
});

describe('re-approval when a custom value changes', () => {
  // Finance covers custom.cost_center; legal (visa sponsorship) covers only custom.visa_sponsorship.
  const policy = parsed(policyWith({ field: 'custom.visa_sponsorship', op: 'eq', value: true }));
  const before = withCustomValues({ cost_center: 'CC-100', visa_sponsorship: true });

  function reroute(after: OfferTerms) {
    const changed = changedFields(before, after);
    const out: Record<string, string> = {};
    for (const step of planApprovals(policy, subject(after)))
      out[step.stepKey] = decideReapproval(step, { stageKey: step.stageKey, stepKey: step.stepKey, status: 'approved', conditionHeld: true, approvedOnVersion: 1 }, changed).note;
    return { changed, out };
  }

  it('re-runs the steps covering the changed custom field and carries the others over', () => {
    const { changed, out } = reroute(withCustomValues({ cost_center: 'CC-200', visa_sponsorship: true }));
    expect(changed).toEqual(['custom.cost_center']);
    expect(out).toEqual({ finance: 'runs again: custom.cost_center changed', legal: 'carried over from version 1: no covered field changed' });
  });

  it('a value added where there was none is a change too', () => {
    const { changed, out } = reroute(withCustomValues({ cost_center: 'CC-100', visa_sponsorship: true, remote_stipend: 100 }));
    expect(changed).toEqual(['custom.remote_stipend']);
    expect(out.finance).toMatch(/^carried over/);
  });
});

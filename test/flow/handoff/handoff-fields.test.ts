import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { handoffCsv, handoffCustomKeys, handoffFields, handoffFieldsOf, handoffView, handoffViews, isPayField, type HandoffRecord } from '../../../src/flow/handoff/handoff-fields';
import type { FieldDefinition } from '../../../src/flow/fields/field-definition.schema';
import { nextActionOf } from '../../../src/flow/handoff/handoff.service';
import { templatesFor } from '../../../src/flow/handoff/onboarding-start';
import type { TaskTemplateRow } from '../../../src/flow/handoff/handoff.repo';

describe('handoff views per role', () => {
  it('IT sees exactly name, title, start date, location and manager; never pay', () => {
    expect([...handoffViews.it].sort()).toEqual(['candidateName', 'locationCity', 'locationRemote', 'locationState', 'managerId', 'managerName', 'offerId', 'startDate', 'title']);
    expect(handoffViews.it.filter(isPayField)).toEqual([]);
  });

  it('payroll sees exactly name, start date, pay basis, base or hourly pay, FLSA status, employment type and state', () => {
    expect([...handoffViews.payroll].sort()).toEqual(
      ['baseSalaryCents', 'candidateName', 'currency', 'employmentType', 'flsaStatus', 'hourlyRateCents', 'locationState', 'offerId', 'payBasis', 'startDate'].sort(),
    );
  });

  it('HR ops sees everything but equity; the hiring manager no pay; finance, HRBP, legal and client approvers nothing', () => {
    expect(handoffViews.hr_ops).toEqual(handoffFields.filter((f) => !f.startsWith('equity')));
    expect(handoffViews.hiring_manager.filter(isPayField)).toEqual([]);
    for (const role of ['finance', 'hrbp', 'legal', 'client_approver'] as const) expect(handoffViews[role]).toEqual([]);
    expect(handoffFieldsOf(['it', 'payroll'])).toEqual(handoffFields.filter((f) => handoffViews.it.includes(f) || handoffViews.payroll.includes(f)));
  });

  it('cuts a record to the fields and writes RFC 4180 CSV that parses back, formulas defused', () => {
    const record = Object.fromEntries(handoffFields.map((f) => [f, null])) as unknown as HandoffRecord;
    Object.assign(record, { offerId: 'o1', candidateName: 'Hopper, "Grace"', startDate: '2027-04-01', title: '=HYPERLINK("x")', baseSalaryCents: 100 });
    const view = handoffView(record, handoffViews.it);
    expect(Object.keys(view)).toEqual([...handoffViews.it]);
    const rows = parse(handoffCsv([view], handoffViews.it), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ offerId: 'o1', candidateName: 'Hopper, "Grace"', title: `'=HYPERLINK("x")`, managerName: '' });
  });
});

describe('custom values in handoff views', () => {
  const def = (key: string, read: FieldDefinition['access']['read'], sensitive = false) =>
    ({ key, label: key, type: 'text', section: 's', order: 0, validation: { required: false }, access: { read, write: ['admin'] }, sensitive }) as FieldDefinition;
  const defs = [def('cost_center', ['admin', 'recruiter', 'it', 'payroll', 'hr_ops', 'finance']), def('retention', ['admin', 'payroll', 'hr_ops', 'finance'], true), def('client_po', ['admin', 'finance'])];

  it('shows a field to roles that see handoff data and read it; a sensitive one only where the view shows pay', () => {
    expect(handoffCustomKeys(defs, ['it'])).toEqual(['cost_center']);
    expect(handoffCustomKeys(defs, ['payroll'])).toEqual(['cost_center', 'retention']);
    // Finance reads every field but sees no handoff data.
    expect(handoffCustomKeys(defs, ['finance'])).toEqual([]);
    expect(handoffCustomKeys(defs, ['admin'])).toEqual(['client_po', 'cost_center', 'retention']);
  });

  it('cuts custom values to the keys and writes them as custom.<key> columns, lists joined by ;', () => {
    const record = { ...Object.fromEntries(handoffFields.map((f) => [f, null])), offerId: 'o1', custom: { cost_center: '=CC', shifts: ['early', 'late'], retention: 100 } } as unknown as HandoffRecord;
    const view = handoffView(record, ['offerId'], ['cost_center', 'shifts']);
    expect(view).toEqual({ offerId: 'o1', custom: { cost_center: '=CC', shifts: ['early', 'late'] } });
    expect(handoffCsv([view], ['offerId'], ['cost_center', 'shifts'])).toBe("offerId,custom.cost_center,custom.shifts\r\no1,'=CC,early;late\r\n");
  });
});

describe('onboarding templates and the next action', () => {
  const t = (key: string, employmentTypes: string[], businessUnitId: string | null, retired = false) =>
    ({ key, employmentTypes, businessUnitId, retiredAt: retired ? new Date() : null }) as unknown as TaskTemplateRow;
  it('chooses templates by employment type and business unit, never retired ones', () => {
    const all = [t('any', [], null), t('ft', ['full_time'], null), t('c', ['contract_1099'], null), t('bu1', [], 'bu1'), t('bu2', [], 'bu2'), t('old', [], null, true)];
    expect(templatesFor(all, 'full_time', 'bu1').map((x) => x.key)).toEqual(['any', 'ft', 'bu1']);
    expect(templatesFor(all, 'contract_1099', 'bu2').map((x) => x.key)).toEqual(['any', 'c', 'bu2']);
  });
  it('says rescind after a failure, then clear, confirm, hand off', () => {
    expect(nextActionOf('accepted', [{ status: 'cleared' }, { status: 'failed' }, { status: 'pending' }], true)).toBe('rescind');
    expect(nextActionOf('accepted', [{ status: 'pending' }], true)).toBe('clear_contingencies');
    expect(nextActionOf('accepted', [{ status: 'waived' }], false)).toBe('confirm_start_date');
    expect(nextActionOf('accepted', [], true)).toBe('hand_off');
    expect(nextActionOf('handed_off', [], true)).toBeNull();
  });
});

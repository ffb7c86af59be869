import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../../src/core/actor';
import { offerAccessMap } from '../../src/core/access/access-map';
import {
  canSeeOffer,
  changedTermsFields,
  copiesFollowTwins,
  decideWrite,
  fieldsOfRoles,
  maskLeaves,
  offerFacts,
  readableFields,
  type OfferFacts,
} from '../../src/core/access/offer-access';
import { isCompensationField, offerFields } from '../../src/core/access/offer-fields';
import { roles, type Role } from '../../src/core/roles';
import { offerTermsSchema } from '../../src/flow/intake/offer-terms.schema';

const me = '11111111-1111-4111-8111-111111111111';
const buA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const buB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const actor = (...grants: [Role, string | null][]): Actor => ({
  userId: me,
  orgId: 'org',
  roles: grants.map(([role, businessUnitId]) => ({ role, businessUnitId })),
});
const facts = (over: Partial<OfferFacts> = {}): OfferFacts => ({
  businessUnitId: buA,
  status: 'drafting',
  stepApproverIds: [],
  managerId: null,
  requisitionManagerId: null,
  needsLegal: false,
  hasStaffing: false,
  ...over,
});

/** Leaves of a zod schema, arrays counted as leaves, as dotted paths. */
function schemaLeaves(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
  if (def.innerType) return schemaLeaves(def.innerType, prefix);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, v]) => schemaLeaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

const fullOffer = {
  id: 'o1',
  status: 'drafting',
  rowVersion: 3,
  candidate: { id: 'c1', name: 'Ada Lovelace' },
  title: 'Engineer',
  terms: {
    title: 'Engineer',
    level: 'L4',
    compensation: { currency: 'USD', payBasis: 'salary', baseSalaryCents: 100, equity: { kind: 'rsu', units: 10, vestingSchedule: '4y' } },
    staffing: { clientName: 'Acme', payRateCents: 60, billRateCents: 90 },
    clauses: [{ key: 'x', standard: false }],
  },
};

describe('the offer access map', () => {
  it('lists every leaf of the offer response, and the terms leaves match the terms schema', () => {
    // Custom values are not in the access map: each definition names its readers (src/flow/fields/custom-values.ts).
    const termsLeaves = schemaLeaves(offerTermsSchema, 'terms').filter((f) => f !== 'terms.custom').sort();
    expect(offerFields.filter((f) => f.startsWith('terms.')).sort()).toEqual(termsLeaves);
    for (const role of roles) {
      for (const f of offerAccessMap[role].read) expect(offerFields).toContain(f);
      expect(copiesFollowTwins(fieldsOfRoles([role])), role).toBe(true);
    }
  });

  it('intake roles read and write everything; finance and hrbp read everything and write nothing', () => {
    for (const role of ['admin', 'recruiter'] as const) {
      expect([...readableFields(actor([role, null]), facts({ status: 'draft' }))].sort()).toEqual([...offerFields].sort());
      expect(decideWrite(actor([role, null]), facts(), 'edit_draft', ['terms.compensation.baseSalaryCents']).ok).toBe(true);
    }
    for (const role of ['finance', 'hrbp'] as const) {
      expect(readableFields(actor([role, null]), facts()).size).toBe(offerFields.length);
      expect(decideWrite(actor([role, null]), facts(), 'submit', [])).toEqual({ ok: false, action: 'submit', fields: [] });
    }
  });

  it('masks at leaf level: hr_ops sees base pay but not equity, and the emptied equity object is dropped', () => {
    const masked = maskLeaves(fullOffer, readableFields(actor(['hr_ops', null]), facts())) as typeof fullOffer;
    expect(masked.terms.compensation.baseSalaryCents).toBe(100);
    expect(masked.terms.compensation).not.toHaveProperty('equity');
    expect(masked.terms.staffing.payRateCents).toBe(60);
  });

  it('drops objects left empty: IT sees no compensation object at all', () => {
    const masked = maskLeaves(fullOffer, readableFields(actor(['it', null]), facts())) as Record<string, Record<string, unknown>>;
    expect(masked.terms).not.toHaveProperty('compensation');
    expect(masked.terms).not.toHaveProperty('staffing');
    expect(masked.terms!.level).toBe('L4');
    expect(masked.candidate).toEqual({ id: 'c1', name: 'Ada Lovelace' });
  });

  it('client approvers see the bill rate, never the pay rate, base, equity or the candidate name', () => {
    const f = readableFields(actor(['client_approver', null]), facts({ hasStaffing: true }));
    expect(f.has('terms.staffing.billRateCents')).toBe(true);
    for (const hidden of ['terms.staffing.payRateCents', 'terms.compensation.baseSalaryCents', 'terms.compensation.equity.units', 'candidate.name'])
      expect(f.has(hidden), hidden).toBe(false);
  });

  it('row conditions: approver, needs legal, submitted, staffing', () => {
    expect(canSeeOffer(actor(['hiring_manager', null]), facts())).toBe(false);
    expect(canSeeOffer(actor(['hiring_manager', null]), facts({ managerId: me }))).toBe(true);
    expect(canSeeOffer(actor(['hiring_manager', null]), facts({ requisitionManagerId: me }))).toBe(true);
    expect(readableFields(actor(['hiring_manager', null]), facts({ managerId: me })).has('terms.staffing.payRateCents')).toBe(false);
    expect(canSeeOffer(actor(['legal', null]), facts())).toBe(false);
    expect(canSeeOffer(actor(['legal', null]), facts({ needsLegal: true }))).toBe(true);
    for (const role of ['it', 'payroll'] as const) {
      expect(canSeeOffer(actor([role, null]), facts({ status: 'draft' }))).toBe(false);
      expect(canSeeOffer(actor([role, null]), facts({ status: 'cancelled' }))).toBe(false);
      expect(canSeeOffer(actor([role, null]), facts({ status: 'drafting' }))).toBe(true);
    }
    expect(canSeeOffer(actor(['client_approver', null]), facts())).toBe(false);
    expect(canSeeOffer(actor(['client_approver', null]), facts({ hasStaffing: true }))).toBe(true);
  });

  it('a role held in one business unit applies only to that unit', () => {
    const scoped = actor(['finance', buA]);
    expect(canSeeOffer(scoped, facts({ businessUnitId: buA }))).toBe(true);
    expect(canSeeOffer(scoped, facts({ businessUnitId: buB }))).toBe(false);
    const mixed = actor(['recruiter', buA], ['it', null]);
    expect(decideWrite(mixed, facts({ businessUnitId: buA }), 'submit', []).ok).toBe(true);
    expect(decideWrite(mixed, facts({ businessUnitId: buB }), 'submit', []).ok).toBe(false);
    // In B only the IT grant reaches the offer, so only IT's fields show.
    expect(readableFields(mixed, facts({ businessUnitId: buB })).has('terms.compensation.baseSalaryCents')).toBe(false);
  });

  it('payroll reads base pay and bonus, not equity or sign-on', () => {
    const f = readableFields(actor(['payroll', null]), facts());
    expect(f.has('terms.compensation.baseSalaryCents') && f.has('terms.compensation.bonusTargetPercent')).toBe(true);
    expect(f.has('terms.compensation.equity.units') || f.has('terms.compensation.signOnBonusCents')).toBe(false);
  });

  it('legal reads role, location, dates, clauses and contingencies; never pay', () => {
    const f = readableFields(actor(['legal', null]), facts({ needsLegal: true }));
    for (const shown of ['terms.title', 'terms.location.state', 'terms.employmentType', 'terms.startDate', 'terms.clauses', 'terms.contingencies']) expect(f.has(shown), shown).toBe(true);
    expect([...f].some(isCompensationField)).toBe(false);
  });

  it('names the changed fields a write touches, and refuses them field by field', () => {
    const before = { title: 'A', compensation: { baseSalaryCents: 1, equity: { units: 5 } }, clauses: [] };
    const after = { title: 'A', compensation: { baseSalaryCents: 2, equity: { units: 5 } }, clauses: [{ key: 'k', standard: true }] };
    expect(changedTermsFields(before, after)).toEqual(['terms.compensation.baseSalaryCents', 'terms.clauses']);
    expect(decideWrite(actor(['finance', null]), facts(), 'edit_draft', ['terms.compensation.baseSalaryCents'])).toEqual({
      ok: false,
      action: 'edit_draft',
      fields: ['terms.compensation.baseSalaryCents'],
    });
  });

  it('derives facts from terms', () => {
    const f = offerFacts({ businessUnitId: buA, status: 'draft' }, { managerId: me, clauses: [{ standard: false }], staffing: { clientName: 'x' } }, null);
    expect(f).toMatchObject({ managerId: me, needsLegal: true, hasStaffing: true });
    expect(isCompensationField('terms.staffing.billRateCents') && !isCompensationField('terms.staffing.clientName')).toBe(true);
  });
});

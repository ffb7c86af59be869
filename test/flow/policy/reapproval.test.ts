import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedFields } from '../../../src/core/changed-fields';
import type { OfferTerms } from '../../../src/flow/intake/offer-terms.schema';
import { coversField, decideReapproval, type PriorStep, type ReapprovalOutcome } from '../../../src/flow/policy/reapproval';
import { planApprovals, type PlannedStep } from '../../../src/flow/policy/route-plan';
import { samplePolicy, subject, terms, type TermsPatch } from './policy-fixtures';

const policy = samplePolicy();

/** What the approval log would hold after every required step of a version was approved. */
function approvedPriors(plan: PlannedStep[], version: number): PriorStep[] {
  return plan.map((s) => ({
    stageKey: s.stageKey,
    stepKey: s.stepKey,
    status: s.required ? 'approved' : 'not_needed',
    conditionHeld: s.required,
    approvedOnVersion: s.required ? version : null,
  }));
}

/** Decides re-approval for every step of the new version, keyed 'stage.step'. */
function reroute(before: OfferTerms, after: OfferTerms, priors?: PriorStep[]): Record<string, ReapprovalOutcome> {
  const prior = priors ?? approvedPriors(planApprovals(policy, subject(before)), 1);
  const changed = changedFields(before, after);
  const out: Record<string, ReapprovalOutcome> = {};
  for (const step of planApprovals(policy, subject(after))) {
    const p = prior.find((x) => x.stageKey === step.stageKey && x.stepKey === step.stepKey);
    out[`${step.stageKey}.${step.stepKey}`] = decideReapproval(step, p, changed);
  }
  return out;
}

const byOutcome = (r: Record<string, ReapprovalOutcome>, kind: ReapprovalOutcome['outcome']) =>
  Object.entries(r)
    .filter(([, o]) => o.outcome === kind)
    .map(([k]) => k);

// Above band max (finance), salaried non-exempt (payroll), a non-standard clause (legal), and the hiring manager.
const v1Patch: TermsPatch = {
  flsaStatus: 'non_exempt',
  compensation: { baseSalaryCents: 210_000_00 },
  clauses: [{ key: 'ip_carve_out', standard: false }],
};
const v1 = terms(v1Patch);
const carried = { outcome: 'carry_over', fromVersion: 1, note: 'carried over from version 1: no covered field changed' };

describe('field-scoped re-approval on a new offer version', () => {
  it('version 1 needs finance, payroll, hiring manager and legal', () => {
    expect(planApprovals(policy, subject(v1)).filter((s) => s.required).map((s) => s.stepKey)).toEqual(['finance', 'payroll', 'hiring_manager', 'legal']);
  });

  it('changing only base re-runs only the steps covering base', () => {
    const r = reroute(v1, terms({ ...v1Patch, compensation: { baseSalaryCents: 215_000_00 } }));
    expect(byOutcome(r, 'run')).toEqual(['comp.finance', 'packet.hiring_manager']);
    expect(r['comp.finance']).toEqual({ outcome: 'run', note: 'runs again: compensation.baseSalaryCents changed' });
    expect(r['comp.payroll']).toEqual(carried);
    expect(r['packet.legal']).toEqual(carried);
    expect(byOutcome(r, 'not_needed')).toEqual(['comp.hrbp', 'comp.skip_level', 'comp.classification', 'exec.committee', 'packet.client']);
  });

  it('changing only the start date re-runs only the steps covering it', () => {
    const r = reroute(v1, terms({ ...v1Patch, startDate: '2027-04-05' }));
    expect(byOutcome(r, 'run')).toEqual(['packet.hiring_manager']);
    expect(r['packet.hiring_manager']).toEqual({ outcome: 'run', note: 'runs again: startDate changed' });
    expect(byOutcome(r, 'carry_over')).toEqual(['comp.finance', 'comp.payroll', 'packet.legal']);
  });

  it('adding a non-standard clause adds legal', () => {
    const before = terms({ compensation: { baseSalaryCents: 210_000_00 } });
    const r = reroute(before, terms({ compensation: { baseSalaryCents: 210_000_00 }, clauses: [{ key: 'non_compete', standard: false }] }));
    expect(r['packet.legal']).toEqual({ outcome: 'run', note: 'runs: its condition now holds (it was not needed before)' });
    expect(byOutcome(r, 'run')).toEqual(['packet.legal']);
    expect(byOutcome(r, 'carry_over')).toEqual(['comp.finance', 'packet.hiring_manager']);
  });

  it('lowering base below the finance threshold marks finance not needed', () => {
    const r = reroute(v1, terms({ ...v1Patch, compensation: { baseSalaryCents: 190_000_00 } }));
    expect(r['comp.finance']).toEqual({
      outcome: 'not_needed',
      note: 'not needed: base $190,000 is within the band max $200,000; first-year cash $209,000 is within the remaining budget $260,000; no sign-on bonus; no staffing margin',
    });
    expect(byOutcome(r, 'run')).toEqual(['packet.hiring_manager']);
  });

  it('carries a carried-over approval from the version it was first given on', () => {
    const v2 = terms({ ...v1Patch, startDate: '2027-04-05' });
    const priors = approvedPriors(planApprovals(policy, subject(v2)), 2).map((p) =>
      p.stepKey === 'legal' ? { ...p, status: 'carried_over', approvedOnVersion: 1 } : p,
    );
    const r = reroute(v2, terms({ ...v1Patch, startDate: '2027-04-05', title: 'Staff Site Reliability Engineer' }), priors);
    expect(r['packet.legal']).toEqual(carried);
    expect(r['comp.finance']).toEqual({ outcome: 'carry_over', fromVersion: 2, note: 'carried over from version 2: no covered field changed' });
    expect(r['packet.hiring_manager']).toEqual({ outcome: 'run', note: 'runs again: title changed' });
  });

  it('runs a step whose earlier decision was not an approval, or that is new to the offer', () => {
    const plan = planApprovals(policy, subject(v1));
    const finance = plan.find((s) => s.stepKey === 'finance')!;
    const prior: PriorStep = { stageKey: 'comp', stepKey: 'finance', status: 'changes_requested', conditionHeld: true, approvedOnVersion: null };
    expect(decideReapproval(finance, prior, [])).toEqual({ outcome: 'run', note: "runs again: the earlier version's step was changes requested" });
    expect(decideReapproval(finance, undefined, [])).toEqual({ outcome: 'run', note: 'runs: new step for this offer' });
  });

  it('adding staffing terms as a whole object re-runs the steps covering any part of it', () => {
    const r = reroute(terms({ employmentType: 'contract_w2' }), terms({ employmentType: 'contract_w2', staffing: { clientName: 'Acme Health', payRateCents: 60_00, billRateCents: 80_00 } }));
    expect(r['packet.client']).toEqual({ outcome: 'run', note: 'runs: its condition now holds (it was not needed before)' });
    expect(r['packet.hiring_manager']).toEqual({ outcome: 'carry_over', fromVersion: 1, note: 'carried over from version 1: no covered field changed' });
  });

  it('matches covers and changed fields by prefix both ways', () => {
    expect(coversField('compensation', 'compensation.baseSalaryCents')).toBe(true);
    expect(coversField('compensation.equity.units', 'compensation.equity')).toBe(true);
    expect(coversField('compensation.baseSalaryCents', 'compensation.baseSalaryCents')).toBe(true);
    expect(coversField('compensation.base', 'compensation.baseSalaryCents')).toBe(false);
    expect(coversField('startDate', 'staffing.assignmentEndDate')).toBe(false);
  });
});

// Offers built from a few knobs that move every condition of the sample policy.
const offerArb = fc
  .record({
    base: fc.integer({ min: 40_000_00, max: 400_000_00 }),
    bonus: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    signOn: fc.option(fc.integer({ min: 0, max: 60_000_00 }), { nil: undefined }),
    level: fc.constantFrom('L3', 'L4', 'L7', 'E1'),
    state: fc.constantFrom('TX', 'CA', 'NY', 'MN'),
    nonExempt: fc.boolean(),
    employmentType: fc.constantFrom('full_time', 'contract_1099', 'contract_w2'),
    clauses: fc.subarray([
      { key: 'non_compete', standard: true },
      { key: 'ip_carve_out', standard: false },
    ]),
    staffed: fc.boolean(),
    committed: fc.integer({ min: 0, max: 300_000_00 }),
    hasBand: fc.boolean(),
  })
  .map((k) =>
    subject(
      terms({
        level: k.level,
        flsaStatus: k.nonExempt ? 'non_exempt' : 'exempt',
        employmentType: k.employmentType,
        location: { state: k.state },
        compensation: { baseSalaryCents: k.base, bonusTargetPercent: k.bonus, signOnBonusCents: k.signOn },
        clauses: k.clauses,
        staffing: k.staffed ? { clientName: 'Acme Health', payRateCents: 60_00, billRateCents: 70_00 } : undefined,
      }),
      k.hasBand ? undefined : null,
      { amountCents: 260_000_00, committedCents: k.committed, scope: 'requisition' },
    ),
  );

describe('re-approval properties', () => {
  it('with no changed field and the same facts, every approved required step carries over and the rest are not needed', () => {
    fc.assert(
      fc.property(offerArb, fc.integer({ min: 1, max: 9 }), (s, version) => {
        const plan = planApprovals(policy, s);
        const priors = approvedPriors(plan, version);
        for (const step of planApprovals(policy, s)) {
          const prior = priors.find((p) => p.stageKey === step.stageKey && p.stepKey === step.stepKey);
          const d = decideReapproval(step, prior, []);
          if (step.required) expect(d).toEqual({ outcome: 'carry_over', fromVersion: version, note: `carried over from version ${version}: no covered field changed` });
          else expect(d.outcome).toBe('not_needed');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with the same facts, a step runs again exactly when it covers a changed field', () => {
    const paths = ['title', 'level', 'startDate', 'clauses', 'location.state', 'compensation.baseSalaryCents', 'compensation.signOnBonusCents', 'staffing.clientName', 'flsaStatus'];
    fc.assert(
      fc.property(offerArb, fc.subarray(paths), (s, changed) => {
        const plan = planApprovals(policy, s);
        const priors = approvedPriors(plan, 1);
        for (const step of plan) {
          const d = decideReapproval(step, priors.find((p) => p.stepKey === step.stepKey && p.stageKey === step.stageKey), changed);
          const covered = changed.some((f) => step.covers.some((c) => coversField(c, f)));
          expect(d.outcome).toBe(!step.required ? 'not_needed' : covered ? 'run' : 'carry_over');
        }
      }),
      { numRuns: 300 },
    );
  });
});

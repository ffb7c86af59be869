import { describe, expect, it } from 'vitest';
import { planApprovals } from '../../../src/flow/policy/route-plan';
import { samplePolicySource } from '../../../src/flow/policy/sample-policy';
import { band, budget, sampleYaml, samplePolicy, subject } from './policy-fixtures';
import { routingRows } from './routing-cases';

const policy = samplePolicy();

describe('routing offers through the sample policy', () => {
  it('has at least 30 offers in the table', () => {
    expect(routingRows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(routingRows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const plan = planApprovals(policy, subject(row.terms, row.band === undefined ? band : row.band, row.budget === undefined ? budget : row.budget));
    const required = plan
      .filter((s) => s.required)
      .map((s) => ({ step: `${s.stageKey}.${s.stepKey}`, approvers: s.approvers, explanation: s.explanation }));
    expect(required).toEqual(row.expected);
    for (const [step, explanation] of Object.entries(row.notNeeded ?? {})) {
      const planned = plan.find((s) => `${s.stageKey}.${s.stepKey}` === step);
      expect(planned?.required, step).toBe(false);
      expect(planned?.explanation).toBe(explanation);
    }
  });

  it('plans every step of every stage in policy order, with the step settings', () => {
    const plan = planApprovals(policy, subject(routingRows[0]!.terms));
    expect(plan.map((s) => `${s.phase}/${s.stageIndex}/${s.stageKey}.${s.stepKey}`)).toEqual([
      'compensation/0/comp.finance',
      'compensation/0/comp.hrbp',
      'compensation/0/comp.skip_level',
      'compensation/0/comp.payroll',
      'compensation/0/comp.classification',
      'compensation/1/exec.committee',
      'packet/2/packet.hiring_manager',
      'packet/2/packet.legal',
      'packet/2/packet.client',
    ]);
    expect(plan[0]).toMatchObject({
      stageName: 'Compensation review',
      stepName: 'Finance',
      quorum: 'any',
      slaBusinessHours: 16,
      reminderBusinessHours: [8, 14],
      escalateTo: { user: 'admin@northwind.example' },
      covers: ['compensation', 'staffing.payRateCents', 'staffing.billRateCents'],
    });
    expect(plan[4]).toMatchObject({ quorum: 'all', escalateTo: null, reminderBusinessHours: [] });
    expect(plan[5]).toMatchObject({ quorum: { atLeast: 2 }, slaBusinessHours: 40 });
    expect(plan[6]).toMatchObject({ escalateTo: { relation: 'hiring_manager_manager' }, covers: ['title', 'level', 'startDate', 'compensation'] });
  });

  it('keeps the importable copy of the sample policy identical to the YAML file', () => {
    expect(samplePolicySource).toBe(sampleYaml);
  });
});

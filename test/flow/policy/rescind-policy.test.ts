import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parsePolicy } from '../../../src/flow/policy/policy-parse';
import { hasRescindStages, planApprovals, planRescind } from '../../../src/flow/policy/route-plan';
import { band, budget, catalogue, samplePolicy, subject, terms } from './policy-fixtures';

/** A policy with a rescind stage between the compensation and packet stages. */
const source = `
stages:
  - key: comp
    name: Compensation review
    phase: compensation
    steps:
      - key: finance
        name: Finance
        when: { field: facts.aboveBandMax, op: eq, value: true }
        approvers: [{ role: finance }]
        covers: [compensation]
  - key: rescind_review
    name: Rescind approval
    phase: rescind
    steps:
      - key: hrbp
        name: HR business partner
        approvers: [{ relation: department_hrbp }]
        sla: { businessHours: 8 }
        reminders: { afterBusinessHours: [4] }
      - key: legal
        name: Legal
        when: { field: level, op: in, value: [L7, L8] }
        approvers: [{ role: legal }]
  - key: packet
    name: Offer packet
    phase: packet
    steps:
      - key: hiring_manager
        name: Hiring manager
        approvers: [{ relation: requisition_hiring_manager }]
`;

function parsed() {
  const r = parsePolicy(source, 'yaml', catalogue);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policy;
}

describe('rescind stages in the policy language', () => {
  it('accepts rescind stages anywhere in the list, even before compensation stages', () => {
    expect(parsePolicy(source, 'yaml', catalogue).ok).toBe(true);
    const doc = parse(source);
    doc.stages.unshift(doc.stages.splice(1, 1)[0]);
    expect(parsePolicy(stringify(doc), 'yaml', catalogue).ok).toBe(true);
    doc.stages.push(doc.stages.shift());
    expect(parsePolicy(stringify(doc), 'yaml', catalogue).ok).toBe(true);
  });

  it('accepts a policy made only of a rescind stage', () => {
    const doc = parse(source);
    doc.stages = [doc.stages[1]];
    expect(parsePolicy(stringify(doc), 'yaml', catalogue).ok).toBe(true);
  });

  it('refuses covers on a rescind step, naming the path', () => {
    const doc = parse(source);
    doc.stages[1].steps[1].covers = ['level'];
    const r = parsePolicy(stringify(doc), 'yaml', catalogue);
    expect(r).toEqual({
      ok: false,
      problems: [{ path: 'stages[1].steps[1].covers', message: expect.stringContaining('means nothing on a rescind stage') }],
    });
  });

  it('takes an empty covers list on a rescind step as no covers', () => {
    const doc = parse(source);
    doc.stages[1].steps[0].covers = [];
    expect(parsePolicy(stringify(doc), 'yaml', catalogue).ok).toBe(true);
  });

  it('checks rescind conditions like any other: unknown fields and unreachable steps are refused', () => {
    const doc = parse(source);
    doc.stages[1].steps[1].when = { field: 'candidate.signed', op: 'eq', value: true };
    const unknown = parsePolicy(stringify(doc), 'yaml', catalogue);
    expect(unknown.ok ? [] : unknown.problems.map((p) => p.path)).toEqual(['stages[1].steps[1].when.field']);
    doc.stages[1].steps[1].when = { all: [{ field: 'level', op: 'eq', value: 'L7' }, { field: 'level', op: 'eq', value: 'L8' }] };
    const dead = parsePolicy(stringify(doc), 'yaml', catalogue);
    expect(dead.ok ? '' : dead.problems[0]!.message).toContain('can never hold');
  });

  it('names rescind among the phases when the phase is unknown', () => {
    const doc = parse(source);
    doc.stages[1].phase = 'retract';
    const r = parsePolicy(stringify(doc), 'yaml', catalogue);
    expect(r.ok ? '' : r.problems[0]!.message).toBe('unknown phase "retract": use one of compensation, packet, rescind');
  });
});

describe('route plan for a rescind request', () => {
  const policy = parsed();

  it('a submit plans the compensation and packet stages only, keeping policy stage indexes', () => {
    const plan = planApprovals(policy, subject(terms(), band, budget));
    expect(plan.map((s) => `${s.phase}/${s.stageIndex}/${s.stageKey}.${s.stepKey}`)).toEqual([
      'compensation/0/comp.finance',
      'packet/2/packet.hiring_manager',
    ]);
  });

  it('a rescind request plans the rescind stages, with conditions judged on the current terms', () => {
    const plan = planRescind(policy, subject(terms(), band, budget));
    expect(plan.map((s) => ({ key: `${s.stageIndex}/${s.stageKey}.${s.stepKey}`, phase: s.phase, required: s.required, explanation: s.explanation }))).toEqual([
      { key: '1/rescind_review.hrbp', phase: 'rescind', required: true, explanation: 'HR business partner: always required by the policy' },
      { key: '1/rescind_review.legal', phase: 'rescind', required: false, explanation: 'Legal: not needed: level L4 is not one of L7, L8' },
    ]);
    expect(plan[0]).toMatchObject({ approvers: [{ relation: 'department_hrbp' }], quorum: 'any', slaBusinessHours: 8, reminderBusinessHours: [4], covers: [] });
    const senior = planRescind(policy, subject(terms({ level: 'L7' }), band, budget));
    expect(senior.filter((s) => s.required).map((s) => s.stepKey)).toEqual(['hrbp', 'legal']);
  });

  it('knows whether a policy has rescind stages', () => {
    expect(hasRescindStages(policy)).toBe(true);
    expect(hasRescindStages({ stages: policy.stages.filter((s) => s.phase !== 'rescind') })).toBe(false);
  });

  it('the sample policy asks an HR business partner or legal to approve any rescind, and leaves submit routing as it was', () => {
    const sample = samplePolicy();
    const rescind = planRescind(sample, subject(terms(), band, budget));
    expect(rescind.map((s) => ({ step: `${s.stageKey}.${s.stepKey}`, required: s.required, approvers: s.approvers, quorum: s.quorum }))).toEqual([
      { step: 'rescind.hr_or_legal', required: true, approvers: [{ relation: 'department_hrbp' }, { role: 'legal' }], quorum: 'any' },
    ]);
    expect(planApprovals(sample, subject(terms(), band, budget)).some((s) => s.phase === 'rescind')).toBe(false);
  });
});

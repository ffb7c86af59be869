import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parsePolicy } from '../../../src/flow/policy/policy-parse';
import { catalogue } from './policy-fixtures';

/** A small valid policy; each case breaks one thing in a copy of it. */
function base(): any {
  return {
    stages: [
      {
        key: 'comp',
        name: 'Compensation review',
        phase: 'compensation',
        steps: [
          {
            key: 'finance',
            name: 'Finance',
            when: { any: [{ field: 'facts.aboveBandMax', op: 'eq', value: true }, { field: 'compensation.signOnBonusCents', op: 'gt', value: 2_500_000 }] },
            approvers: [{ role: 'finance' }],
            sla: { businessHours: 16 },
            reminders: { afterBusinessHours: [8, 12] },
            escalateTo: { user: 'admin@northwind.example' },
            covers: ['compensation'],
          },
        ],
      },
      {
        key: 'packet',
        name: 'Offer packet',
        phase: 'packet',
        steps: [{ key: 'hiring_manager', name: 'Hiring manager', approvers: [{ relation: 'requisition_hiring_manager' }], covers: ['title', 'startDate'] }],
      },
    ],
  };
}

const step0 = (p: any) => p.stages[0].steps[0];

type Case = { kind: string; edit?: (p: any) => void; source?: string; format?: 'yaml' | 'json'; path: string; message: string };

const cases: Case[] = [
  { kind: 'YAML syntax error, with line and column', source: 'stages:\n  - key: comp\n   name: x\n', path: '', message: 'is not valid YAML at line 3, column 1' },
  { kind: 'JSON syntax error, with line and column', format: 'json', source: '{\n  "stages": [\n    { "key": "comp", }\n  ]\n}', path: '', message: 'is not valid JSON at line 3, column 22' },
  { kind: 'JSON with a key twice', format: 'json', source: '{\n  "stages": [],\n  "stages": []\n}', path: '', message: 'is not valid JSON at line 3, column 3: a key appears twice in one object' },
  { kind: 'not an object at all', source: '- just\n- a list\n', path: '', message: 'must be an object with a stages list' },
  { kind: 'wrong shape: stages is not a list', edit: (p) => (p.stages = { comp: {} }), path: 'stages', message: 'must be a list' },
  { kind: 'missing required key', edit: (p) => delete p.stages[1].phase, path: 'stages[1].phase', message: 'is required' },
  { kind: 'unknown key', edit: (p) => (step0(p).approver = 'finance'), path: 'stages[0].steps[0].approver', message: 'is not a known key here' },
  { kind: 'unknown field', edit: (p) => (step0(p).when.any[1].field = 'compensation.bonus'), path: 'stages[0].steps[0].when.any[1].field', message: 'unknown field "compensation.bonus"' },
  { kind: 'unknown role', edit: (p) => (step0(p).approvers = [{ role: 'cfo' }]), path: 'stages[0].steps[0].approvers[0].role', message: 'unknown role "cfo"' },
  { kind: 'unknown relation', edit: (p) => (p.stages[1].steps[0].approvers = [{ relation: 'skip_level' }]), path: 'stages[1].steps[0].approvers[0].relation', message: 'unknown relation "skip_level"' },
  { kind: 'unknown user e-mail', edit: (p) => (step0(p).escalateTo = { user: 'nobody@northwind.example' }), path: 'stages[0].steps[0].escalateTo.user', message: 'no active user with the e-mail nobody@northwind.example' },
  { kind: 'approver naming two kinds at once', edit: (p) => (step0(p).approvers = [{ role: 'finance', user: 'admin@northwind.example' }]), path: 'stages[0].steps[0].approvers[0]', message: 'must name exactly one of role, user or relation' },
  { kind: 'unknown operator', edit: (p) => (step0(p).when.any[1].op = 'greater'), path: 'stages[0].steps[0].when.any[1].op', message: 'unknown operator "greater"' },
  { kind: 'operator not valid for the field type (gt on an enum)', edit: (p) => (step0(p).when = { field: 'employmentType', op: 'gt', value: 'full_time' }), path: 'stages[0].steps[0].when.op', message: '"gt" does not apply to employmentType (enum)' },
  { kind: 'value of the wrong type', edit: (p) => (step0(p).when.any[1].value = '$25,000'), path: 'stages[0].steps[0].when.any[1].value', message: 'must be a whole number of cents' },
  { kind: 'enum value that does not exist', edit: (p) => (step0(p).when = { field: 'location.state', op: 'in', value: ['CA', 'ZZ'] }), path: 'stages[0].steps[0].when.value[1]', message: '"ZZ" is not a value of location.state' },
  { kind: 'date value that is not a real date', edit: (p) => (step0(p).when = { field: 'startDate', op: 'lt', value: '2027-02-30' }), path: 'stages[0].steps[0].when.value', message: 'must be a real date' },
  { kind: 'value given to exists', edit: (p) => (step0(p).when = { field: 'staffing.clientName', op: 'exists', value: true }), path: 'stages[0].steps[0].when.value', message: 'must be left out for exists' },
  { kind: 'group mixed with a field test', edit: (p) => (step0(p).when = { all: [{ field: 'level', op: 'eq', value: 'L5' }], field: 'level' }), path: 'stages[0].steps[0].when', message: 'must be one of: all: [...], any: [...]' },
  { kind: 'duplicate stage keys', edit: (p) => (p.stages[1].key = 'comp'), path: 'stages[1].key', message: 'repeats the stage key "comp" of stages[0]' },
  { kind: 'duplicate step keys', edit: (p) => p.stages[1].steps.push({ ...p.stages[1].steps[0] }), path: 'stages[1].steps[1].key', message: 'repeats the step key "hiring_manager" of steps[0]' },
  { kind: 'no stages', edit: (p) => (p.stages = []), path: 'stages', message: 'must hold at least one stage' },
  { kind: 'a stage without steps', edit: (p) => (p.stages[1].steps = []), path: 'stages[1].steps', message: 'must hold at least one step' },
  { kind: 'no approvers', edit: (p) => (step0(p).approvers = []), path: 'stages[0].steps[0].approvers', message: 'must name at least one approver' },
  { kind: 'the same approver twice', edit: (p) => (step0(p).approvers = [{ role: 'finance' }, { role: 'finance' }]), path: 'stages[0].steps[0].approvers[1]', message: 'names the same approver as approvers[0]' },
  {
    kind: 'quorum larger than the named approvers',
    edit: (p) => Object.assign(step0(p), { approvers: [{ user: 'admin@northwind.example' }, { relation: 'department_hrbp' }], quorum: { atLeast: 3 } }),
    path: 'stages[0].steps[0].quorum.atLeast',
    message: 'asks for 3 approvals but the step names only 2 approvers',
  },
  { kind: 'quorum below 1', edit: (p) => (step0(p).quorum = { atLeast: 0 }), path: 'stages[0].steps[0].quorum.atLeast', message: 'must be at least 1' },
  { kind: 'quorum of an unknown kind', edit: (p) => (step0(p).quorum = 'most'), path: 'stages[0].steps[0].quorum', message: 'must be "all", "any" or { atLeast: N }' },
  { kind: 'reminder not before the SLA', edit: (p) => (step0(p).reminders.afterBusinessHours = [8, 16]), path: 'stages[0].steps[0].reminders.afterBusinessHours[1]', message: 'must come before the SLA of 16 business hours' },
  { kind: 'reminders not ascending', edit: (p) => (step0(p).reminders.afterBusinessHours = [12, 8]), path: 'stages[0].steps[0].reminders.afterBusinessHours[1]', message: 'must be later than the reminder before it (12 business hours)' },
  { kind: 'escalation without an SLA', edit: (p) => delete step0(p).sla, path: 'stages[0].steps[0].escalateTo', message: 'needs an sla' },
  { kind: 'covers an unknown field', edit: (p) => p.stages[1].steps[0].covers.push('salary'), path: 'stages[1].steps[0].covers[2]', message: 'unknown offer field "salary"' },
  { kind: 'covers a fact', edit: (p) => (step0(p).covers = ['facts.aboveBandMax']), path: 'stages[0].steps[0].covers[0]', message: 'cover those fields instead' },
  {
    kind: 'compensation stage after a packet stage',
    edit: (p) => p.stages.push({ key: 'late', name: 'Late comp', phase: 'compensation', steps: [{ key: 'vp', name: 'VP', approvers: [{ role: 'admin' }] }] }),
    path: 'stages[2].phase',
    message: 'a compensation stage cannot follow the packet stage stages[1]',
  },
  {
    kind: 'unreachable step: contradictory bounds',
    edit: (p) => (step0(p).when = { all: [{ field: 'facts.compaRatio', op: 'gt', value: 1.1 }, { field: 'facts.compaRatio', op: 'lt', value: 0.9 }] }),
    path: 'stages[0].steps[0].when',
    message: 'can never hold (the tests on facts.compaRatio contradict each other), so the step is unreachable',
  },
  {
    kind: 'unreachable step: eq two different values',
    edit: (p) => (step0(p).when = { all: [{ field: 'level', op: 'eq', value: 'L5' }, { field: 'level', op: 'eq', value: 'L6' }] }),
    path: 'stages[0].steps[0].when',
    message: 'can never hold (the tests on level contradict each other)',
  },
  {
    kind: 'unreachable step: not of an always-true condition',
    edit: (p) => (step0(p).when = { not: { any: [{ field: 'compensation.signOnBonusCents', op: 'exists' }, { field: 'compensation.signOnBonusCents', op: 'not_exists' }] } }),
    path: 'stages[0].steps[0].when',
    message: 'can never hold (the tests on compensation.signOnBonusCents contradict each other)',
  },
  {
    kind: 'unreachable stage',
    edit: (p) => (p.stages[1].when = { all: [{ field: 'facts.overBudget', op: 'eq', value: true }, { field: 'facts.overBudget', op: 'ne', value: true }] }),
    path: 'stages[1].when',
    message: 'so the stage is unreachable',
  },
  {
    kind: 'step unreachable together with its stage condition',
    edit: (p) => {
      p.stages[1].when = { field: 'location.state', op: 'in', value: ['CA', 'NY'] };
      p.stages[1].steps[0].when = { field: 'location.state', op: 'eq', value: 'TX' };
    },
    path: 'stages[1].steps[0].when',
    message: 'can never hold together with the stage condition (the tests on location.state contradict each other)',
  },
];

describe('parsePolicy refuses invalid policies with the path of the problem', () => {
  it('accepts the base policy used by the cases, in YAML and in JSON', () => {
    expect(parsePolicy(stringify(base()), 'yaml', catalogue).ok).toBe(true);
    expect(parsePolicy(JSON.stringify(base()), 'json', catalogue).ok).toBe(true);
  });

  it('covers at least 10 kinds of problem', () => {
    expect(new Set(cases.map((c) => c.kind)).size).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [c.kind, c] as const))('%s', (_kind, c) => {
    let source = c.source;
    if (!source) {
      const p = base();
      c.edit!(p);
      source = stringify(p);
    }
    const result = parsePolicy(source, c.format ?? 'yaml', catalogue);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const hit = result.problems.find((p) => p.path === c.path);
    expect(hit, JSON.stringify(result.problems)).toBeDefined();
    expect(hit!.message).toContain(c.message);
  });

  it('reports the same path for a JSON source', () => {
    const p = base();
    step0(p).approvers = [{ role: 'cfo' }];
    const r = parsePolicy(JSON.stringify(p, null, 2), 'json', catalogue);
    expect(r).toEqual({ ok: false, problems: [{ path: 'stages[0].steps[0].approvers[0].role', message: expect.stringContaining('unknown role "cfo"') }] });
  });

  it('reports every problem at once', () => {
    const p = base();
    p.stages[1].key = 'comp';
    step0(p).when.any[1].field = 'compensation.bonus';
    step0(p).covers = ['salary'];
    const r = parsePolicy(stringify(p), 'yaml', catalogue);
    expect(r.ok ? [] : r.problems.map((x) => x.path)).toEqual([
      'stages[0].steps[0].when.any[1].field',
      'stages[0].steps[0].covers[0]',
      'stages[1].key',
    ]);
  });

  it('refuses duplicate YAML keys and over-long sources', () => {
    const dup = parsePolicy('stages: []\nstages: []\n', 'yaml', catalogue);
    expect(dup.ok ? '' : dup.problems[0]!.message).toContain('is not valid YAML at line');
    const long = parsePolicy(`# ${'x'.repeat(200_001)}\nstages: []`, 'yaml', catalogue);
    expect(long.ok ? '' : long.problems[0]!.message).toContain('is too long');
  });

  it('matches user e-mails without regard to case and stores them in lower case', () => {
    const p = base();
    step0(p).escalateTo = { user: 'Admin@Northwind.Example' };
    const r = parsePolicy(stringify(p), 'yaml', catalogue);
    expect(r.ok && r.policy.stages[0]!.steps[0]!.escalateTo).toEqual({ user: 'admin@northwind.example' });
  });

  it('fills in the defaults: quorum any, no covers', () => {
    const p = base();
    delete p.stages[1].steps[0].covers;
    const r = parsePolicy(stringify(p), 'yaml', catalogue);
    expect(r.ok && r.policy.stages[1]!.steps[0]).toMatchObject({ quorum: 'any', covers: [] });
  });
});

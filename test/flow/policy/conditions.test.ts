import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionHolds, evaluateCondition, testValue } from '../../../src/flow/policy/conditions';
import { explainOutcome } from '../../../src/flow/policy/explain';
import type { Condition, ConditionOp } from '../../../src/flow/policy/policy.schema';
import { canEverHold } from '../../../src/flow/policy/satisfiable';
import { band, budget, subject, terms } from './policy-fixtures';

const s = subject(
  terms({
    level: 'L5',
    location: { city: 'Oakland', state: 'CA', remote: true },
    compensation: { baseSalaryCents: 210_000_00, signOnBonusCents: 30_000_00 },
    clauses: [{ key: 'non_compete', standard: false }],
    contingencies: ['background_check', 'references'],
  }),
);
const holds = (c: Condition) => conditionHolds(c, s);

describe('conditions on each kind of field', () => {
  it.each<[string, Condition, boolean]>([
    ['money gt', { field: 'compensation.baseSalaryCents', op: 'gt', value: 200_000_00 }, true],
    ['money lte', { field: 'compensation.baseSalaryCents', op: 'lte', value: 200_000_00 }, false],
    ['money in', { field: 'compensation.signOnBonusCents', op: 'in', value: [10_000_00, 30_000_00] }, true],
    ['percent fact gte', { field: 'facts.baseToBandMaxPercent', op: 'gte', value: 105 }, true],
    ['number fact lt', { field: 'facts.compaRatio', op: 'lt', value: 1.25 }, true],
    ['text eq', { field: 'level', op: 'eq', value: 'L5' }, true],
    ['text ne', { field: 'level', op: 'ne', value: 'L5' }, false],
    ['enum not_in', { field: 'location.state', op: 'not_in', value: ['TX', 'NY'] }, true],
    ['boolean eq', { field: 'location.remote', op: 'eq', value: true }, true],
    ['boolean fact', { field: 'facts.aboveBandMax', op: 'eq', value: true }, true],
    ['date lt', { field: 'startDate', op: 'lt', value: '2027-04-01' }, true],
    ['date gte', { field: 'startDate', op: 'gte', value: '2027-03-02' }, false],
    ['list contains', { field: 'contingencies', op: 'contains', value: 'references' }, true],
    ['list not_contains', { field: 'clauses', op: 'not_contains', value: 'non_compete' }, false],
    ['list exists (non-empty)', { field: 'facts.nonStandardClauseKeys', op: 'exists' }, true],
    ['business unit', { field: 'businessUnitId', op: 'eq', value: s.businessUnitId }, true],
    ['all', { all: [{ field: 'level', op: 'eq', value: 'L5' }, { field: 'location.state', op: 'eq', value: 'CA' }] }, true],
    ['any', { any: [{ field: 'level', op: 'eq', value: 'L9' }, { field: 'location.state', op: 'eq', value: 'CA' }] }, true],
    ['not', { not: { field: 'level', op: 'eq', value: 'L5' } }, false],
  ])('%s', (_n, c, expected) => {
    expect(holds(c)).toBe(expected);
  });

  it('treats a missing value as failing every test but the negative ones', () => {
    const bare = subject(terms(), null, null);
    const ops: [ConditionOp, unknown, boolean][] = [
      ['eq', 1, false], ['gt', 1, false], ['gte', 1, false], ['lt', 1, false], ['lte', 1, false], ['in', [1], false],
      ['exists', undefined, false], ['ne', 1, true], ['not_in', [1], true], ['not_exists', undefined, true],
    ];
    for (const [op, value, expected] of ops) {
      expect(conditionHolds({ field: 'compensation.signOnBonusCents', op, value }, bare), op).toBe(expected);
      expect(conditionHolds({ field: 'facts.compaRatio', op, value }, bare), `fact ${op}`).toBe(expected);
    }
    expect(conditionHolds({ field: 'staffing.clientName', op: 'exists' }, bare)).toBe(false);
    expect(conditionHolds({ field: 'clauses', op: 'exists' }, subject(terms({ clauses: [] })))).toBe(false);
  });

  it('no condition always holds, with no reasons', () => {
    expect(evaluateCondition(undefined, s)).toEqual({ holds: true, leaves: [] });
  });

  it('every negative operator is exactly the negation of its positive twin', () => {
    const pairs: [ConditionOp, ConditionOp][] = [['eq', 'ne'], ['in', 'not_in'], ['exists', 'not_exists'], ['contains', 'not_contains']];
    fc.assert(
      fc.property(fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer({ min: 0, max: 3 }))), fc.integer({ min: 0, max: 3 }), (actual, v) => {
        for (const [pos, neg] of pairs) {
          const value = pos === 'in' ? [v] : v;
          expect(testValue(neg, actual, value)).toBe(!testValue(pos, actual, value));
        }
      }),
    );
  });
});

describe('reasons for explanations', () => {
  const finance: Condition = {
    any: [
      { field: 'facts.aboveBandMax', op: 'eq', value: true },
      { field: 'facts.overBudget', op: 'eq', value: true },
      { field: 'compensation.signOnBonusCents', op: 'gt', value: 25_000_00 },
    ],
  };

  it('a holding any gives the tests that matched', () => {
    const o = evaluateCondition(finance, s);
    expect(o.holds).toBe(true);
    expect(o.leaves.map((l) => l.leaf.field)).toEqual(['facts.aboveBandMax', 'facts.overBudget', 'compensation.signOnBonusCents']);
    expect(explainOutcome(o, s)).toBe(
      'base $210,000 is 105% of the band max $200,000; first-year cash $261,000 is over the remaining budget $260,000; sign-on bonus $30,000 is over $25,000',
    );
  });

  it('a failing any gives every test, a failing all only the first failing part', () => {
    const plain = subject(terms());
    expect(explainOutcome(evaluateCondition(finance, plain), plain)).toBe(
      'base $170,000 is within the band max $200,000; first-year cash $187,000 is within the remaining budget $260,000; no sign-on bonus',
    );
    const both: Condition = { all: [{ field: 'level', op: 'eq', value: 'L9' }, { field: 'location.state', op: 'eq', value: 'NY' }] };
    expect(explainOutcome(evaluateCondition(both, plain), plain)).toBe('level is L4, not L9');
  });

  it('not keeps the inner reasons, which stay true statements', () => {
    const o = evaluateCondition({ not: { field: 'location.state', op: 'in', value: ['CA', 'NY'] } }, s);
    expect(o.holds).toBe(false);
    expect(explainOutcome(o, s)).toBe('state is CA');
  });

  it('phrases dates, lists, booleans and enums in words', () => {
    const say = (c: Condition) => explainOutcome(evaluateCondition(c, s), s);
    expect(say({ field: 'startDate', op: 'lt', value: '2027-04-01' })).toBe('start date 2027-03-01 is before 2027-04-01');
    expect(say({ field: 'contingencies', op: 'exists' })).toBe('contingencies: background_check, references');
    expect(say({ field: 'location.remote', op: 'eq', value: true })).toBe('the role is remote');
    expect(say({ field: 'employmentType', op: 'eq', value: 'contract_w2' })).toBe('employment type is full-time, not contract (W-2)');
    expect(say({ field: 'facts.hasBand', op: 'eq', value: true })).toBe('a band exists for this level and location');
    expect(say({ field: 'facts.nonStandardClauseCount', op: 'gte', value: 1 })).toBe('1 non-standard clause (non_compete)');
    expect(say({ field: 'facts.compaRatio', op: 'gt', value: 1.1 })).toBe('compa-ratio 1.2 is over 1.1');
  });
});

describe('canEverHold', () => {
  const x = (op: ConditionOp, value?: unknown): Condition => ({ field: 'facts.compaRatio', op, value });
  it.each<[string, Condition, boolean]>([
    ['touching inclusive bounds', { all: [x('gte', 1), x('lte', 1)] }, true],
    ['touching strict bounds', { all: [x('gt', 1), x('lt', 1)] }, false],
    ['point excluded by ne', { all: [x('gte', 1), x('lte', 1), x('ne', 1)] }, false],
    ['eq outside a bound', { all: [x('eq', 2), x('lt', 1)] }, false],
    ['in narrowed to nothing', { all: [{ field: 'level', op: 'in', value: ['L4', 'L5'] }, { field: 'level', op: 'not_in', value: ['L4', 'L5'] }] }, false],
    ['every enum value excluded', { all: [{ field: 'flsaStatus', op: 'ne', value: 'exempt' }, { field: 'flsaStatus', op: 'ne', value: 'non_exempt' }] }, false],
    ['negatives on an optional field', { all: [{ field: 'staffing.clientName', op: 'ne', value: 'A' }, { field: 'staffing.clientName', op: 'ne', value: 'B' }] }, true],
    ['not_exists of an always-set field', { field: 'level', op: 'not_exists' }, false],
    ['contains and not_contains', { all: [{ field: 'clauses', op: 'contains', value: 'non_compete' }, { field: 'clauses', op: 'not_contains', value: 'non_compete' }] }, false],
    ['one live alternative', { any: [{ all: [x('gt', 2), x('lt', 1)] }, x('gt', 0)] }, true],
    ['not of a tautology', { not: { any: [x('exists'), x('not_exists')] } }, false],
    ['not over and over', { all: [{ not: x('gt', 1) }, x('gt', 1)] }, false],
    ['dates', { all: [{ field: 'startDate', op: 'gt', value: '2027-05-01' }, { field: 'startDate', op: 'lt', value: '2027-04-01' }] }, false],
  ])('%s', (_n, c, expected) => {
    expect(canEverHold(c).holds).toBe(expected);
  });

  it('never calls a condition impossible that some offer satisfies', () => {
    const leafArb: fc.Arbitrary<Condition> = fc.oneof(
      fc.record({ field: fc.constant('facts.compaRatio'), op: fc.constantFrom<ConditionOp>('eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'), value: fc.constantFrom(0.9, 1, 1.1) }),
      fc.record({ field: fc.constant('location.state'), op: fc.constantFrom<ConditionOp>('eq', 'ne'), value: fc.constantFrom('CA', 'TX', 'NY') }),
      fc.record({ field: fc.constant('compensation.signOnBonusCents'), op: fc.constantFrom<ConditionOp>('gt', 'lte', 'ne', 'not_exists'), value: fc.constantFrom(0, 10_000_00) }),
      fc.record({ field: fc.constant('clauses'), op: fc.constantFrom<ConditionOp>('contains', 'not_contains'), value: fc.constant('non_compete') }),
    ).map((c) => ((c as { op: string }).op.endsWith('exists') ? { field: (c as { field: string }).field, op: (c as { op: ConditionOp }).op } : c));
    const condArb = fc.letrec<{ c: Condition }>((tie) => ({
      c: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leafArb,
        fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
        fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
        tie('c').map((not) => ({ not })),
      ),
    })).c;
    const subjArb = fc
      .record({
        base: fc.constantFrom(157_500_00, 175_000_00, 192_500_00, 180_000_00),
        hasBand: fc.boolean(),
        state: fc.constantFrom('CA', 'TX', 'NY', 'WA'),
        signOn: fc.option(fc.constantFrom(0, 10_000_00, 20_000_00), { nil: undefined }),
        nc: fc.boolean(),
      })
      .map((k) =>
        subject(
          terms({ location: { state: k.state }, compensation: { baseSalaryCents: k.base, signOnBonusCents: k.signOn }, clauses: k.nc ? [{ key: 'non_compete', standard: true }] : [] }),
          k.hasBand ? band : null,
          budget,
        ),
      );
    fc.assert(
      fc.property(condArb, fc.array(subjArb, { minLength: 8, maxLength: 8 }), (c, subjects) => {
        if (!canEverHold(c).holds) for (const subj of subjects) expect(conditionHolds(c, subj)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

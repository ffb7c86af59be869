import type { Condition, ConditionLeaf, ConditionOp } from './policy.schema';
import { policyFieldsByPath, type PolicyField, type PolicySubject } from './policy-fields';

/**
 * Condition evaluation. A missing value (absent term, null fact) makes every test false except
 * the negative ones (ne, not_in, not_contains, not_exists), which are exactly the negations of
 * their positive twins: `not: {field: x, op: eq, value: 1}` and `{field: x, op: ne, value: 1}`
 * always agree. Conditions are compiled once per policy (cached by object identity) because
 * plans run on every submit and in the simulator.
 */

export interface LeafOutcome { leaf: ConditionLeaf; field: PolicyField; actual: unknown; holds: boolean }
/** `leaves` are the tests that decided the result, phrased later as true statements about the offer. */
export interface ConditionOutcome { holds: boolean; leaves: LeafOutcome[] }

type Compiled = (s: PolicySubject, out: LeafOutcome[] | null) => boolean;

const isMissing = (v: unknown) => v === undefined || v === null;

export function testValue(op: ConditionOp, actual: unknown, value: unknown): boolean {
  switch (op) {
    case 'exists':
      return Array.isArray(actual) ? actual.length > 0 : !isMissing(actual);
    case 'not_exists':
      return !testValue('exists', actual, value);
    case 'eq':
      return !isMissing(actual) && actual === value;
    case 'ne':
      return !testValue('eq', actual, value);
    case 'gt':
      return !isMissing(actual) && (actual as number) > (value as number);
    case 'gte':
      return !isMissing(actual) && (actual as number) >= (value as number);
    case 'lt':
      return !isMissing(actual) && (actual as number) < (value as number);
    case 'lte':
      return !isMissing(actual) && (actual as number) <= (value as number);
    case 'in':
      return !isMissing(actual) && (value as unknown[]).includes(actual);
    case 'not_in':
      return !testValue('in', actual, value);
    case 'contains':
      return Array.isArray(actual) && actual.includes(value);
    case 'not_contains':
      return !testValue('contains', actual, value);
  }
}

function compileLeaf(leaf: ConditionLeaf): Compiled {
  const field = policyFieldsByPath.get(leaf.field);
  if (!field) throw new Error(`unknown policy field ${leaf.field}: parse the policy with parsePolicy first`);
  const read = field.read;
  const { op, value } = leaf;
  let test: (actual: unknown) => boolean;
  if (op === 'in' || op === 'not_in') {
    const set = new Set(value as unknown[]);
    test = op === 'in' ? (a) => !isMissing(a) && set.has(a) : (a) => isMissing(a) || !set.has(a);
  } else {
    test = (a) => testValue(op, a, value);
  }
  return (s, out) => {
    const actual = read(s);
    const holds = test(actual);
    out?.push({ leaf, field, actual, holds });
    return holds;
  };
}

function compileNode(c: Condition): Compiled {
  if ('all' in c) {
    const parts = c.all.map(compileNode);
    return (s, out) => {
      if (!out) return parts.every((p) => p(s, null));
      // Holding: every test is a reason. Failing: the first failing part decides, and is enough.
      const held: LeafOutcome[] = [];
      for (const p of parts) {
        const mine: LeafOutcome[] = [];
        if (!p(s, mine)) {
          out.push(...mine);
          return false;
        }
        held.push(...mine);
      }
      out.push(...held);
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map(compileNode);
    return (s, out) => {
      if (!out) return parts.some((p) => p(s, null));
      const held: LeafOutcome[] = [];
      const failed: LeafOutcome[] = [];
      for (const p of parts) {
        const mine: LeafOutcome[] = [];
        (p(s, mine) ? held : failed).push(...mine);
      }
      out.push(...(held.length ? held : failed));
      return held.length > 0;
    };
  }
  if ('not' in c) {
    // The inner reasons already describe the offer truthfully whichever way they went.
    const inner = compileNode(c.not);
    return (s, out) => !inner(s, out);
  }
  return compileLeaf(c);
}

const cache = new WeakMap<Condition, Compiled>();
function compiled(c: Condition): Compiled {
  let fn = cache.get(c);
  if (!fn) cache.set(c, (fn = compileNode(c)));
  return fn;
}

export function conditionHolds(condition: Condition | undefined, subject: PolicySubject): boolean {
  return condition === undefined || compiled(condition)(subject, null);
}

/** Evaluates and returns the deciding tests, for explanations. No condition holds with no reasons. */
export function evaluateCondition(condition: Condition | undefined, subject: PolicySubject): ConditionOutcome {
  if (condition === undefined) return { holds: true, leaves: [] };
  const leaves: LeafOutcome[] = [];
  const holds = compiled(condition)(subject, leaves);
  return { holds, leaves };
}

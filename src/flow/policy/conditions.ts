import type { Condition, ConditionLeaf, ConditionOp, Policy } from './policy.schema';
import { customKeyOf, customPolicyField } from './custom-fields';
import { policyFieldsByPath, type PolicyField, type PolicySubject } from './policy-fields';

/**
 * Condition evaluation. A missing value (absent term, null fact) makes every test false except
 * the negative ones (ne, not_in, not_contains, not_exists), which are exactly the negations of
 * their positive twins: `not: {field: x, op: eq, value: 1}` and `{field: x, op: ne, value: 1}`
 * always agree. Conditions are compiled once per policy (cached by object identity) because
 * plans run on every submit and in the simulator. Custom fields (`custom.<key>`) are read from
 * the version's `terms.custom`, described by the policy's own `customFields`.
 */

/** The custom fields a policy names, as its document records them. */
export type CustomFields = Policy['customFields'];

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

function compileLeaf(leaf: ConditionLeaf, custom: CustomFields): Compiled {
  const key = customKeyOf(leaf.field);
  const field = key === null ? policyFieldsByPath.get(leaf.field) : customPolicyField(key, custom?.[key]);
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

// Reasons are collected into one shared array and trimmed in place: allocating an array per
// group and node dominated plan time in the benchmark.
function compileNode(c: Condition, custom: CustomFields): Compiled {
  if ('all' in c) {
    const parts = c.all.map((x) => compileNode(x, custom));
    return (s, out) => {
      if (!out) return parts.every((p) => p(s, null));
      // Holding: every test is a reason. Failing: the first failing part decides, and is enough.
      const start = out.length;
      for (const p of parts) {
        const partStart = out.length;
        if (!p(s, out)) {
          if (partStart > start) out.copyWithin(start, partStart);
          out.length -= partStart - start;
          return false;
        }
      }
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map((x) => compileNode(x, custom));
    return (s, out) => {
      if (!out) return parts.some((p) => p(s, null));
      // Holding: the parts that held are the reasons. Failing: every part is.
      const start = out.length;
      const kept: number[] = [];
      let anyHeld = false;
      for (const p of parts) {
        const partStart = out.length;
        const held = p(s, out);
        if (held) anyHeld = true;
        kept.push(partStart, out.length, held ? 1 : 0);
      }
      if (anyHeld) {
        let w = start;
        for (let i = 0; i < kept.length; i += 3) {
          if (!kept[i + 2]) continue;
          for (let r = kept[i]!; r < kept[i + 1]!; r++) out[w++] = out[r]!;
        }
        out.length = w;
      }
      return anyHeld;
    };
  }
  if ('not' in c) {
    // The inner reasons already describe the offer truthfully whichever way they went.
    const inner = compileNode(c.not, custom);
    return (s, out) => !inner(s, out);
  }
  return compileLeaf(c, custom);
}

// Keyed by the condition alone: a condition object belongs to one policy document, whose
// custom fields never change, so the same condition always compiles the same way.
const cache = new WeakMap<Condition, Compiled>();
function compiled(c: Condition, custom: CustomFields): Compiled {
  let fn = cache.get(c);
  if (!fn) cache.set(c, (fn = compileNode(c, custom)));
  return fn;
}

export function conditionHolds(condition: Condition | undefined, subject: PolicySubject, custom?: CustomFields): boolean {
  return condition === undefined || compiled(condition, custom)(subject, null);
}

/** Evaluates and returns the deciding tests, for explanations. No condition holds with no reasons. */
export function evaluateCondition(condition: Condition | undefined, subject: PolicySubject, custom?: CustomFields): ConditionOutcome {
  if (condition === undefined) return { holds: true, leaves: [] };
  const leaves: LeafOutcome[] = [];
  const holds = compiled(condition, custom)(subject, leaves);
  return { holds, leaves };
}

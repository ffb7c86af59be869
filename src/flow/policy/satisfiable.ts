import type { Condition, ConditionLeaf, ConditionOp } from './policy.schema';
import { orderedTypes, policyFieldsByPath, type PolicyField } from './policy-fields';

/**
 * Finds conditions that can never hold, so a policy with an unreachable stage or step is
 * refused at save time. Conservative: it reasons about tests on the same field only (it does
 * not know that aboveBandMax implies hasBand), and answers "may hold" when the expansion into
 * alternatives grows too large. Call it on conditions that already passed value checks.
 */

type Nnf = { and: Nnf[] } | { or: Nnf[] } | ConditionLeaf;
const MAX_ALTERNATIVES = 512;

const flip: Partial<Record<ConditionOp, ConditionOp>> = {
  eq: 'ne', ne: 'eq', in: 'not_in', not_in: 'in', exists: 'not_exists', not_exists: 'exists', contains: 'not_contains', not_contains: 'contains',
};
// A missing value fails gt and friends, so "not over 10" is "at most 10, or not set".
const flipOrdered: Partial<Record<ConditionOp, ConditionOp>> = { gt: 'lte', gte: 'lt', lt: 'gte', lte: 'gt' };

function toNnf(c: Condition, negate: boolean): Nnf {
  if ('all' in c) return negate ? { or: c.all.map((x) => toNnf(x, true)) } : { and: c.all.map((x) => toNnf(x, false)) };
  if ('any' in c) return negate ? { and: c.any.map((x) => toNnf(x, true)) } : { or: c.any.map((x) => toNnf(x, false)) };
  if ('not' in c) return toNnf(c.not, !negate);
  if (!negate) return c;
  const simple = flip[c.op];
  if (simple) return { ...c, op: simple };
  return { or: [{ ...c, op: flipOrdered[c.op]! }, { field: c.field, op: 'not_exists' }] };
}

/** Alternatives (ORed) of conjunctions (ANDed leaves); null when there would be too many. */
function toDnf(n: Nnf): ConditionLeaf[][] | null {
  if ('or' in n) {
    const out: ConditionLeaf[][] = [];
    for (const part of n.or) {
      const d = toDnf(part);
      if (!d) return null;
      out.push(...d);
      if (out.length > MAX_ALTERNATIVES) return null;
    }
    return out;
  }
  if ('and' in n) {
    let acc: ConditionLeaf[][] = [[]];
    for (const part of n.and) {
      const d = toDnf(part);
      if (!d) return null;
      if (acc.length * d.length > MAX_ALTERNATIVES) return null;
      acc = acc.flatMap((a) => d.map((b) => [...a, ...b]));
    }
    return acc;
  }
  return [[n]];
}

function compare(a: unknown, b: unknown): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Can these tests on one field all hold at once? */
function fieldConsistent(field: PolicyField, leaves: ConditionLeaf[]): boolean {
  let mustExist = false;
  let mustNotExist = false;
  let allowed: unknown[] | null = null;
  const excluded: unknown[] = [];
  const contains: unknown[] = [];
  const notContains: unknown[] = [];
  let lo: { v: unknown; strict: boolean } | null = null;
  let hi: { v: unknown; strict: boolean } | null = null;
  const narrow = (vals: unknown[]) => (allowed = allowed === null ? [...vals] : allowed.filter((x) => vals.includes(x)));
  for (const { op, value } of leaves) {
    switch (op) {
      case 'exists': mustExist = true; break;
      case 'not_exists': mustNotExist = true; break;
      case 'eq': mustExist = true; narrow([value]); break;
      case 'in': mustExist = true; narrow(value as unknown[]); break;
      case 'ne': excluded.push(value); break;
      case 'not_in': excluded.push(...(value as unknown[])); break;
      case 'contains': mustExist = true; contains.push(value); break;
      case 'not_contains': notContains.push(value); break;
      case 'gt':
      case 'gte': {
        mustExist = true;
        const strict = op === 'gt';
        const c = lo ? compare(value, lo.v) : 1;
        if (c > 0 || (c === 0 && strict)) lo = { v: value, strict };
        break;
      }
      case 'lt':
      case 'lte': {
        mustExist = true;
        const strict = op === 'lt';
        const c = hi ? compare(value, hi.v) : -1;
        if (c < 0 || (c === 0 && strict)) hi = { v: value, strict };
        break;
      }
    }
  }
  if (field.alwaysSet && field.type !== 'list') mustExist = true;
  if (mustExist && mustNotExist) return false;
  if (!mustExist) return true; // a missing value passes every negative test
  if (field.type === 'list') return !contains.some((v) => notContains.includes(v));
  const inRange = (v: unknown) => {
    if (lo) { const c = compare(v, lo.v); if (c < 0 || (c === 0 && lo.strict)) return false; }
    if (hi) { const c = compare(v, hi.v); if (c > 0 || (c === 0 && hi.strict)) return false; }
    return !excluded.includes(v);
  };
  const universe = allowed ?? (field.type === 'boolean' ? [true, false] : field.type === 'enum' ? [...(field.values ?? [])] : null);
  if (universe) return universe.some(inRange);
  if (lo && hi && orderedTypes.has(field.type)) {
    const c = compare(lo.v, hi.v);
    if (c > 0 || (c === 0 && (lo.strict || hi.strict || excluded.includes(lo.v)))) return false;
  }
  return true;
}

/**
 * `{ holds: false, fields }` when the condition can never hold, naming the fields whose tests
 * contradict each other; `{ holds: true }` when it may hold (or it is too large to tell).
 */
export function canEverHold(
  condition: Condition,
  // The parser passes its own lookup, which knows the custom fields of the organisation too.
  fieldOf: (path: string) => PolicyField | undefined = (p) => policyFieldsByPath.get(p),
): { holds: true } | { holds: false; fields: string[] } {
  const dnf = toDnf(toNnf(condition, false));
  if (!dnf) return { holds: true };
  const culprits = new Set<string>();
  for (const conj of dnf) {
    const byField = new Map<string, ConditionLeaf[]>();
    for (const leaf of conj) byField.set(leaf.field, [...(byField.get(leaf.field) ?? []), leaf]);
    let ok = true;
    for (const [path, leaves] of byField) {
      const field = fieldOf(path);
      if (field && !fieldConsistent(field, leaves)) {
        culprits.add(path);
        ok = false;
        break;
      }
    }
    if (ok) return { holds: true };
  }
  return { holds: false, fields: [...culprits] };
}

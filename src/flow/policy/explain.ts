import type { ConditionOutcome, LeafOutcome } from './conditions';
import { describeClauses } from './facts';
import { formatMoneyShort } from './money-format';
import { isCustomPath } from './custom-fields';
import { type PolicyField, type PolicySubject } from './policy-fields';
import type { ConditionOp } from './policy.schema';

/**
 * Plain-words reasons for a plan: each deciding test becomes a true statement about the offer
 * ("base $185,000 is 112% of the band max $165,000"), whichever way the test went, so the same
 * phrasing serves "why needed" and "why not needed".
 */

const isMissing = (v: unknown) => v === undefined || v === null;

function percent(n: number): string {
  return `${Math.round(n * 10) / 10}%`;
}

export function formatFieldValue(field: PolicyField, v: unknown, subject: PolicySubject): string {
  if (isMissing(v)) return 'not set';
  switch (field.type) {
    case 'money':
      return formatMoneyShort(v as number, subject.terms.compensation.currency);
    case 'percent':
      return percent(v as number);
    case 'boolean':
      return v ? 'yes' : 'no';
    case 'enum':
      return field.valueLabels?.[v as string] ?? String(v);
    case 'list':
      return Array.isArray(v) ? v.map((x) => field.valueLabels?.[x as string] ?? String(x)).join(', ') : String(v);
    default:
      return String(v);
  }
}

/** "base $185,000", or for hourly pay "annual base $65,520 ($31.50 an hour)". */
function baseWords(s: PolicySubject): string {
  const c = s.terms.compensation;
  const annual = formatMoneyShort(s.facts.annualBaseCents, c.currency);
  return c.payBasis === 'hourly' ? `annual base ${annual} (${formatMoneyShort(c.hourlyRateCents ?? 0, c.currency)} an hour)` : `base ${annual}`;
}

// Facts with their own sentences: the numbers behind a yes/no are what an approver needs.
const factPhrases: Record<string, (s: PolicySubject) => string> = {
  'facts.aboveBandMax': (s) => {
    const f = s.facts;
    if (!f.hasBand || f.bandMaxCents === null) return 'no band for this level and location';
    const m = (c: number) => formatMoneyShort(c, s.terms.compensation.currency);
    return f.aboveBandMax
      ? `${baseWords(s)} is ${Math.round(f.baseToBandMaxPercent ?? 0)}% of the band max ${m(f.bandMaxCents)}`
      : `${baseWords(s)} is within the band max ${m(f.bandMaxCents)}`;
  },
  'facts.belowBandMin': (s) => {
    const f = s.facts;
    if (!f.hasBand || f.bandMinCents === null) return 'no band for this level and location';
    const m = (c: number) => formatMoneyShort(c, s.terms.compensation.currency);
    return f.belowBandMin
      ? `${baseWords(s)} is below the band min ${m(f.bandMinCents)}`
      : `${baseWords(s)} is at or above the band min ${m(f.bandMinCents)}`;
  },
  'facts.overBudget': (s) => {
    const f = s.facts;
    if (!f.hasBudget || f.budgetRemainingCents === null) return 'no budget on record';
    const m = (c: number) => formatMoneyShort(c, s.terms.compensation.currency);
    return f.overBudget
      ? `first-year cash ${m(f.firstYearCashCents)} is over the remaining budget ${m(f.budgetRemainingCents)}`
      : `first-year cash ${m(f.firstYearCashCents)} is within the remaining budget ${m(f.budgetRemainingCents)}`;
  },
  'facts.nonStandardClauses': (s) => (s.facts.nonStandardClauses ? describeClauses(s.facts.nonStandardClauseKeys) : 'no non-standard clauses'),
  'facts.nonStandardClauseCount': (s) => (s.facts.nonStandardClauses ? describeClauses(s.facts.nonStandardClauseKeys) : 'no non-standard clauses'),
};

const orderedWords = {
  gt: ['is over', 'is not over'],
  gte: ['is at least', 'is under'],
  lt: ['is under', 'is not under'],
  lte: ['is at most', 'is over'],
} as const;
const dateWords = {
  gt: ['is after', 'is not after'],
  gte: ['is on or after', 'is before'],
  lt: ['is before', 'is not before'],
  lte: ['is on or before', 'is after'],
} as const;

// The test in words, held or not, for fields whose value an explanation must not quote.
const testWords: Record<ConditionOp, readonly [held: string, failed: string]> = {
  eq: ['is', 'is not'],
  ne: ['is not', 'is'],
  gt: ['is over', 'is not over'],
  gte: ['is at least', 'is not at least'],
  lt: ['is under', 'is not under'],
  lte: ['is at most', 'is not at most'],
  in: ['is one of', 'is none of'],
  not_in: ['is none of', 'is one of'],
  exists: ['is filled in', 'is not filled in'],
  not_exists: ['is not filled in', 'is filled in'],
  contains: ['includes', 'does not include'],
  not_contains: ['does not include', 'includes'],
};
const dateTestWords: Partial<Record<ConditionOp, readonly [string, string]>> = {
  gt: ['is after', 'is not after'],
  gte: ['is on or after', 'is not on or after'],
  lt: ['is before', 'is not before'],
  lte: ['is on or before', 'is not on or before'],
};

/** "Visa sponsorship is true": the policy's own values, never the offer's, so it says no more than the routing does. */
function withheldPhrase({ field, leaf, holds }: LeafOutcome, s: PolicySubject): string {
  const words = (field.type === 'date' ? dateTestWords[leaf.op] : undefined) ?? testWords[leaf.op];
  if (leaf.value === undefined) return `${field.label} ${words[holds ? 0 : 1]}`;
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  const item = field.type === 'list' ? { ...field, type: 'enum' as const } : field;
  return `${field.label} ${words[holds ? 0 : 1]} ${values.map((v) => formatFieldValue(item, v, s)).join(', ')}`;
}

export function phraseLeaf(o: LeafOutcome, s: PolicySubject): string {
  const { field, actual, holds, leaf } = o;
  const special = factPhrases[field.path];
  if (special) return special(s);
  if (field.withheld) return withheldPhrase(o, s);
  // Custom labels are the organisation's own words ("Cost center"): "no Cost center" would read oddly.
  if (isCustomPath(field.path) && isMissing(actual) && leaf.op !== 'contains' && leaf.op !== 'not_contains') return `${field.label} is not set`;
  if (field.type === 'boolean') {
    if (isMissing(actual)) return `${field.label} is not known`;
    if (field.says) return field.says[actual ? 0 : 1];
    return actual ? field.label : `not ${field.label}`;
  }
  if (field.type === 'list') {
    const items = Array.isArray(actual) ? actual : [];
    if (leaf.op === 'contains' || leaf.op === 'not_contains') {
      const has = items.includes(leaf.value);
      return `${field.label} ${has ? 'include' : 'do not include'} ${formatFieldValue(field, [leaf.value], s)}`;
    }
    return items.length ? `${field.label}: ${formatFieldValue(field, items, s)}` : `no ${field.label}`;
  }
  if (isMissing(actual)) return `no ${field.label}`;
  const a = formatFieldValue(field, actual, s);
  switch (leaf.op) {
    case 'exists':
    case 'not_exists':
      return `${field.label} is ${a}`;
    case 'eq':
    case 'ne':
      return actual === leaf.value ? `${field.label} is ${a}` : `${field.label} is ${a}, not ${formatFieldValue(field, leaf.value, s)}`;
    case 'in':
    case 'not_in': {
      const list = leaf.value as unknown[];
      if (list.includes(actual)) return `${field.label} is ${a}`;
      return `${field.label} ${a} is not one of ${list.map((v) => formatFieldValue(field, v, s)).join(', ')}`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const words = field.type === 'date' ? dateWords[leaf.op] : orderedWords[leaf.op];
      return `${field.label} ${a} ${words[holds ? 0 : 1]} ${formatFieldValue(field, leaf.value, s)}`;
    }
    default:
      return `${field.label} is ${a}`;
  }
}

/** Phrases already made for one subject, so a test shared by many steps is worded once per plan. */
export type PhraseCache = Map<object | string, string>;

/** The reasons of one evaluated condition, de-duplicated, in policy order. */
export function explainOutcome(outcome: ConditionOutcome, subject: PolicySubject, cache?: PhraseCache): string {
  const phrases: string[] = [];
  for (const o of outcome.leaves) {
    // Fact sentences depend on the field only; others on the test and whether it held.
    const key = factPhrases[o.field.path] ? o.field.path : o.leaf;
    let phrase = cache?.get(key);
    if (phrase === undefined) {
      phrase = phraseLeaf(o, subject);
      cache?.set(key, phrase);
    }
    if (!phrases.includes(phrase)) phrases.push(phrase);
  }
  return phrases.join('; ');
}

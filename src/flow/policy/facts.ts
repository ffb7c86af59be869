import type { OfferTerms } from '../intake/offer-terms.schema';
import { formatMoneyShort } from './money-format';

/**
 * Facts derived from an offer's terms, its comp band and its budget: the numbers approval
 * conditions care about, computed once per offer so every condition reads the same values.
 */

export interface BandInput { minCents: number; midCents: number; maxCents: number; currency: string }
export interface BudgetInput {
  amountCents: number;
  /** First-year cash of other offers approved or sent against it. */
  committedCents: number;
  scope: 'requisition' | 'department';
}
export interface FactInputs { terms: OfferTerms; band: BandInput | null; budget: BudgetInput | null }

export interface Facts {
  hasBand: boolean;
  bandMinCents: number | null;
  bandMidCents: number | null;
  bandMaxCents: number | null;
  /** Salary, or hourly rate x 2080. */
  annualBaseCents: number;
  /** Base / band mid, 2 decimals. */
  compaRatio: number | null;
  /** Where base sits between band min (0) and max (100), 1 decimal; below 0 or above 100 when outside. */
  bandPositionPercent: number | null;
  /** Base as a percentage of the band max, 1 decimal. */
  baseToBandMaxPercent: number | null;
  aboveBandMax: boolean;
  belowBandMin: boolean;
  /** Base + target bonus + sign-on. */
  firstYearCashCents: number;
  hasBudget: boolean;
  budgetScope: 'requisition' | 'department' | null;
  /** Budget amount minus what other offers committed; may be negative. */
  budgetRemainingCents: number | null;
  /** First-year cash > remaining budget. */
  overBudget: boolean;
  nonStandardClauses: boolean;
  nonStandardClauseCount: number;
  nonStandardClauseKeys: string[];
  /** Staffing: (bill - pay) / bill, 1 decimal. */
  marginPercent: number | null;
  /** Staffing: (bill - pay) / pay, 1 decimal. */
  markupPercent: number | null;
}

export const HOURS_PER_YEAR = 2080;

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function annualBaseCents(terms: OfferTerms): number {
  const c = terms.compensation;
  return c.payBasis === 'hourly' ? (c.hourlyRateCents ?? 0) * HOURS_PER_YEAR : (c.baseSalaryCents ?? 0);
}

export function firstYearCashCents(terms: OfferTerms): number {
  const base = annualBaseCents(terms);
  const c = terms.compensation;
  return base + Math.round((base * (c.bonusTargetPercent ?? 0)) / 100) + (c.signOnBonusCents ?? 0);
}

export function deriveFacts({ terms, band, budget }: FactInputs): Facts {
  const base = annualBaseCents(terms);
  const cash = firstYearCashCents(terms);
  // A band in another currency cannot be compared with the offer: treat it as no band rather
  // than produce a meaningless compa-ratio.
  const b = band && band.currency === terms.compensation.currency ? band : null;
  const nonStandard = (terms.clauses ?? []).filter((c) => !c.standard).map((c) => c.key);
  const remaining = budget ? budget.amountCents - budget.committedCents : null;
  const s = terms.staffing;
  return {
    hasBand: b !== null,
    bandMinCents: b?.minCents ?? null,
    bandMidCents: b?.midCents ?? null,
    bandMaxCents: b?.maxCents ?? null,
    annualBaseCents: base,
    compaRatio: b && b.midCents > 0 ? round2(base / b.midCents) : null,
    bandPositionPercent: b && b.maxCents > b.minCents ? round1(((base - b.minCents) / (b.maxCents - b.minCents)) * 100) : null,
    baseToBandMaxPercent: b && b.maxCents > 0 ? round1((base / b.maxCents) * 100) : null,
    aboveBandMax: b !== null && base > b.maxCents,
    belowBandMin: b !== null && base < b.minCents,
    firstYearCashCents: cash,
    hasBudget: budget !== null,
    budgetScope: budget?.scope ?? null,
    budgetRemainingCents: remaining,
    overBudget: remaining !== null && cash > remaining,
    nonStandardClauses: nonStandard.length > 0,
    nonStandardClauseCount: nonStandard.length,
    nonStandardClauseKeys: nonStandard,
    marginPercent: s && s.billRateCents > 0 ? round1(((s.billRateCents - s.payRateCents) / s.billRateCents) * 100) : null,
    markupPercent: s && s.payRateCents > 0 ? round1(((s.billRateCents - s.payRateCents) / s.payRateCents) * 100) : null,
  };
}

export type ExceptionReason = 'out_of_band' | 'over_budget' | 'non_standard_clause';

export function describeClauses(keys: readonly string[]): string {
  return `${keys.length} non-standard clause${keys.length === 1 ? '' : 's'} (${keys.join(', ')})`;
}

/** The offer's exceptions, one per reason, for the exception-rate metric and the offer page. */
export function offerExceptions(facts: Facts, terms: OfferTerms): { reason: ExceptionReason; detail: string }[] {
  const money = (cents: number) => formatMoneyShort(cents, terms.compensation.currency);
  const out: { reason: ExceptionReason; detail: string }[] = [];
  if (facts.aboveBandMax && facts.bandMaxCents !== null)
    out.push({ reason: 'out_of_band', detail: `base ${money(facts.annualBaseCents)} is above the band max ${money(facts.bandMaxCents)} (${Math.round(facts.baseToBandMaxPercent ?? 0)}% of max)` });
  else if (facts.belowBandMin && facts.bandMinCents !== null)
    out.push({ reason: 'out_of_band', detail: `base ${money(facts.annualBaseCents)} is below the band min ${money(facts.bandMinCents)}` });
  if (facts.overBudget && facts.budgetRemainingCents !== null)
    out.push({
      reason: 'over_budget',
      detail: `first-year cash ${money(facts.firstYearCashCents)} is over the remaining ${facts.budgetScope} budget ${money(facts.budgetRemainingCents)}`,
    });
  if (facts.nonStandardClauses) out.push({ reason: 'non_standard_clause', detail: describeClauses(facts.nonStandardClauseKeys) });
  return out;
}

import { describe, expect, it } from 'vitest';
import { deriveFacts, firstYearCashCents, offerExceptions } from '../../../src/flow/policy/facts';
import { formatMoneyShort } from '../../../src/flow/policy/money-format';
import { band, budget, terms } from './policy-fixtures';

describe('deriveFacts', () => {
  it('places a salary in its band and against its budget', () => {
    const t = terms({ compensation: { baseSalaryCents: 185_000_00, bonusTargetPercent: 10, signOnBonusCents: 20_000_00, relocationCents: 15_000_00 } });
    expect(deriveFacts({ terms: t, band, budget: { ...budget, committedCents: 50_000_00 } })).toEqual({
      hasBand: true,
      bandMinCents: 150_000_00,
      bandMidCents: 175_000_00,
      bandMaxCents: 200_000_00,
      annualBaseCents: 185_000_00,
      compaRatio: 1.06,
      bandPositionPercent: 70,
      baseToBandMaxPercent: 92.5,
      aboveBandMax: false,
      belowBandMin: false,
      firstYearCashCents: 223_500_00, // 185k + 18.5k bonus + 20k sign-on; relocation is not cash pay
      hasBudget: true,
      budgetScope: 'requisition',
      budgetRemainingCents: 210_000_00,
      overBudget: true,
      nonStandardClauses: false,
      nonStandardClauseCount: 0,
      nonStandardClauseKeys: [],
      marginPercent: null,
      markupPercent: null,
    });
  });

  it('annualises hourly pay over 2080 hours', () => {
    const t = terms({ flsaStatus: 'non_exempt', compensation: { payBasis: 'hourly', baseSalaryCents: undefined, hourlyRateCents: 30_00, bonusTargetPercent: undefined } });
    const f = deriveFacts({ terms: t, band: { minCents: 45_000_00, midCents: 52_000_00, maxCents: 60_000_00, currency: 'USD' }, budget: null });
    expect(f.annualBaseCents).toBe(62_400_00);
    expect(f.firstYearCashCents).toBe(62_400_00);
    expect(f.aboveBandMax).toBe(true);
    expect(f.baseToBandMaxPercent).toBe(104);
    expect(f.compaRatio).toBe(1.2);
    expect(f).toMatchObject({ hasBudget: false, budgetRemainingCents: null, overBudget: false, budgetScope: null });
  });

  it('has no band facts without a band, or with a band in another currency', () => {
    for (const b of [null, { ...band, currency: 'EUR' }]) {
      expect(deriveFacts({ terms: terms(), band: b, budget })).toMatchObject({
        hasBand: false, bandMaxCents: null, compaRatio: null, bandPositionPercent: null, baseToBandMaxPercent: null, aboveBandMax: false, belowBandMin: false,
      });
    }
  });

  it('flags base outside the band on either side, and can go negative in band position', () => {
    const low = deriveFacts({ terms: terms({ compensation: { baseSalaryCents: 140_000_00 } }), band, budget });
    expect(low).toMatchObject({ belowBandMin: true, aboveBandMax: false, bandPositionPercent: -20, compaRatio: 0.8 });
    const high = deriveFacts({ terms: terms({ compensation: { baseSalaryCents: 200_000_01 } }), band, budget });
    expect(high.aboveBandMax).toBe(true);
    const atMax = deriveFacts({ terms: terms({ compensation: { baseSalaryCents: 200_000_00 } }), band, budget });
    expect(atMax.aboveBandMax).toBe(false);
  });

  it('counts only non-standard clauses', () => {
    const t = terms({ clauses: [{ key: 'at_will', standard: true }, { key: 'non_compete', standard: false }, { key: 'ip_carve_out', standard: false }] });
    expect(deriveFacts({ terms: t, band, budget })).toMatchObject({ nonStandardClauses: true, nonStandardClauseCount: 2, nonStandardClauseKeys: ['non_compete', 'ip_carve_out'] });
  });

  it('computes staffing margin and markup', () => {
    const t = terms({ employmentType: 'contract_w2', staffing: { clientName: 'Acme', payRateCents: 60_00, billRateCents: 80_00 } });
    expect(deriveFacts({ terms: t, band, budget })).toMatchObject({ marginPercent: 25, markupPercent: 33.3 });
  });

  it('first-year cash is base + target bonus + sign-on', () => {
    expect(firstYearCashCents(terms({ compensation: { baseSalaryCents: 100_000_00, bonusTargetPercent: 12.5, signOnBonusCents: 5_000_00 } }))).toBe(117_500_00);
  });
});

describe('offerExceptions', () => {
  it('lists each exception with its reason in plain words', () => {
    const t = terms({ compensation: { baseSalaryCents: 185_000_00 }, clauses: [{ key: 'non_compete', standard: false }] });
    const f = deriveFacts({ terms: t, band: { minCents: 130_000_00, midCents: 150_000_00, maxCents: 165_000_00, currency: 'USD' }, budget: { amountCents: 400_000_00, committedCents: 250_000_00, scope: 'department' } });
    expect(offerExceptions(f, t)).toEqual([
      { reason: 'out_of_band', detail: 'base $185,000 is above the band max $165,000 (112% of max)' },
      { reason: 'over_budget', detail: 'first-year cash $203,500 is over the remaining department budget $150,000' },
      { reason: 'non_standard_clause', detail: '1 non-standard clause (non_compete)' },
    ]);
  });

  it('reports base below the band min and nothing for a clean offer', () => {
    const low = terms({ compensation: { baseSalaryCents: 120_000_00 } });
    expect(offerExceptions(deriveFacts({ terms: low, band, budget }), low)).toEqual([{ reason: 'out_of_band', detail: 'base $120,000 is below the band min $150,000' }]);
    const ok = terms();
    expect(offerExceptions(deriveFacts({ terms: ok, band, budget }), ok)).toEqual([]);
  });
});

describe('formatMoneyShort', () => {
  it('writes dollars without cents when there are none, other currencies by code', () => {
    expect(formatMoneyShort(185_000_00, 'USD')).toBe('$185,000');
    expect(formatMoneyShort(31_50, 'USD')).toBe('$31.50');
    expect(formatMoneyShort(5, 'USD')).toBe('$0.05');
    expect(formatMoneyShort(-5_000_00, 'USD')).toBe('-$5,000');
    expect(formatMoneyShort(120_000_00, 'EUR')).toBe('EUR 120,000');
    expect(formatMoneyShort(18_500_000, 'JPY')).toBe('JPY 18,500,000');
    expect(formatMoneyShort(1_234_567_89, 'GBP')).toBe('GBP 1,234,567.89');
  });
});

/**
 * ISO 4217 codes accepted for pay. The list is the active codes an offer is
 * realistically made in; `minorUnits` drives formatting (cents vs. none).
 */
export const currencies = {
  USD: 2, CAD: 2, MXN: 2, EUR: 2, GBP: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2,
  INR: 2, SGD: 2, HKD: 2, AUD: 2, NZD: 2, BRL: 2, ZAR: 2, ILS: 2, AED: 2, CNY: 2, PHP: 2,
  JPY: 0, KRW: 0,
} as const satisfies Record<string, number>;
export type CurrencyCode = keyof typeof currencies;
export const currencyCodes = Object.keys(currencies) as [CurrencyCode, ...CurrencyCode[]];

/** Formats integer minor units, e.g. 18500000 USD → "$185,000.00". */
export function formatMoney(minor: number, currency: CurrencyCode, locale = 'en-US'): string {
  const digits = currencies[currency];
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

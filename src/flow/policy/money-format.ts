import { currencies, type CurrencyCode } from '../../core/currencies';

/**
 * Money for explanations: "$185,000" (cents only when there are some), other currencies by
 * code ("EUR 185,000"). Hand-rolled rather than Intl because plans format dozens of amounts per
 * offer and Intl formatting dominated the evaluation benchmark.
 */
export function formatMoneyShort(minor: number, currency: string): string {
  const digits = (currencies as Record<string, number>)[currency as CurrencyCode] ?? 2;
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minor));
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale);
  const frac = abs % scale;
  let text = groupThousands(whole);
  if (frac !== 0) text += '.' + String(frac).padStart(digits, '0');
  return currency === 'USD' ? `${sign}$${text}` : `${sign}${currency} ${text}`;
}

export function groupThousands(n: number): string {
  const s = String(n);
  if (s.length <= 3) return s;
  let out = '';
  const head = s.length % 3;
  if (head) out = s.slice(0, head);
  for (let i = head; i < s.length; i += 3) out += (out ? ',' : '') + s.slice(i, i + 3);
  return out;
}

import { currencies, type CurrencyCode } from '../../core/currencies';
import { isoDate } from '../../core/dates';
import { locale } from '../i18n/t';

function minorDigits(currency: string): number {
  return currencies[currency as CurrencyCode] ?? 2;
}

/** Integer minor units to display text; whole amounts drop the cents ("$215,000"). */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const whole = minor % 10 ** digits === 0;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: digits,
    }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

export function toMinorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

export function currencySymbol(currency: string): string {
  try {
    const part = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}

/** An ISO calendar date ("2027-01-04") as "Jan 4, 2027"; read in UTC so it never shifts a day. */
export function formatDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** Server and schema messages quote ISO dates ("before the start date 2027-01-04"); show them as people write them. */
export function readableDates(message: string): string {
  return message.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => formatDate(iso));
}

/** A UTC instant in the reader's own time zone. */
export function formatDateTime(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** The server compares offer dates with today's UTC date, so the form does too. */
export function todayIso(): string {
  return isoDate(new Date());
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

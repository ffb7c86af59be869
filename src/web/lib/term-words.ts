import { fieldOf } from '../../flow/negotiation/deltas';
import { t } from '../i18n/t';
import '../i18n/shared.en';
import { formatDate, formatMoney } from './format';

/** A value of a negotiable field in the candidate's words: "$150,000", "January 18, 2027", "yes". */
export function describeValue(field: string, value: unknown, currency: string): string {
  if (value === null || value === undefined) return t('portal.changes.none');
  switch (fieldOf(field)?.type) {
    case 'money':
      return formatMoney(Number(value), currency);
    case 'percent':
      return `${String(value)}%`;
    case 'date':
      return formatDate(String(value));
    case 'boolean':
      return value ? t('portal.changes.yes') : t('portal.changes.no');
    default:
      return String(value);
  }
}

/** "Base salary: $150,000 → $160,000" */
export function describeAsked(d: { field: string; label?: string; current: unknown; asked: unknown }, currency: string): string {
  const label = d.label ?? fieldOf(d.field)?.label ?? d.field;
  return t('portal.changes.line', { field: label, current: describeValue(d.field, d.current, currency), asked: describeValue(d.field, d.asked, currency) });
}

/** Any term's value in words: negotiable terms as above, money-like paths as money, the rest as text. */
export function describeTermValue(path: string, value: unknown, currency: string): string {
  if (fieldOf(path)) return describeValue(path, value, currency);
  if (value === null || value === undefined) return t('portal.changes.none');
  if (path.endsWith('Cents') && typeof value === 'number') return formatMoney(value, currency);
  if (typeof value === 'boolean') return value ? t('portal.changes.yes') : t('portal.changes.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

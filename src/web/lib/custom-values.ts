import type { FieldDefinition } from '../../flow/fields/field-definition.schema';
import { validateValue } from '../../flow/fields/field-value';
import { t } from '../i18n/t';
import '../i18n/custom-fields.en';
import { formatDate, formatMoney, formatNumber, readableDates, toMajorUnits, toMinorUnits } from './format';

/**
 * Custom values between what people type and what the API stores: money is typed in dollars and
 * stored in cents (like the built-in pay inputs), numbers come from NumberInput as '' when empty,
 * text is trimmed. Also the value in words for reading.
 */

export interface CustomFieldLike {
  key: string;
  label: string;
  type: FieldDefinition['type'];
  options?: { value: string; label: string }[];
}

/** What an input holds: the stored value, except money in major units; undefined when empty. */
export function toInputValue(field: CustomFieldLike, stored: unknown, currency = 'USD'): unknown {
  if (stored === undefined || stored === null) return undefined;
  if (field.type === 'money' && typeof stored === 'number') return toMajorUnits(stored, currency);
  return stored;
}

/** The value the API takes, or undefined for an empty input. */
export function toApiValue(field: CustomFieldLike, input: unknown, currency = 'USD'): unknown {
  if (input === undefined || input === null || input === '') return undefined;
  switch (field.type) {
    case 'money':
    case 'number': {
      const n = typeof input === 'number' ? input : Number(input);
      if (Number.isNaN(n)) return input;
      return field.type === 'money' ? toMinorUnits(n, currency) : n;
    }
    case 'text':
    case 'long_text':
      return typeof input === 'string' ? (input.trim() === '' ? undefined : input.trim()) : input;
    case 'multi_select':
      return Array.isArray(input) && input.length === 0 ? undefined : input;
    default:
      return input;
  }
}

/** Every non-empty value by key, as the API takes them. */
export function toApiValues(fields: readonly CustomFieldLike[], inputs: Readonly<Record<string, unknown>>, currency = 'USD'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = toApiValue(f, inputs[f.key], currency);
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}

/**
 * The first problem of one value, with the same rules the server runs, phrased for the input that
 * already shows the label: "must be at most $500.00 (it is $600.00)".
 */
export function problemOf(field: CustomFieldLike & { validation: object }, value: unknown, others: { terms?: Record<string, unknown>; custom?: Record<string, unknown> }): string | undefined {
  const [p] = validateValue(field as unknown as FieldDefinition, value, others);
  return p ? readableDates(withoutLabel(field.label, p.message)) : undefined;
}

/** Server and shared messages start with the label; next to its input the label is already there. */
export function withoutLabel(label: string, message: string): string {
  return message.startsWith(`${label} `) ? message.slice(label.length + 1) : message;
}

/** A stored value in words: option labels for selects, money in the offer's currency, Yes / No. */
export function formatCustomValue(field: CustomFieldLike, value: unknown, currency = 'USD', userName?: (id: string) => string | undefined): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t('customField.empty');
  const option = (v: unknown) => field.options?.find((o) => o.value === v)?.label ?? String(v);
  switch (field.type) {
    case 'boolean':
      return value ? t('customField.yes') : t('customField.no');
    case 'money':
      return typeof value === 'number' ? formatMoney(value, currency) : String(value);
    case 'number':
      return typeof value === 'number' ? formatNumber(value) : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'single_select':
      return option(value);
    case 'multi_select':
      return Array.isArray(value) ? value.map(option).join(', ') : option(value);
    case 'user_reference':
      return (typeof value === 'string' && userName?.(value)) || String(value);
    default:
      return String(value);
  }
}

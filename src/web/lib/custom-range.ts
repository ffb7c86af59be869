import { parseFilterParam, type RangeBound } from '../../flow/fields/custom-params';
import type { FieldDefinition } from '../../flow/fields/field-definition.schema';
import { locale, t } from '../i18n/t';
import '../i18n/shared.en';
import type { CustomFilters } from './custom-query';
import { formatDate, formatNumber, toMinorUnits } from './format';

/**
 * Range filters on custom fields (`custom.<key>.min` / `custom.<key>.max`, both inclusive) as the
 * filter picker and its chips handle them: which types take one, a typed bound as the API takes
 * it (money typed in dollars, sent in cents), a bound in words, and the active filters grouped
 * into one chip per equality or per range.
 */

/** The API's currency for custom money values: the web app types and shows them in dollars. */
const CURRENCY = 'USD';

/** Types whose values have an order, so the picker offers from / to instead of one value. */
export const isRangeType = (type: FieldDefinition['type'] | undefined): boolean => type === 'number' || type === 'money' || type === 'date';

export const boundParam = (key: string, bound: RangeBound) => `custom.${key}.${bound}`;

/** What a from / to input holds as the query string carries it; undefined when empty. */
export function boundToParam(type: FieldDefinition['type'], input: string | number | undefined): string | undefined {
  if (input === undefined || input === '') return undefined;
  if (type === 'date') return String(input);
  const n = typeof input === 'number' ? input : Number(input);
  if (Number.isNaN(n)) return String(input);
  return String(type === 'money' ? toMinorUnits(n, CURRENCY) : n);
}

/** Two bounds the API would refuse as the wrong way round (same comparison as the server's). */
export function boundsInverted(type: FieldDefinition['type'], min: string | undefined, max: string | undefined): boolean {
  if (min === undefined || max === undefined) return false;
  return type === 'date' ? min > max : Number(min) > Number(max);
}

/** A bound in words: money with its cents ($100.00), numbers grouped, dates as dates elsewhere. */
export function boundText(type: FieldDefinition['type'] | undefined, raw: string): string {
  const n = Number(raw);
  if (type === 'money' && !Number.isNaN(n)) return new Intl.NumberFormat(locale, { style: 'currency', currency: CURRENCY, minimumFractionDigits: 2 }).format(n / 100);
  if (type === 'number' && !Number.isNaN(n)) return formatNumber(n);
  if (type === 'date') return formatDate(raw);
  return raw;
}

/** A range's words: "$100.00 – $300.00", "from $100.00", "up to $300.00". */
export function rangeText(type: FieldDefinition['type'] | undefined, min: string | undefined, max: string | undefined): string {
  if (min !== undefined && max !== undefined) return t('customQuery.between', { from: boundText(type, min), to: boundText(type, max) });
  if (min !== undefined) return t('customQuery.atLeast', { from: boundText(type, min) });
  return t('customQuery.atMost', { to: boundText(type, max ?? '') });
}

/** One chip: an equality (`custom.<key>`) or a key's range, with the parameters removing it takes away. */
export type FilterChip = { key: string; params: string[] } & ({ kind: 'equals'; raw: string } | { kind: 'range'; min?: string; max?: string });

/** The active filters as chips, in the order first named; a key's two bounds make one chip. */
export function filterChips(filters: CustomFilters | undefined): FilterChip[] {
  const chips: FilterChip[] = [];
  const ranges = new Map<string, Extract<FilterChip, { kind: 'range' }>>();
  for (const [name, raw] of Object.entries(filters ?? {})) {
    const parsed = parseFilterParam(name);
    if (!parsed) continue;
    if (parsed.op === 'eq') {
      chips.push({ kind: 'equals', key: parsed.key, params: [name], raw });
      continue;
    }
    let chip = ranges.get(parsed.key);
    if (!chip) {
      chip = { kind: 'range', key: parsed.key, params: [] };
      ranges.set(parsed.key, chip);
      chips.push(chip);
    }
    chip.params.push(name);
    chip[parsed.op] = raw;
  }
  return chips;
}

/** The filters with a key's range set to these bounds (any earlier bounds of the key replaced). */
export function withRange(filters: CustomFilters | undefined, key: string, bounds: Partial<Record<RangeBound, string>>): CustomFilters {
  const { [boundParam(key, 'min')]: _min, [boundParam(key, 'max')]: _max, ...rest } = filters ?? {};
  for (const b of ['min', 'max'] as const) if (bounds[b] !== undefined) rest[boundParam(key, b)] = bounds[b];
  return rest;
}

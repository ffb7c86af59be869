import type { FieldProblem } from '../../core/errors';
import type { Role } from '../../core/roles';
import { canonicalJson } from '../../core/canonical-json';
import type { FieldDefinition } from './field-definition.schema';
import { checkFilledValue, isMissingValue } from './field-value';
import { keyOfPath, parseFilterParam, type RangeBound } from './custom-params';
import { customLeaf, type CustomValues } from './custom-values';

/**
 * Custom fields in list, board and metric queries, judged against the definitions in force.
 * Pure: the service loads the definitions (every scope of the organisation holding the keys
 * asked for) and passes the caller's roles.
 *
 * Filtering by a value shows which offers hold it even where the value itself is masked, so a
 * filter needs every one of the caller's roles to read the field (as sorting by candidate name
 * does). A column only shows values, so it is masked per offer instead, like other fields.
 */

/** A definition in force with the scope it belongs to (null: organisation-wide). */
export interface ScopedDefinition {
  businessUnitId: string | null;
  definition: FieldDefinition;
}

/** An equality filter as SQL applies it: the offer's custom values contain one of these objects. */
export interface CustomEquals {
  kind: 'equals';
  param: string;
  anyOf: CustomValues[];
}

/**
 * How a range compares stored values: `numeric` for number and money (JSON numbers), `date` for
 * 'YYYY-MM-DD' strings, which order as text.
 */
export type RangeKind = 'numeric' | 'date';

/** One way to read a range, per meaning of the key (two units may define it differently); bounds inclusive. */
export interface RangeReading {
  as: RangeKind;
  min?: number | string;
  max?: number | string;
}

/** A range filter (`custom.<key>.min` and / or `.max`): the value lies within one of these readings. */
export interface CustomRange {
  kind: 'range';
  key: string;
  anyOf: RangeReading[];
}

export type CustomFilter = CustomEquals | CustomRange;

const some = (allowed: readonly Role[], roles: readonly Role[]) => allowed.some((r) => roles.includes(r));

/** The JSON value a custom value must contain to match `raw`, or why `raw` cannot be one of this field's values. */
export function filterValueFor(def: FieldDefinition, raw: string): { value: unknown } | { why: string } {
  const text = raw.trim();
  if (!text) return { why: 'must not be empty' };
  let value: unknown = text;
  switch (def.type) {
    case 'number':
      if (!/^-?\d+(\.\d+)?$/.test(text)) return { why: `must be a number like 42 or 2.5, not "${text}"` };
      value = Number(text);
      break;
    case 'money':
      if (!/^\d+$/.test(text)) return { why: `must be a whole number of cents (e.g. 250000 for $2,500.00), not "${text}"` };
      value = Number(text);
      break;
    case 'boolean':
      if (text !== 'true' && text !== 'false') return { why: `must be true or false, not "${text}"` };
      value = text === 'true';
      break;
    case 'multi_select':
      // Matches offers whose list includes the choice.
      value = [text];
      break;
    default:
      break;
  }
  const why = checkFilledValue(def, value);
  return why ? { why } : { value };
}

/** How a range over this type compares, or null when the type has no order to filter by. */
export function rangeKindOf(type: FieldDefinition['type']): RangeKind | null {
  if (type === 'number' || type === 'money') return 'numeric';
  if (type === 'date') return 'date';
  return null;
}

const rangeTypes = 'number, money and date fields';

/**
 * The filters to apply, or the problems of each parameter (`field` is the parameter, after
 * `prefix`, e.g. `filters.` in a saved view): a key no field in force has, a field one of the
 * roles may not read, a value that fits no definition of the key, a range on a type without
 * order, a min above the max.
 */
export function judgeCustomFilters(
  params: Readonly<Record<string, string>>,
  defs: readonly ScopedDefinition[],
  roles: readonly Role[],
  prefix = '',
): { filters: CustomFilter[]; problems: FieldProblem[] } {
  const filters: CustomFilter[] = [];
  const problems: FieldProblem[] = [];
  const ranges = new Map<string, Partial<Record<RangeBound, string>>>();
  for (const [param, raw] of Object.entries(params)) {
    const parsed = parseFilterParam(param);
    if (!parsed) continue; // the query schemas let no other parameter through
    const { key, op } = parsed;
    const field = `${prefix}${param}`;
    const mine = defs.filter((d) => d.definition.key === key);
    const refused = whyNotFilterable(key, mine, roles);
    if (refused) {
      problems.push({ field, message: refused });
      continue;
    }
    if (op !== 'eq') {
      ranges.set(key, { ...ranges.get(key), [op]: raw });
      continue;
    }
    const label = mine[0]!.definition.label;
    const anyOf = new Map<string, CustomValues>();
    let why = '';
    for (const d of mine) {
      const judged = filterValueFor(d.definition, raw);
      if ('why' in judged) why ||= judged.why;
      else anyOf.set(canonicalJson(judged.value), { [key]: judged.value });
    }
    if (anyOf.size === 0) problems.push({ field, message: `${label}: ${why}` });
    else filters.push({ kind: 'equals', param, anyOf: [...anyOf.values()] });
  }
  for (const [key, bounds] of ranges) {
    const judged = judgeRange(key, bounds, defs.filter((d) => d.definition.key === key), prefix);
    if ('problems' in judged) problems.push(...judged.problems);
    else filters.push(judged.filter);
  }
  return { filters, problems };
}

/** Why the caller may not filter by this key at all, or '' when they may. */
function whyNotFilterable(key: string, mine: readonly ScopedDefinition[], roles: readonly Role[]): string {
  if (mine.length === 0) return `is not a custom field of your organisation: no field in force has the key "${key}"`;
  const blind = roles.filter((r) => mine.some((d) => !d.definition.access.read.includes(r)));
  if (blind.length) return `${mine[0]!.definition.label} cannot filter for you: your role ${blind.join(', ')} may not read it, and a filter would show who holds a value`;
  return '';
}

/**
 * The bounds of one key as readings, one per definition whose type orders its values and takes
 * both bounds (as an equality matches either unit's meaning); else the problems, naming
 * `custom.<key>.min` or `.max`.
 */
function judgeRange(
  key: string,
  bounds: Partial<Record<RangeBound, string>>,
  mine: readonly ScopedDefinition[],
  prefix: string,
): { filter: CustomRange } | { problems: FieldProblem[] } {
  const label = mine[0]!.definition.label;
  const fieldOf = (bound: RangeBound) => `${prefix}custom.${key}.${bound}`;
  const given = (Object.keys(bounds) as RangeBound[]).sort();
  const ordered = mine.filter((d) => rangeKindOf(d.definition.type));
  if (ordered.length === 0) return { problems: given.map((b) => ({ field: fieldOf(b), message: `${label} is a ${mine[0]!.definition.type.replace(/_/g, ' ')} field: only ${rangeTypes} take a range` })) };
  const readings = new Map<string, RangeReading>();
  const whys: Partial<Record<RangeBound, string>> = {};
  let inverted = '';
  for (const d of ordered) {
    const reading: RangeReading = { as: rangeKindOf(d.definition.type)! };
    let fits = true;
    for (const b of given) {
      // A bound is one value of the field, so an equality's rules say whether it fits.
      const judged = filterValueFor(d.definition, bounds[b]!);
      if ('why' in judged) {
        whys[b] ||= judged.why;
        fits = false;
      } else reading[b] = judged.value as number | string;
    }
    if (!fits) continue;
    if (reading.min !== undefined && reading.max !== undefined && reading.min > reading.max) {
      inverted ||= `must not be above ${fieldOf('max').slice(prefix.length)} (${bounds.max!.trim()})`;
      continue;
    }
    readings.set(canonicalJson(reading), reading);
  }
  if (readings.size) return { filter: { kind: 'range', key, anyOf: [...readings.values()] } };
  const problems = given.filter((b) => whys[b]).map((b) => ({ field: fieldOf(b), message: `${label}: ${whys[b]}` }));
  if (!problems.length) problems.push({ field: fieldOf('min'), message: `${label}: ${inverted}` });
  return { problems };
}

/** Problems of the columns asked for: a key no field in force has, or a field none of the roles reads. */
export function judgeCustomColumns(paths: readonly string[], defs: readonly ScopedDefinition[], roles: readonly Role[], fieldOf: (i: number) => string): FieldProblem[] {
  return paths.flatMap((path, i) => {
    const key = keyOfPath(path);
    const mine = defs.filter((d) => d.definition.key === key);
    if (mine.length === 0) return [{ field: fieldOf(i), message: `${path} is not a custom field of your organisation: no field in force has the key "${key}"` }];
    if (!mine.some((d) => some(d.definition.access.read, roles))) return [{ field: fieldOf(i), message: `${path} (${mine[0]!.definition.label}) is a field your roles may not read` }];
    return [];
  });
}

/**
 * The values of the chosen columns one offer shows: those its definitions (organisation-wide,
 * or of the offer's unit) let the roles reaching the offer read; empty ones left out. `sensitive`
 * names the shown values treated like pay, for the read audit.
 */
export function columnValues(
  values: CustomValues,
  keys: readonly string[],
  defs: readonly ScopedDefinition[],
  row: { businessUnitId: string; roles: readonly Role[] },
): { custom: CustomValues; sensitive: string[] } {
  const custom: CustomValues = {};
  const sensitive: string[] = [];
  for (const key of keys) {
    const def = defs.find((d) => d.definition.key === key && (d.businessUnitId === null || d.businessUnitId === row.businessUnitId));
    if (!def || !some(def.definition.access.read, row.roles) || isMissingValue(values[key])) continue;
    custom[key] = values[key];
    if (def.definition.sensitive) sensitive.push(customLeaf(key));
  }
  return { custom, sensitive };
}

/** A custom field as the list and board offer it: to show as a column, and to filter by when `filterable`. */
export interface QueryableField {
  key: string;
  label: string;
  type: FieldDefinition['type'];
  options?: { value: string; label: string }[];
  sensitive: boolean;
  filterable: boolean;
}

/**
 * The fields in force some role of the caller reads (in some scope), one per key: the options of
 * every scope's definition together, filterable by the same rule judgeCustomFilters applies.
 */
export function queryableFields(defs: readonly ScopedDefinition[], roles: readonly Role[]): QueryableField[] {
  const byKey = new Map<string, ScopedDefinition[]>();
  for (const d of defs) byKey.set(d.definition.key, [...(byKey.get(d.definition.key) ?? []), d]);
  const out: QueryableField[] = [];
  for (const [key, mine] of byKey) {
    if (!mine.some((d) => some(d.definition.access.read, roles))) continue;
    const first = mine[0]!.definition;
    const options = new Map<string, { value: string; label: string }>();
    for (const d of mine) for (const o of d.definition.options ?? []) if (!options.has(o.value)) options.set(o.value, o);
    out.push({
      key,
      label: first.label,
      type: first.type,
      ...(options.size ? { options: [...options.values()] } : {}),
      sensitive: mine.some((d) => d.definition.sensitive),
      filterable: roles.every((r) => mine.every((d) => d.definition.access.read.includes(r))),
    });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
}

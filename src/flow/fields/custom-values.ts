import type { Role } from '../../core/roles';
import type { FieldProblem } from '../../core/errors';
import { canonicalJson } from '../../core/canonical-json';
import type { FieldDefinition } from './field-definition.schema';
import { isMissingValue, validateCustomValues } from './field-value';

/**
 * Custom values on an offer version (`terms.custom`, by key), judged against the definitions
 * they are captured under. Pure: the service loads the definitions and the caller's roles.
 */

/** One definition as an offer sees it: the version it is (or was) captured under. */
export interface CapturedDefinition {
  definitionId: string;
  version: number;
  definition: FieldDefinition;
}

/** What a frozen offer version records: { key: { definitionId, version } }. */
export type FieldVersions = Record<string, { definitionId: string; version: number }>;

export type CustomValues = Record<string, unknown>;

/** The access-map path of a custom value, beside `terms.compensation.…` and the rest. */
export const customLeaf = (key: string) => `terms.custom.${key}`;

const some = (allowed: readonly Role[], roles: readonly Role[]) => allowed.some((r) => roles.includes(r));

/** Keys of the definitions any of these roles may read. */
export function readableKeys(defs: readonly CapturedDefinition[], roles: readonly Role[]): Set<string> {
  return new Set(defs.filter((d) => some(d.definition.access.read, roles)).map((d) => d.definition.key));
}

/** Keys of the definitions any of these roles may write. */
export function writableKeys(defs: readonly CapturedDefinition[], roles: readonly Role[]): Set<string> {
  return new Set(defs.filter((d) => some(d.definition.access.write, roles)).map((d) => d.definition.key));
}

/** Keys whose values differ between two sets of custom values (a missing value equals an empty one). */
export function changedCustomKeys(before: CustomValues | undefined, after: CustomValues | undefined): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const norm = (v: unknown) => canonicalJson(isMissingValue(v) ? null : v);
  return [...keys].filter((k) => norm(before?.[k]) !== norm(after?.[k])).sort();
}

/**
 * The values a write sets. A value the writer may not read never reached their form, so leaving
 * it out keeps the stored one rather than erasing it; empty values are dropped, so "" and []
 * never count as answers.
 */
export function mergeWrite(stored: CustomValues | undefined, incoming: CustomValues | undefined, defs: readonly CapturedDefinition[], readable: ReadonlySet<string>): CustomValues {
  const out: CustomValues = {};
  for (const d of defs) {
    const key = d.definition.key;
    if (!readable.has(key) && stored && key in stored && !(incoming && key in incoming)) out[key] = stored[key];
  }
  for (const [key, value] of Object.entries(incoming ?? {})) out[key] = typeof value === 'string' ? value.trim() : value;
  for (const key of Object.keys(out)) if (isMissingValue(out[key])) delete out[key];
  return out;
}

/** Problems of a write: keys the roles may not change, then values the definitions refuse; paths as the API names them. */
export function problemsOfWrite(
  defs: readonly CapturedDefinition[],
  roles: readonly Role[],
  stored: CustomValues | undefined,
  custom: CustomValues,
  terms: Readonly<Record<string, unknown>>,
): { forbidden: FieldProblem[]; invalid: FieldProblem[] } {
  const writable = writableKeys(defs, roles);
  const inForce = new Set(defs.map((d) => d.definition.key));
  const forbidden = changedCustomKeys(stored, custom)
    .filter((k) => inForce.has(k) && !writable.has(k))
    .map((k) => ({ field: customLeaf(k), message: `your role may not set ${labelOf(defs, k)}` }));
  return { forbidden, invalid: problemsOfValues(defs, custom, terms) };
}

/** Every value against its definition, required ones and required-when included. */
export function problemsOfValues(defs: readonly CapturedDefinition[], custom: CustomValues, terms: Readonly<Record<string, unknown>>): FieldProblem[] {
  return validateCustomValues(
    defs.map((d) => d.definition),
    custom,
    terms,
  ).map((p) => ({ ...p, field: `terms.${p.field}` }));
}

/** The definition versions a frozen version's values were captured under: only the keys it holds. */
export function capturedUnder(defs: readonly CapturedDefinition[], custom: CustomValues | undefined): FieldVersions {
  const out: FieldVersions = {};
  for (const d of defs) if (custom && d.definition.key in custom) out[d.definition.key] = { definitionId: d.definitionId, version: d.version };
  return out;
}

function labelOf(defs: readonly CapturedDefinition[], key: string): string {
  return defs.find((d) => d.definition.key === key)?.definition.label ?? key;
}

/** What a reader is told about the fields beside the values: the definition each value is shown with. */
export function describeFields(defs: readonly CapturedDefinition[], readable: ReadonlySet<string>) {
  return defs
    .filter((d) => readable.has(d.definition.key))
    .map(({ version, definition: d }) => ({
      key: d.key,
      label: d.label,
      type: d.type,
      version,
      section: d.section,
      order: d.order,
      sensitive: d.sensitive,
      ...(d.helpText ? { helpText: d.helpText } : {}),
      ...(d.options ? { options: d.options } : {}),
    }))
    // Sections come in the order of their first field, so moving fields moves sections too.
    .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
export type DescribedField = ReturnType<typeof describeFields>[number];

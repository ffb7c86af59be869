import type { CsvValue } from '../core/csv';
import type { CapturedDefinition } from '../flow/fields/custom-values';
import type { FieldDefinition } from '../flow/fields/field-definition.schema';

/**
 * The offers export (GET /api/v1/offers/export): the list's summary fields, then one column per
 * custom field the caller's roles may read, named `custom.<key>`. Pure: the service loads the
 * rows, the definitions and the caller's roles.
 */

/** At most this many offers per export; the answer says when more matched (narrow the filters). */
export const EXPORT_ROW_LIMIT = 10_000;

/** Summary columns in order, each with the access-map leaf that decides whether a caller reads it. */
export const summaryColumns = [
  { column: 'id', leaf: 'id' },
  { column: 'status', leaf: 'status' },
  { column: 'title', leaf: 'title' },
  { column: 'candidateId', leaf: 'candidate.id' },
  { column: 'candidateName', leaf: 'candidate.name' },
  { column: 'startDate', leaf: 'startDate' },
  { column: 'businessUnitId', leaf: 'businessUnitId' },
  { column: 'departmentId', leaf: 'departmentId' },
  { column: 'requisitionId', leaf: 'requisitionId' },
  { column: 'recruiterId', leaf: 'recruiterId' },
  { column: 'currentVersion', leaf: 'currentVersion' },
  { column: 'createdAt', leaf: 'createdAt' },
  { column: 'updatedAt', leaf: 'updatedAt' },
] as const;

export type ExportValue = string | number | boolean | null | string[];
export type ExportRow = Record<string, ExportValue>;

/**
 * The custom columns: every field in force in the organisation (one per key, ordered like the
 * intake form) that one of the caller's roles reads somewhere. A row still shows a value only
 * where the roles reaching that offer read it.
 */
export function customColumns(defs: readonly FieldDefinition[], roles: readonly string[]): string[] {
  const seen = new Map<string, FieldDefinition>();
  for (const d of defs) if (!seen.has(d.key) && d.access.read.some((r) => roles.includes(r))) seen.set(d.key, d);
  return [...seen.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key)).map((d) => `custom.${d.key}`);
}

/**
 * One offer's custom cells: the stored value (a select's option value, money in cents, dates as
 * ISO dates, booleans, a multi select's values) where the reaching roles read the field under the
 * definition the value follows; null otherwise.
 */
export function customCells(
  columns: readonly string[],
  custom: Readonly<Record<string, unknown>> | null | undefined,
  defs: readonly CapturedDefinition[],
  roles: readonly string[],
): { cells: Record<string, ExportValue>; sensitiveShown: string[] } {
  const byKey = new Map(defs.map((d) => [d.definition.key, d.definition]));
  const cells: Record<string, ExportValue> = {};
  const sensitiveShown: string[] = [];
  for (const column of columns) {
    const key = column.slice('custom.'.length);
    const def = byKey.get(key);
    const value = custom?.[key];
    const readable = def !== undefined && def.access.read.some((r) => roles.includes(r));
    cells[column] = readable && value !== undefined ? asExportValue(value) : null;
    if (readable && def.sensitive && value !== undefined) sensitiveShown.push(`terms.custom.${key}`);
  }
  return { cells, sensitiveShown };
}

function asExportValue(v: unknown): ExportValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(String);
  return JSON.stringify(v);
}

/** A cell of the CSV: a multi select's values joined by `;` (as the handoff export joins lists). */
export function csvValue(v: ExportValue | undefined): CsvValue {
  return Array.isArray(v) ? v.join(';') : v;
}

import { and, eq, inArray, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { fieldDefinitions, fieldDefinitionVersions } from '../../db/schema';
import type { FieldDefinition } from './field-definition.schema';
import type { CustomFilter, CustomRange, RangeReading, ScopedDefinition } from './custom-query';

/**
 * The definitions in force (not retired, at their current version) holding these keys (or all), in
 * every scope of the organisation: two business units may each have a field of the same key.
 */
export async function definitionsWithKeys(db: Db, orgId: string, keys: readonly string[] | 'all'): Promise<ScopedDefinition[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .select({ businessUnitId: fieldDefinitions.businessUnitId, definition: fieldDefinitionVersions.definition })
    .from(fieldDefinitions)
    .innerJoin(
      fieldDefinitionVersions,
      and(eq(fieldDefinitionVersions.definitionId, fieldDefinitions.id), eq(fieldDefinitionVersions.number, fieldDefinitions.currentVersion)),
    )
    .where(and(eq(fieldDefinitions.orgId, orgId), isNull(fieldDefinitions.retiredAt), keys === 'all' ? undefined : inArray(fieldDefinitions.key, [...keys])))
    .orderBy(fieldDefinitions.key);
  return rows.map((r) => ({ businessUnitId: r.businessUnitId, definition: r.definition as FieldDefinition }));
}

/**
 * One filter on a custom_values column. Equality is containment, which offers_custom_values_idx
 * (GIN, jsonb_path_ops) answers; a range compares the key's value row by row. Keys, objects and
 * bounds are bound parameters, never spliced into the SQL.
 */
export function customValuesMatch(column: SQL | AnyColumn, filter: CustomFilter): SQL {
  if (filter.kind === 'range') return customRangeMatch(column, filter);
  return or(...filter.anyOf.map((v) => sql`${column} @> ${JSON.stringify(v)}::jsonb`))!;
}

function customRangeMatch(column: SQL | AnyColumn, filter: CustomRange): SQL {
  return or(...filter.anyOf.map((r) => readingMatch(column, filter.key, r)))!;
}

/**
 * The value under the key, read as the range compares it, or null when it is not of that shape.
 * Values are checked when written, but the guard (CASE evaluates its branch only when the test
 * holds) keeps a stray stored value from making the query fail: numeric only from a JSON number,
 * a date only from a 'YYYY-MM-DD' string, compared as bytes (COLLATE "C"), which orders such
 * dates, with no cast that could refuse one like 2027-02-30.
 */
function readingMatch(column: SQL | AnyColumn, key: string, r: RangeReading): SQL {
  const field = sql`${column} -> ${key}::text`;
  const value =
    r.as === 'numeric'
      ? sql`(case when jsonb_typeof(${field}) = 'number' then (${field} #>> '{}')::numeric end)`
      : sql`(case when jsonb_typeof(${field}) = 'string' and (${field} #>> '{}') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then (${field} #>> '{}') end) collate "C"`;
  const bound = (b: number | string) => (r.as === 'numeric' ? sql`${String(b)}::numeric` : sql`${b}::text`);
  const parts: SQL[] = [];
  if (r.min !== undefined) parts.push(sql`${value} >= ${bound(r.min)}`);
  if (r.max !== undefined) parts.push(sql`${value} <= ${bound(r.max)}`);
  return and(...parts)!;
}

import { and, eq, inArray, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { fieldDefinitions, fieldDefinitionVersions } from '../../db/schema';
import type { FieldDefinition } from './field-definition.schema';
import type { CustomFilter, ScopedDefinition } from './custom-query';

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
 * One filter on a custom_values column: containment, which offers_custom_values_idx (GIN,
 * jsonb_path_ops) answers. The object is a bound parameter, never spliced into the SQL.
 */
export function customValuesMatch(column: SQL | AnyColumn, filter: CustomFilter): SQL {
  return or(...filter.anyOf.map((v) => sql`${column} @> ${JSON.stringify(v)}::jsonb`))!;
}

import type { FieldProblem } from '../../core/errors';
import type { Role } from '../../core/roles';
import type { Db } from '../../db/client';
import { keyOfPath, parseFilterParam } from './custom-params';
import { judgeCustomColumns, judgeCustomFilters, type CustomFilter, type ScopedDefinition } from './custom-query';
import { definitionsWithKeys } from './custom-query.repo';

/** What a list, board or metric request asks of custom fields, checked against the definitions in force. */
export interface CustomQuery {
  filters: CustomFilter[];
  /** Keys of the columns asked for, in order. */
  columns: string[];
  /** The definitions of those keys, to mask each row's values. */
  defs: ScopedDefinition[];
}

export const noCustomQuery: CustomQuery = { filters: [], columns: [], defs: [] };

export interface CustomQueryInput {
  /** `custom.<key>` (and `custom.<key>.min` / `.max`) parameters by name. */
  params: Readonly<Record<string, string>>;
  /** `custom.<key>` column paths. */
  columns?: readonly string[];
  /** The caller's roles: every one must read a field to filter by it, and one must to ask for its column. */
  roles: readonly Role[];
  /** Before each parameter's name in a problem (`filters.` for a saved view). */
  prefix?: string;
  columnField?: (i: number) => string;
}

/**
 * Loads the definitions of the keys named and judges the request; `refuse` turns the problems
 * into the endpoint's error (400 for the list and the board, 422 for metrics and saved views).
 * Without custom parameters, nothing is read: unfiltered requests cost what they did.
 */
export async function customQuery(db: Db, orgId: string, input: CustomQueryInput, refuse: (problems: FieldProblem[]) => Error): Promise<CustomQuery> {
  const { query, problems } = await checkCustomQuery(db, orgId, input);
  if (problems.length) throw refuse(problems);
  return query;
}

/** The same check, answering the problems instead of refusing (a saved view reports them with its other problems). */
export async function checkCustomQuery(db: Db, orgId: string, input: CustomQueryInput): Promise<{ query: CustomQuery; problems: FieldProblem[] }> {
  const columns = input.columns ?? [];
  const names = Object.keys(input.params);
  if (names.length === 0 && columns.length === 0) return { query: noCustomQuery, problems: [] };
  const keys = [...new Set([...names.flatMap((n) => parseFilterParam(n)?.key ?? []), ...columns.map(keyOfPath)])];
  const defs = await definitionsWithKeys(db, orgId, keys);
  const { filters, problems } = judgeCustomFilters(input.params, defs, input.roles, input.prefix);
  problems.push(...judgeCustomColumns(columns, defs, input.roles, input.columnField ?? (() => 'columns')));
  return { query: { filters, columns: columns.map(keyOfPath), defs }, problems };
}

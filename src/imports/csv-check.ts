import { parse } from 'csv-parse/sync';
import { columnsByKind, type ImportKind } from './csv-columns';

/**
 * Reading and checking an import file, without the database: the CSV itself, the header, each
 * row's cells against csv-columns.ts, keys repeated within the file, and the per-kind row rules
 * (requisitions check their references against lookups loaded by import-writer.ts).
 */

/** Rows per write statement, and how often (rows) checking reports progress. */
export const BATCH_ROWS = 1_000;

export interface ImportProblem {
  /** Line of the file (the header is line 1). */
  line: number;
  /** Column name; null for a problem with the whole row or file. */
  column: string | null;
  message: string;
}

/** A checked row: values by column name (absent cells left out, empty ones null) and its line. */
export type Row = Record<string, unknown> & { line: number };

/** A record of the file: its cells and the line it ends on. */
export interface Rec {
  cells: string[];
  line: number;
}

/** The whole file is refused (not CSV, empty, bad header); nothing is checked further. */
export class FileRefused extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('file refused');
  }
}

export function parseCsv(csv: string): Rec[] {
  try {
    const out = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    if (out.length === 0) throw new FileRefused([{ line: 1, column: null, message: 'The file is empty; it needs a header row naming the columns.' }]);
    return out.map((r) => ({ cells: r.record, line: r.info.lines }));
  } catch (err) {
    if (err instanceof FileRefused) throw err;
    const e = err as { lines?: number; message?: string };
    throw new FileRefused([{ line: e.lines ?? 0, column: null, message: `The file is not valid CSV: ${String(e.message ?? err).slice(0, 300)}` }]);
  }
}

/** The header row names the columns (any order): every required column, no unknown or repeated one. */
export function checkHeader(kind: ImportKind, header: Rec | undefined): string[] {
  const specs = columnsByKind[kind];
  const known = new Set(specs.map((c) => c.name));
  const names = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (!known.has(name)) problems.push({ line: 1, column: name || `(column ${i + 1})`, message: `is not a known column for ${kind}; the columns are ${[...known].join(', ')}` });
    else if (seen.has(name)) problems.push({ line: 1, column: name, message: 'is named twice in the header' });
    seen.add(name);
  });
  for (const spec of specs) if (spec.required && !seen.has(spec.name)) problems.push({ line: 1, column: spec.name, message: 'is a required column and is missing from the header' });
  if (problems.length) throw new FileRefused(problems);
  return names;
}

/** Cell values by column name, checked by the column specs; absent cells and bad ones are left out. */
export function readRow(kind: ImportKind, header: string[], rec: Rec, problems: ImportProblem[]): Row | null {
  const specs = columnsByKind[kind];
  if (rec.cells.length !== header.length) {
    problems.push({ line: rec.line, column: null, message: `has ${rec.cells.length} cells; the header has ${header.length} columns` });
    return null;
  }
  const row: Row = { line: rec.line };
  for (const spec of specs) {
    const i = header.indexOf(spec.name);
    const raw = i < 0 ? '' : rec.cells[i]!;
    if (raw === '') {
      if (spec.required) {
        problems.push({ line: rec.line, column: spec.name, message: 'is required' });
      } else if (i >= 0) row[spec.name] = null; // present and empty: clears the value
      continue;
    }
    const parsed = spec.parse(raw);
    if (parsed.ok) row[spec.name] = parsed.value;
    else {
      problems.push({ line: rec.line, column: spec.name, message: parsed.message });
    }
  }
  return row;
}

/** What the requisition rules look references up in (the organisation's units, departments and users). */
export interface RequisitionLookups {
  unitIdByName: Map<string, string>;
  departments: readonly { id: string; name: string; businessUnitId: string | null }[];
  userIdByEmail: Map<string, string>;
}

/** A requisition row's references, resolved while checking it. */
export interface ResolvedRequisition {
  departmentId: string;
  hiringManagerId: string | null;
}

export interface RowRules {
  /** The row's key; null when a cell of it is bad (already reported). */
  key(row: Row): { value: string; column: string; describe: string } | null;
  check(row: Row, problems: ImportProblem[]): void;
  /** Requisitions: the department and hiring manager of each good row, by line. */
  resolved: Map<number, ResolvedRequisition>;
}

/** The key of a comp band: level, zone and currency. */
export const bandKey = (level: string, zone: string, currency: string) => `${level}\u0000${zone}\u0000${currency}`;

/** The per-kind rules of a row beyond its cells; requisitions need `lookups`. */
export function rowRules(kind: ImportKind, lookups?: RequisitionLookups): RowRules {
  const resolved = new Map<number, ResolvedRequisition>();
  if (kind === 'candidates') {
    return {
      key: (row) => (row.email === undefined ? null : { value: row.email as string, column: 'email', describe: `the e-mail ${row.email as string}` }),
      check: () => {},
      resolved,
    };
  }

  if (kind === 'comp_bands') {
    return {
      key: (row) =>
        row.level === undefined || row.zone === undefined || row.currency === undefined
          ? null
          : { value: bandKey(row.level as string, row.zone as string, row.currency as string), column: 'level', describe: `the band ${row.level as string} / ${row.zone as string} / ${row.currency as string}` },
      check: (row, problems) => {
        const [min, mid, max] = [row.min as number | undefined, row.mid as number | undefined, row.max as number | undefined];
        if (min !== undefined && mid !== undefined && mid < min) problems.push({ line: row.line, column: 'mid', message: 'must not be below min' });
        if (mid !== undefined && max !== undefined && max < mid) problems.push({ line: row.line, column: 'max', message: 'must not be below mid' });
      },
      resolved,
    };
  }

  // requisitions
  const { unitIdByName, departments: depts, userIdByEmail: people } = lookups!;
  return {
    key: (row) => (row.code === undefined ? null : { value: row.code as string, column: 'code', describe: `the requisition code ${row.code as string}` }),
    check: (row, problems) => {
      const unitName = row.business_unit as string | null | undefined;
      const unitId = unitName ? unitIdByName.get(unitName.toLowerCase()) : undefined;
      if (unitName && !unitId) problems.push({ line: row.line, column: 'business_unit', message: `no business unit named "${unitName}"` });
      const email = row.hiring_manager_email as string | null | undefined;
      const managerId = email ? people.get(email) : null;
      if (email && !managerId) problems.push({ line: row.line, column: 'hiring_manager_email', message: `no user with e-mail ${email} in this organisation` });
      if (row.department === undefined) return;
      const name = (row.department as string).toLowerCase();
      const matches = depts.filter((d) => d.name.toLowerCase() === name && (!unitId || d.businessUnitId === unitId));
      let departmentId: string | undefined;
      if (matches.length === 0 && !(unitName && !unitId))
        problems.push({ line: row.line, column: 'department', message: `no department named "${row.department as string}"${unitName ? ` in ${unitName}` : ''}` });
      else if (matches.length > 1) problems.push({ line: row.line, column: 'department', message: `more than one department is named "${row.department as string}"; name the business_unit too` });
      else departmentId = matches[0]?.id;
      if (departmentId) resolved.set(row.line, { departmentId, hiringManagerId: managerId ?? null });
    },
    resolved,
  };
}

export interface CheckedRows {
  problems: ImportProblem[];
  badRows: number;
  good: Row[];
}

/** Checks every record (cells, keys repeated in the file, the kind's rules); onChecked every BATCH_ROWS rows and at the end. */
export async function checkRows(kind: ImportKind, header: string[], recs: Rec[], rules: RowRules, onChecked: (n: number) => Promise<void>): Promise<CheckedRows> {
  const problems: ImportProblem[] = [];
  const good: Row[] = [];
  let badRows = 0;
  const byKey = new Map<string, number>();
  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i]!;
    const before = problems.length;
    const row = readRow(kind, header, rec, problems);
    if (row) {
      const key = rules.key(row);
      if (key) {
        const first = byKey.get(key.value);
        if (first !== undefined) problems.push({ line: rec.line, column: key.column, message: `repeats ${key.describe} of line ${first}` });
        else byKey.set(key.value, rec.line);
      }
      rules.check(row, problems);
    }
    if (problems.length > before || !row) badRows++;
    else good.push(row);
    if ((i + 1) % BATCH_ROWS === 0 || i === recs.length - 1) await onChecked(i + 1);
  }
  return { problems, badRows, good };
}

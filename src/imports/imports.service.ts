import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock';
import { NotFoundError } from '../core/errors';
import type { Db } from '../db/client';
import { businessUnits, candidates, compBands, departments, importRuns, requisitions, users } from '../db/schema';
import { columnsByKind, type ImportKind } from './csv-columns';

/**
 * CSV import of requisitions, candidates and comp bands. All-or-nothing: every row is checked
 * first and the report names each bad cell by line and column; only a file without a bad row
 * is written, in one transaction, in batches of BATCH_ROWS rows per statement. Rows that match
 * existing data by their key (requisition code, candidate e-mail, band level + zone + currency)
 * update it; a key repeated within the file is a bad row.
 */
export const BATCH_ROWS = 1_000;
/** The report keeps this many problems; badRows still counts every bad row. */
export const MAX_PROBLEMS = 10_000;
/** How often (rows) the checked count is saved for readers in other processes. */
const SAVE_PROGRESS_EVERY = 5_000;

export interface ImportProblem {
  /** Line of the file (the header is line 1). */
  line: number;
  /** Column name; null for a problem with the whole row or file. */
  column: string | null;
  message: string;
}

export type ImportPhase = 'checking' | 'writing' | 'finished';

export interface ImportProgress {
  phase: ImportPhase;
  totalRows: number;
  /** Rows checked so far. */
  processedRows: number;
  /** Rows written so far (an import without bad rows, after checking). */
  writtenRows: number;
}

export interface ImportRunView {
  id: string;
  kind: ImportKind;
  filename: string;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  phase: ImportPhase;
  totalRows: number;
  processedRows: number;
  writtenRows: number;
  goodRows: number;
  badRows: number;
  /** True once the rows are in the database (not a dry run, no bad row). */
  imported: boolean;
  problems: ImportProblem[];
  problemsTruncated: boolean;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportInput {
  orgId: string;
  kind: ImportKind;
  filename: string;
  dryRun: boolean;
  csv: string;
  createdBy: string | null;
  onProgress?: (p: ImportProgress) => void;
}

type Row = Record<string, unknown> & { line: number };

interface Prepared {
  problems: ImportProblem[];
  badRows: number;
  goodRows: number;
  /** Writes the good rows; called only when there is no bad row. */
  write: (tx: Db, progress: (written: number) => void) => Promise<void>;
}

class FileRefused extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('file refused');
  }
}

export function createImports({ db, clock }: { db: Db; clock: Clock }) {
  /** Progress of the runs this process is working on; other processes see the saved counts. */
  const live = new Map<string, ImportProgress>();
  const inFlight = new Set<Promise<unknown>>();

  async function start(input: ImportInput): Promise<{ id: string; done: Promise<ImportRunView> }> {
    const id = randomUUID();
    await db.insert(importRuns).values({
      id,
      orgId: input.orgId,
      kind: input.kind,
      filename: input.filename,
      dryRun: input.dryRun,
      status: 'running',
      createdBy: input.createdBy,
      createdAt: clock.now(),
    });
    live.set(id, { phase: 'checking', totalRows: 0, processedRows: 0, writtenRows: 0 });
    const done = execute(id, input).finally(() => {
      live.delete(id);
      inFlight.delete(done);
    });
    inFlight.add(done);
    return { id, done };
  }

  /** Runs an import to the end and returns its report. */
  async function run(input: ImportInput): Promise<ImportRunView> {
    return (await start(input)).done;
  }

  async function execute(id: string, input: ImportInput): Promise<ImportRunView> {
    const progress = live.get(id)!;
    const report = (p: Partial<ImportProgress>) => {
      Object.assign(progress, p);
      input.onProgress?.({ ...progress });
    };
    let written = false;
    let counts = { goodRows: 0, badRows: 0 };
    let problems: ImportProblem[] = [];
    let status: 'done' | 'failed' = 'done';
    try {
      const records = parseCsv(input.csv);
      const header = checkHeader(input.kind, records[0]);
      const rows = records.slice(1);
      report({ totalRows: rows.length });
      await db.update(importRuns).set({ totalRows: rows.length }).where(eq(importRuns.id, id));
      const prepared = await prepare(db, input.orgId, input.kind, header, rows, async (n) => {
        report({ processedRows: n });
        if (n % SAVE_PROGRESS_EVERY === 0) await db.update(importRuns).set({ processedRows: n }).where(eq(importRuns.id, id));
      });
      problems = prepared.problems;
      counts = { goodRows: prepared.goodRows, badRows: prepared.badRows };
      if (!input.dryRun && prepared.badRows === 0 && prepared.goodRows > 0) {
        report({ phase: 'writing' });
        await db.transaction((tx) => prepared.write(tx as unknown as Db, (n) => report({ writtenRows: n })));
        written = true;
      }
    } catch (err) {
      if (!(err instanceof FileRefused)) {
        problems = [{ line: 0, column: null, message: 'The import failed on our side; nothing was imported. It has been logged.' }];
        await finish('failed');
        throw err;
      }
      problems = err.problems;
      status = 'failed';
    }
    return finish(status);

    async function finish(final: 'done' | 'failed') {
      report({ phase: 'finished' });
      const [row] = await db
        .update(importRuns)
        .set({
          status: final,
          processedRows: progress.processedRows,
          goodRows: counts.goodRows,
          badRows: counts.badRows,
          problems: problems.slice(0, MAX_PROBLEMS),
          finishedAt: clock.now(),
        })
        .where(eq(importRuns.id, id))
        .returning();
      return present(row!, { ...progress, writtenRows: written ? progress.writtenRows : 0 }, written, problems.length > MAX_PROBLEMS);
    }
  }

  async function get(orgId: string, id: string): Promise<ImportRunView> {
    const [row] = await db.select().from(importRuns).where(and(eq(importRuns.orgId, orgId), eq(importRuns.id, id)));
    if (!row) throw new NotFoundError('import', id);
    const p = live.get(id);
    const imported = !row.dryRun && row.status === 'done' && row.badRows === 0 && row.goodRows > 0;
    return present(row, p ?? { phase: 'finished', totalRows: row.totalRows, processedRows: row.processedRows, writtenRows: imported ? row.goodRows : 0 }, imported, row.badRows > MAX_PROBLEMS);
  }

  async function list(orgId: string, limit = 50): Promise<ImportRunView[]> {
    const rows = await db.select().from(importRuns).where(eq(importRuns.orgId, orgId)).orderBy(desc(importRuns.createdAt)).limit(limit);
    return Promise.all(rows.map((r) => get(orgId, r.id)));
  }

  /** Waits for imports still running (the server closing). */
  async function drain() {
    await Promise.allSettled([...inFlight]);
  }

  return { start, run, get, list, drain };
}

export type Imports = ReturnType<typeof createImports>;

function present(row: typeof importRuns.$inferSelect, p: ImportProgress, imported: boolean, truncated: boolean): ImportRunView {
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    filename: row.filename,
    dryRun: row.dryRun,
    status: row.status as ImportRunView['status'],
    phase: row.status === 'running' ? p.phase : 'finished',
    totalRows: Math.max(row.totalRows, p.totalRows),
    processedRows: row.status === 'running' ? Math.max(p.processedRows, row.processedRows) : row.processedRows,
    writtenRows: p.writtenRows,
    goodRows: row.goodRows,
    badRows: row.badRows,
    imported,
    problems: row.problems as ImportProblem[],
    problemsTruncated: truncated,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

interface Rec {
  cells: string[];
  line: number;
}

function parseCsv(csv: string): Rec[] {
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
function checkHeader(kind: ImportKind, header: Rec | undefined): string[] {
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
function readRow(kind: ImportKind, header: string[], rec: Rec, problems: ImportProblem[]): Row | null {
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

async function prepare(db: Db, orgId: string, kind: ImportKind, header: string[], recs: Rec[], onChecked: (n: number) => Promise<void>): Promise<Prepared> {
  const problems: ImportProblem[] = [];
  const good: Row[] = [];
  let badRows = 0;
  const byKey = new Map<string, number>();
  const rowCheck = await rowChecker(db, orgId, kind);
  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i]!;
    const before = problems.length;
    const row = readRow(kind, header, rec, problems);
    if (row) {
      const key = rowCheck.key(row);
      if (key) {
        const first = byKey.get(key.value);
        if (first !== undefined) problems.push({ line: rec.line, column: key.column, message: `repeats ${key.describe} of line ${first}` });
        else byKey.set(key.value, rec.line);
      }
      rowCheck.check(row, problems);
    }
    if (problems.length > before || !row) badRows++;
    else good.push(row);
    if ((i + 1) % BATCH_ROWS === 0 || i === recs.length - 1) await onChecked(i + 1);
  }
  return {
    problems,
    badRows,
    goodRows: good.length,
    write: async (tx, progress) => {
      for (let i = 0; i < good.length; i += BATCH_ROWS) {
        await rowCheck.write(tx, good.slice(i, i + BATCH_ROWS), header);
        progress(Math.min(i + BATCH_ROWS, good.length));
      }
    },
  };
}

interface RowChecker {
  /** The row's key; null when a cell of it is bad (already reported). */
  key(row: Row): { value: string; column: string; describe: string } | null;
  check(row: Row, problems: ImportProblem[]): void;
  write(tx: Db, rows: Row[], header: string[]): Promise<void>;
}

const has = (header: string[], col: string) => header.includes(col);
const excluded = (column: string) => sql.raw(`excluded.${column}`);

async function rowChecker(db: Db, orgId: string, kind: ImportKind): Promise<RowChecker> {
  if (kind === 'candidates') {
    const existing = new Map(
      (await db.select({ id: candidates.id, email: sql<string>`lower(${candidates.email})` }).from(candidates).where(eq(candidates.orgId, orgId))).map((r) => [r.email, r.id]),
    );
    return {
      key: (row) => (row.email === undefined ? null : { value: row.email as string, column: 'email', describe: `the e-mail ${row.email as string}` }),
      check: () => {},
      write: async (tx, rows, header) => {
        const set: Record<string, unknown> = { firstName: excluded('first_name'), lastName: excluded('last_name') };
        if (has(header, 'phone')) set.phone = excluded('phone');
        if (has(header, 'city')) set.city = excluded('city');
        if (has(header, 'state')) set.state = excluded('state');
        await tx
          .insert(candidates)
          .values(
            rows.map((r) => ({
              id: existing.get(r.email as string) ?? randomUUID(),
              orgId,
              email: r.email as string,
              firstName: r.first_name as string,
              lastName: r.last_name as string,
              phone: (r.phone as string | undefined) ?? null,
              city: (r.city as string | undefined) ?? null,
              state: (r.state as string | undefined) ?? null,
            })),
          )
          .onConflictDoUpdate({ target: candidates.id, set });
      },
    };
  }

  if (kind === 'comp_bands') {
    const keyOf = (level: string, zone: string, currency: string) => `${level}\u0000${zone}\u0000${currency}`;
    const existing = new Map(
      (await db.select().from(compBands).where(eq(compBands.orgId, orgId))).map((b) => [keyOf(b.level, b.zone, b.currency), b.id]),
    );
    const k = (r: Row) => keyOf(r.level as string, r.zone as string, r.currency as string);
    return {
      key: (row) =>
        row.level === undefined || row.zone === undefined || row.currency === undefined
          ? null
          : { value: k(row), column: 'level', describe: `the band ${row.level as string} / ${row.zone as string} / ${row.currency as string}` },
      check: (row, problems) => {
        const [min, mid, max] = [row.min as number | undefined, row.mid as number | undefined, row.max as number | undefined];
        if (min !== undefined && mid !== undefined && mid < min) problems.push({ line: row.line, column: 'mid', message: 'must not be below min' });
        if (mid !== undefined && max !== undefined && max < mid) problems.push({ line: row.line, column: 'max', message: 'must not be below mid' });
      },
      write: async (tx, rows) => {
        await tx
          .insert(compBands)
          .values(
            rows.map((r) => ({
              id: existing.get(k(r)) ?? randomUUID(),
              orgId,
              level: r.level as string,
              zone: r.zone as string,
              currency: r.currency as string,
              minCents: r.min as number,
              midCents: r.mid as number,
              maxCents: r.max as number,
            })),
          )
          .onConflictDoUpdate({ target: compBands.id, set: { minCents: excluded('min_cents'), midCents: excluded('mid_cents'), maxCents: excluded('max_cents') } });
      },
    };
  }

  // requisitions
  const units = await db.select().from(businessUnits).where(eq(businessUnits.orgId, orgId));
  const unitByName = new Map(units.map((u) => [u.name.toLowerCase(), u.id]));
  const depts = await db.select().from(departments).where(eq(departments.orgId, orgId));
  const people = new Map(
    (await db.select({ id: users.id, email: sql<string>`lower(${users.email})` }).from(users).where(eq(users.orgId, orgId))).map((u) => [u.email, u.id]),
  );
  const existing = new Map((await db.select({ id: requisitions.id, code: requisitions.code }).from(requisitions).where(eq(requisitions.orgId, orgId))).map((r) => [r.code, r.id]));
  const resolved = new Map<number, { departmentId: string; hiringManagerId: string | null }>();
  return {
    key: (row) => (row.code === undefined ? null : { value: row.code as string, column: 'code', describe: `the requisition code ${row.code as string}` }),
    check: (row, problems) => {
      const unitName = row.business_unit as string | null | undefined;
      const unitId = unitName ? unitByName.get(unitName.toLowerCase()) : undefined;
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
    write: async (tx, rows, header) => {
      const set: Record<string, unknown> = {
        departmentId: excluded('department_id'),
        title: excluded('title'),
        level: excluded('level'),
        locationCity: excluded('location_city'),
        locationState: excluded('location_state'),
        locationZone: excluded('location_zone'),
        employmentType: excluded('employment_type'),
        flsaStatus: excluded('flsa_status'),
        currency: excluded('currency'),
      };
      if (has(header, 'remote')) set.remote = excluded('remote');
      if (has(header, 'hiring_manager_email')) set.hiringManagerId = excluded('hiring_manager_id');
      if (has(header, 'role_family')) set.roleFamily = excluded('role_family');
      if (has(header, 'status')) set.status = excluded('status');
      await tx
        .insert(requisitions)
        .values(
          rows.map((r) => {
            const ref = resolved.get(r.line)!;
            return {
              id: existing.get(r.code as string) ?? randomUUID(),
              orgId,
              departmentId: ref.departmentId,
              code: r.code as string,
              title: r.title as string,
              level: r.level as string,
              locationCity: r.location_city as string,
              locationState: r.location_state as string,
              locationZone: r.location_zone as string,
              remote: (r.remote as boolean | null | undefined) ?? false,
              employmentType: r.employment_type as string,
              flsaStatus: r.flsa_status as string,
              hiringManagerId: ref.hiringManagerId,
              roleFamily: (r.role_family as string | null | undefined) ?? null,
              currency: r.currency as string,
              status: (r.status as string | null | undefined) ?? 'open',
            };
          }),
        )
        .onConflictDoUpdate({ target: requisitions.id, set });
    },
  };
}

import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Clock } from '../core/clock';
import { NotFoundError } from '../core/errors';
import type { Db } from '../db/client';
import { importRuns } from '../db/schema';
import { checkHeader, checkRows, FileRefused, parseCsv, rowRules, type ImportProblem } from './csv-check';
import type { ImportKind } from './csv-columns';
import { importWriter, writeRows } from './import-writer';

export { BATCH_ROWS, type ImportProblem } from './csv-check';

/**
 * CSV import of requisitions, candidates and comp bands. All-or-nothing: every row is checked
 * first and the report names each bad cell by line and column; only a file without a bad row
 * is written, in one transaction, in batches of BATCH_ROWS rows per statement. Rows that match
 * existing data by their key (requisition code, candidate e-mail, band level + zone + currency)
 * update it; a key repeated within the file is a bad row.
 *
 * This file keeps the runs (their rows in import_runs, live progress, the report); reading and
 * checking the file is csv-check.ts (no database), writing the rows is import-writer.ts.
 */

/** The report keeps this many problems; badRows still counts every bad row. */
export const MAX_PROBLEMS = 10_000;
/** How often (rows) the checked count is saved for readers in other processes. */
const SAVE_PROGRESS_EVERY = 5_000;

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
      const writer = await importWriter(db, input.orgId, input.kind);
      const rules = rowRules(input.kind, writer.lookups);
      const checked = await checkRows(input.kind, header, rows, rules, async (n) => {
        report({ processedRows: n });
        if (n % SAVE_PROGRESS_EVERY === 0) await db.update(importRuns).set({ processedRows: n }).where(eq(importRuns.id, id));
      });
      problems = checked.problems;
      counts = { goodRows: checked.good.length, badRows: checked.badRows };
      if (!input.dryRun && checked.badRows === 0 && checked.good.length > 0) {
        report({ phase: 'writing' });
        await db.transaction((tx) => writeRows(tx as unknown as Db, writer, checked.good, header, rules.resolved, (n) => report({ writtenRows: n })));
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

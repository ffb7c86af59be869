import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { systemClock } from '../core/clock';
import type { Db } from '../db/client';
import { organizations } from '../db/schema';
import { findOrganizationBySlug } from '../directory/org-setup.repo';
import { importKinds, type ImportKind } from '../imports/csv-columns';
import { createImports, type ImportRunView } from '../imports/imports.service';

/** The organisation named by slug, or the only one there is. */
async function chooseOrganization(db: Db, slug: string | undefined) {
  if (slug) {
    const org = await findOrganizationBySlug(db, slug);
    if (!org) throw new Error(`No organisation with slug "${slug}".`);
    return org;
  }
  const orgs = await db.select().from(organizations).limit(2);
  if (orgs.length === 1) return orgs[0]!;
  throw new Error(orgs.length === 0 ? 'There is no organisation yet.' : 'There is more than one organisation; name one with --org <slug>.');
}

export function parseImportKind(value: string): ImportKind {
  if (!(importKinds as readonly string[]).includes(value)) throw new InvalidArgumentError(`"${value}" is not something to import; use one of ${importKinds.join(', ')}`);
  return value as ImportKind;
}

/**
 * Imports a CSV file with a progress bar on stderr and the report on stdout. Returns the exit
 * code: 0 when every row is good (and, without --dry-run, imported), 1 otherwise.
 */
export async function importCsv(db: Db, opts: { kind: ImportKind; file: string; dryRun?: boolean; org?: string }): Promise<number> {
  const org = await chooseOrganization(db, opts.org);
  const csv = await readFile(opts.file, 'utf8');
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} [{bar}] {percentage}% | {value}/{total} rows', hideCursor: false, noTTYOutput: true, notTTYSchedule: 1000 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let phase = '';
  const imports = createImports({ db, clock: systemClock });
  const run = await imports.run({
    orgId: org.id,
    kind: opts.kind,
    filename: basename(opts.file),
    dryRun: Boolean(opts.dryRun),
    csv,
    createdBy: null,
    onProgress: (p) => {
      if (p.phase === 'finished') return;
      const label = p.phase === 'checking' ? 'Checking' : 'Writing ';
      if (!started) {
        bar.start(p.totalRows, 0, { phase: label });
        started = true;
      }
      if (p.phase !== phase) {
        phase = p.phase;
        bar.setTotal(p.totalRows);
      }
      bar.update(p.phase === 'checking' ? p.processedRows : p.writtenRows, { phase: label });
    },
  });
  if (started) bar.stop();
  process.stdout.write(formatReport(run));
  return run.status === 'done' && run.badRows === 0 ? 0 : 1;
}

export function formatReport(run: ImportRunView): string {
  const lines = [`Import ${run.id} of ${run.kind} from ${run.filename}${run.dryRun ? ' (dry run)' : ''}`];
  if (run.status === 'failed') lines.push('The file was refused; nothing was imported.');
  else lines.push(`${run.totalRows} rows: ${run.goodRows} good, ${run.badRows} bad.`);
  for (const p of run.problems) lines.push(`  line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`);
  if (run.problemsTruncated) lines.push(`  … and more; the report keeps the first ${run.problems.length} problems.`);
  if (run.status === 'done') {
    if (run.imported) lines.push(`Imported ${run.goodRows} rows.`);
    else if (run.dryRun) lines.push(run.badRows ? 'Dry run: fix the bad rows; an import with any bad row imports nothing.' : 'Dry run: every row is good; run again without --dry-run to import.');
    else if (run.badRows) lines.push('Nothing was imported: the file has bad rows (all-or-nothing).');
    else lines.push('Nothing to import.');
  }
  return lines.join('\n') + '\n';
}

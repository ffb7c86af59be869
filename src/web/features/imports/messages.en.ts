import { registerMessages } from '../../i18n/t';

/**
 * The words of the imports screens, loaded with the route chunks that show them
 * (every file that uses one of these keys imports this file; see i18n/t.ts).
 */
export const importsMessagesEn = registerMessages({
  'imports.title': 'Import from CSV',
  'imports.subtitle': 'Add or update requisitions, candidates or comp bands from a CSV file with a header row. Check the file first: the dry run lists every bad row by line and column. A file with any bad row imports nothing; rows matching existing data (requisition code, candidate e-mail, band level, zone and currency) update it.',
  'imports.kind': 'What to import',
  'imports.kind.requisitions': 'Requisitions',
  'imports.kind.candidates': 'Candidates',
  'imports.kind.comp_bands': 'Comp bands',
  'imports.file': 'CSV file',
  'imports.clearFile': 'Clear the file',
  'imports.fileHint': 'UTF-8, comma-separated, header row first; money in dollars.',
  'imports.columns': 'Columns',
  'imports.required': '(required)',
  'imports.optional': '(optional)',
  'imports.dryRun': 'Check file (dry run)',
  'imports.import': 'Import',
  'imports.progress': 'Import progress',
  'imports.checking': 'Checking rows: {done} of {total}',
  'imports.writing': 'Writing rows: {done} of {total}',
  'imports.refused': 'The file was refused as a whole; nothing was imported.',
  'imports.counts': '{total} rows: {good} good, {bad} bad.',
  'imports.imported': 'Imported {rows} rows.',
  'imports.dryRunBad': 'Dry run: fix the bad rows below; a file with any bad row imports nothing.',
  'imports.dryRunGood': 'Dry run: every row is good. Import the file to add it.',
  'imports.nothingImported': 'Nothing was imported: the file has bad rows (all-or-nothing).',
  'imports.nothingToImport': 'Nothing to import.',
  'imports.problems': 'Problems by line and column',
  'imports.line': 'Line',
  'imports.column': 'Column',
  'imports.problem': 'Problem',
  'imports.truncated': 'Showing the first {shown} problems.',
});

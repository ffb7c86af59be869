/**
 * RFC 4180 CSV for exports people open in spreadsheets: a header row, CRLF line ends, quotes
 * only where a cell needs them, and text that a spreadsheet would run as a formula kept as text.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** One cell. A text cell starting with = + - @ (or a tab / CR) gets a leading ' so spreadsheets do not run it as a formula. */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: the header, then one line per row (cells in header order). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}

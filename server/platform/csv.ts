import { parse } from 'csv-parse/sync';
import { AppError } from './errors';

// CSV for reports that people open in spreadsheets. A cell a spreadsheet would run as a formula
// (starting with = + - @, or a tab or carriage return) is prefixed with an apostrophe, so exported
// data can never execute there (CSV injection); every cell is quoted, quotes doubled, lines CRLF.
export type Cell = string | number | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  // Plain numbers stay numbers; any other text that looks like a formula is neutralised.
  if (typeof value !== 'number' && FORMULA.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The rows (the first is the header) as CSV text. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Reads an uploaded CSV file (a header row, then records) into objects keyed by the header's
 * column names, values trimmed. A file that is not CSV, has no records, lacks a required column or
 * has more than `maxRows` records is refused whole (400) before anything is changed.
 */
export function readCsvRecords(
  text: string,
  o: { required: readonly string[]; maxRows: number; columns?: readonly string[] },
): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    });
  } catch (err) {
    throw new AppError('VALIDATION_FAILED', `The file is not valid CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new AppError('VALIDATION_FAILED', 'The file has no rows.');
  const header = Object.keys(records[0]!);
  const missing = o.required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const all = o.columns ? ` Columns: ${o.columns.join(', ')}.` : '';
    throw new AppError('VALIDATION_FAILED', `The header lacks: ${missing.join(', ')}.${all}`);
  }
  if (records.length > o.maxRows)
    throw new AppError('VALIDATION_FAILED', `At most ${o.maxRows} rows per file.`);
  return records;
}

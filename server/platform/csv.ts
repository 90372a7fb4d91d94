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

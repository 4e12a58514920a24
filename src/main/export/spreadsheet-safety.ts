/**
 * Spreadsheet programs run a cell that begins with one of these as a formula, even in a CSV file
 * ("=HYPERLINK(...)" exfiltrates, "@SUM" and "+cmd" have been used for worse). OWASP's advice:
 * prefix such a cell with a single quote, which shows the text as typed and runs nothing.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CellValue = string | number | boolean | null;

/** One CSV field per RFC 4180: quoted when it holds a comma, quote or line break. */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutraliseCell(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CRLF line ends, as RFC 4180 specifies and spreadsheet programs expect. */
export function csvLine(values: readonly CellValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

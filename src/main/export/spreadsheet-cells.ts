import type { ExportColumn } from './export-tables';
import type { CellValue } from './spreadsheet-safety';

/** A value as a spreadsheet cell: JSON columns as their JSON text, flags as true/false. */
export function toCell(column: ExportColumn, value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (column.kind === 'json') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value);
}

import { chmodSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { EXPORT_TABLE_LABELS, EXPORT_TABLES } from '../../shared/exports';
import { PROGRESS_EVERY, type ExportContext } from './export-context';
import { toCell } from './spreadsheet-cells';
import { neutraliseCell } from './spreadsheet-safety';

export const WORKBOOK_NAME = 'data.xlsx';

/** One workbook, one sheet per table (named as the table), streamed row by row. */
export async function writeWorkbook(ctx: ExportContext): Promise<string[]> {
  const path = join(ctx.dir, WORKBOOK_NAME);
  // Created owner-only before exceljs opens it for writing.
  closeSync(openSync(path, 'wx', 0o600));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  workbook.creator = ctx.organisation.name;
  workbook.created = new Date(ctx.generatedAt);
  for (const table of EXPORT_TABLES) {
    const columns = ctx.collection.columns(table);
    const sheet = workbook.addWorksheet(table, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.properties.defaultColWidth = 18;
    sheet.columns = columns.map((c) => ({ header: c.name, key: c.name }));
    sheet.getRow(1).font = { bold: true };
    let n = 0;
    for (const row of ctx.collection.rows(table)) {
      sheet
        .addRow(
          columns.map((c) => {
            const value = toCell(c, row[c.name]);
            return typeof value === 'string' ? neutraliseCell(value) : value;
          }),
        )
        .commit();
      if (++n % PROGRESS_EVERY === 0) {
        ctx.advance(`${WORKBOOK_NAME} (${EXPORT_TABLE_LABELS[table]})`, PROGRESS_EVERY);
        // Let the file stream drain: exceljs buffers committed rows until the loop yields.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    ctx.advance(WORKBOOK_NAME, n % PROGRESS_EVERY);
    sheet.commit();
  }
  await workbook.commit();
  chmodSync(path, 0o600);
  return [WORKBOOK_NAME];
}

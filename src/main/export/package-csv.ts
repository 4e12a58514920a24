import { join } from 'node:path';
import { EXPORT_TABLES } from '../../shared/exports';
import { PROGRESS_EVERY, type ExportContext } from './export-context';
import { toCell } from './spreadsheet-cells';
import { csvLine } from './spreadsheet-safety';
import { openTextOutput } from './text-output';

/**
 * One CSV per table (RFC 4180: quoted fields, CRLF), starting with a byte-order mark so
 * spreadsheet programs read UTF-8. A cell that would run as a formula gets a leading quote.
 */
export async function writeCsvFiles(ctx: ExportContext): Promise<string[]> {
  const files: string[] = [];
  for (const table of EXPORT_TABLES) {
    const name = `${table}.csv`;
    const columns = ctx.collection.columns(table);
    const out = openTextOutput(join(ctx.dir, name));
    await out.write('\uFEFF');
    await out.write(csvLine(columns.map((c) => c.name)));
    let n = 0;
    for (const row of ctx.collection.rows(table)) {
      await out.write(csvLine(columns.map((c) => toCell(c, row[c.name]))));
      if (++n % PROGRESS_EVERY === 0) ctx.advance(name, PROGRESS_EVERY);
    }
    ctx.advance(name, n % PROGRESS_EVERY);
    await out.close();
    files.push(name);
  }
  return files;
}

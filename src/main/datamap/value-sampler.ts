import pg from 'pg';
import type { CatalogTable } from './catalog';
import { summariseValues, type ColumnSample } from './value-patterns';

export interface TableSample {
  /** Rows read. */
  rows: number;
  columns: Record<string, ColumnSample>;
  /** Why the table could not be sampled (no right to read it, a timeout), in the server's words. */
  failed: string | null;
}

export interface SampleOptions {
  /** Rows read per table, at most. */
  rowsPerTable: number;
  /** Each table's read is stopped after this long. */
  statementMs: number;
}

export const DEFAULT_SAMPLE: SampleOptions = { rowsPerTable: 200, statementMs: 10_000 };

/** Values longer than this are cut before they leave the server: a shape shows in the start. */
const VALUE_CHARS = 200;

/**
 * Reads a bounded sample of each table, in one read-only transaction, and keeps only the
 * shapes of the values (how many look like emails, phones, dates...). The values themselves
 * are dropped table by table and never written anywhere.
 */
export async function sampleTables(
  client: pg.ClientBase,
  tables: CatalogTable[],
  options: SampleOptions = DEFAULT_SAMPLE,
  onTable?: (done: number, total: number) => void,
): Promise<Map<string, TableSample>> {
  const samples = new Map<string, TableSample>();
  await client.query('BEGIN READ ONLY');
  try {
    await client.query(
      `SET LOCAL statement_timeout = ${Math.max(100, Math.trunc(options.statementMs))}`,
    );
    let done = 0;
    for (const table of tables) {
      samples.set(table.name, await sampleOne(client, table, options.rowsPerTable));
      onTable?.(++done, tables.length);
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
  return samples;
}

async function sampleOne(
  client: pg.ClientBase,
  table: CatalogTable,
  rowsPerTable: number,
): Promise<TableSample> {
  if (table.columns.length === 0) return { rows: 0, columns: {}, failed: null };
  const name = `${pg.escapeIdentifier(table.schema)}.${pg.escapeIdentifier(table.table)}`;
  const list = table.columns
    .map((c) => `left(${pg.escapeIdentifier(c.name)}::text, ${VALUE_CHARS})`)
    .join(', ');
  // A large table is sampled by pages (TABLESAMPLE SYSTEM reads only the pages it picks); a
  // small one, or one never analysed, is read from its start.
  const large = table.rows !== null && table.rows > rowsPerTable * 20;
  const percent = large
    ? Math.min(100, Math.max(0.001, (rowsPerTable * 5 * 100) / (table.rows ?? 1)))
    : 0;
  const sample = large ? ` TABLESAMPLE SYSTEM (${percent.toFixed(4)})` : '';
  await client.query('SAVEPOINT sample_table');
  try {
    const result = await client.query<unknown[]>({
      text: `SELECT ${list} FROM ${name}${sample} LIMIT ${Math.trunc(rowsPerTable)}`,
      rowMode: 'array',
    });
    await client.query('RELEASE SAVEPOINT sample_table');
    const columns: Record<string, ColumnSample> = {};
    table.columns.forEach((column, index) => {
      columns[column.name] = summariseValues(presentValues(result.rows, index));
    });
    return { rows: result.rows.length, columns, failed: null };
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT sample_table');
    return { rows: 0, columns: {}, failed: error instanceof Error ? error.message : String(error) };
  }
}

function* presentValues(rows: unknown[][], index: number): Generator<string> {
  for (const row of rows) {
    const value = row[index];
    if (typeof value === 'string') yield value;
  }
}

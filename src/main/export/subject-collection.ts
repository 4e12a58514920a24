import {
  EXPORT_TABLE_KEYS,
  EXPORT_TABLES,
  type ExportTable,
  type Redaction,
  type RedactionRecord,
} from '../../shared/exports';
import { AppError } from '../../shared/errors';
import type { CaseRecord } from '../cases/case-record';
import { deadlineRules } from '../cases/case-settings';
import { computeDeadline } from '../cases/deadlines';
import type { SqliteDatabase } from '../db/open';
import { tableSpec, type ExportColumn } from './export-tables';

/** A row as every format receives it: JSON columns parsed, flags as booleans, hidden cells null. */
export type ExportRow = Record<string, unknown>;

/**
 * The case's linked customers plus every record merged into them or that they were merged into,
 * followed to the end of each chain: a person's data is complete only with all their records.
 */
export function resolveCustomerIds(db: SqliteDatabase, subjectIds: readonly number[]): number[] {
  return db
    .prepare(
      `WITH RECURSIVE linked(id) AS (
         SELECT value FROM json_each(?)
         UNION
         SELECT c.customer_id FROM customers c JOIN linked l ON c.merged_into = l.id
         UNION
         SELECT c.merged_into FROM customers c JOIN linked l ON c.customer_id = l.id
         WHERE c.merged_into IS NOT NULL
       )
       SELECT id FROM linked WHERE EXISTS (SELECT 1 FROM customers WHERE customer_id = linked.id)
       ORDER BY id`,
    )
    .pluck()
    .all(JSON.stringify(subjectIds)) as number[];
}

interface TableRedactions {
  rows: Set<string>;
  columns: Set<string>;
  cells: Map<string, Set<string>>;
}

/**
 * Everything a case's export holds, read from the replica: one collector that every format is
 * written from, so data.json, the CSVs, the workbook and the report can never disagree. Rows
 * stream from SQLite one at a time (memory stays flat however many events a subject has); the
 * caller holds a read transaction so every pass sees the same snapshot.
 */
export class SubjectCollection {
  readonly customerIds: number[];
  readonly redactionRecords: RedactionRecord[];
  private readonly hidden = new Map<ExportTable, TableRedactions>();
  private readonly counts = new Map<ExportTable, number>();

  constructor(
    private readonly db: SqliteDatabase,
    readonly record: CaseRecord,
    redactions: readonly Redaction[],
    private readonly now: Date,
  ) {
    this.customerIds = resolveCustomerIds(db, record.subjectIds);
    if (this.customerIds.length === 0) {
      throw new AppError(
        'INVALID_INPUT',
        'No subject record is linked to this case on this desk; link one (and sync) first.',
      );
    }
    const records = redactions.map((r) => this.addRedaction(r));
    for (const table of EXPORT_TABLES) {
      const hiddenRows = this.hidden.get(table)?.rows.size ?? 0;
      this.counts.set(table, this.rawCount(table) - hiddenRows);
    }
    // A column hidden in every row hides one cell per row still exported.
    this.redactionRecords = records.map((r) =>
      r.column !== null && r.rowId === null ? { ...r, cellsHidden: this.count(r.table) } : r,
    );
  }

  columns(table: ExportTable): readonly ExportColumn[] {
    return tableSpec(table).columns;
  }

  /** Rows after redaction. */
  count(table: ExportTable): number {
    return this.counts.get(table) ?? 0;
  }

  totalRows(): number {
    return EXPORT_TABLES.reduce((sum, t) => sum + this.count(t), 0);
  }

  /** Withheld cells: which columns of which rows, for formats that mark them. */
  isHidden(table: ExportTable, row: ExportRow, column: string): boolean {
    const r = this.hidden.get(table);
    if (!r) return false;
    return (
      r.columns.has(column) ||
      (r.cells.get(String(row[EXPORT_TABLE_KEYS[table]]))?.has(column) ?? false)
    );
  }

  /** The table's rows in a stable order, with hidden rows left out and hidden cells set to null. */
  *rows(table: ExportTable): Generator<ExportRow> {
    const key = EXPORT_TABLE_KEYS[table];
    const redactions = this.hidden.get(table);
    const columns = this.columns(table);
    for (const raw of this.rawRows(table)) {
      const id = String(raw[key]);
      if (redactions?.rows.has(id)) continue;
      const row: ExportRow = {};
      for (const column of columns) {
        const hidden =
          redactions !== undefined &&
          (redactions.columns.has(column.name) ||
            (redactions.cells.get(id)?.has(column.name) ?? false));
        row[column.name] = hidden ? null : decode(column, raw[column.name]);
      }
      yield row;
    }
  }

  /** One page for the redaction screen: what the officer is choosing to hide. */
  page(table: ExportTable, offset: number, limit: number): ExportRow[] {
    const out: ExportRow[] = [];
    let index = 0;
    for (const row of this.rawRows(table)) {
      if (index >= offset + limit) break;
      if (index++ < offset) continue;
      const decoded: ExportRow = {};
      for (const column of this.columns(table)) {
        decoded[column.name] = decode(column, row[column.name]);
      }
      out.push(decoded);
    }
    return out;
  }

  rawCount(table: ExportTable): number {
    if (table === 'dsar_case') return 1;
    if (table === 'case_events') {
      return this.db
        .prepare('SELECT count(*) FROM case_events WHERE case_id = ?')
        .pluck()
        .get(this.record.caseId) as number;
    }
    // customers and every child table name the owning record in customer_id.
    return this.db
      .prepare(
        `SELECT count(*) FROM ${table} WHERE customer_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .get(JSON.stringify(this.customerIds)) as number;
  }

  private rawRows(table: ExportTable): Iterable<Record<string, unknown>> {
    if (table === 'dsar_case') return [this.caseRow()];
    const names = this.columns(table).map((c) => c.name);
    if (table === 'case_events') {
      return this.db
        .prepare(
          `SELECT ${names.join(', ')} FROM case_events WHERE case_id = ?
           ORDER BY occurred_at, event_id`,
        )
        .iterate(this.record.caseId) as Iterable<Record<string, unknown>>;
    }
    const key = EXPORT_TABLE_KEYS[table];
    return this.db
      .prepare(
        `SELECT ${names.join(', ')} FROM ${table}
         WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY ${key}`,
      )
      .iterate(JSON.stringify(this.customerIds)) as Iterable<Record<string, unknown>>;
  }

  private caseRow(): Record<string, unknown> {
    const r = this.record;
    const deadline = computeDeadline(r, this.now, deadlineRules(this.db));
    const verification = r.verification;
    return {
      case_id: r.caseId,
      reference: r.reference,
      jurisdiction: r.jurisdiction,
      request_type: r.requestType,
      channel: r.channel,
      received_at: r.receivedAt,
      time_zone: r.timeZone,
      status: r.status,
      due_date: deadline.dueDate,
      extension_reason: r.extension?.reason ?? null,
      identity_check:
        verification === null
          ? null
          : verification.kind === 'verified'
            ? verification.method.replace(/_/g, ' ')
            : 'confirmed by the privacy team without a separate check',
      approved_at: r.approval?.decision === 'approved' ? r.approval.decidedAt : null,
      requester: JSON.stringify(r.requester),
    };
  }

  private addRedaction(given: Redaction): RedactionRecord {
    // Row ids are compared as text (case events have UUIDs); a caller may pass a number.
    const r = {
      ...given,
      rowId: given.rowId === null ? null : `${given.rowId as string | number}`,
    };
    const key = EXPORT_TABLE_KEYS[r.table];
    if (r.column !== null) {
      if (r.column === key) {
        throw new AppError(
          'INVALID_INPUT',
          `${r.table}.${key} names the rows; hide the row instead.`,
        );
      }
      if (!this.columns(r.table).some((c) => c.name === r.column)) {
        throw new AppError('INVALID_INPUT', `${r.table} has no column "${r.column}".`);
      }
    }
    if (r.rowId !== null && !this.hasRow(r.table, r.rowId)) {
      throw new AppError('INVALID_INPUT', `${r.table} has no row ${r.rowId} in this package.`);
    }
    let entry = this.hidden.get(r.table);
    if (!entry) {
      entry = { rows: new Set(), columns: new Set(), cells: new Map() };
      this.hidden.set(r.table, entry);
    }
    if (r.column === null && r.rowId !== null) {
      entry.rows.add(r.rowId);
      return { ...r, rowsHidden: 1, cellsHidden: 0 };
    }
    if (r.column !== null && r.rowId === null) {
      entry.columns.add(r.column);
      return { ...r, rowsHidden: 0, cellsHidden: 0 };
    }
    const cells = entry.cells.get(r.rowId as string) ?? new Set<string>();
    cells.add(r.column as string);
    entry.cells.set(r.rowId as string, cells);
    return { ...r, rowsHidden: 0, cellsHidden: 1 };
  }

  private hasRow(table: ExportTable, rowId: string): boolean {
    if (table === 'dsar_case') return rowId === this.record.caseId;
    if (table === 'case_events') {
      return (
        this.db
          .prepare('SELECT 1 FROM case_events WHERE case_id = ? AND event_id = ?')
          .get(this.record.caseId, rowId) !== undefined
      );
    }
    if (!/^\d+$/.test(rowId)) return false;
    const key = EXPORT_TABLE_KEYS[table];
    return (
      this.db
        .prepare(
          `SELECT 1 FROM ${table} WHERE ${key} = ? AND customer_id IN (SELECT value FROM json_each(?))`,
        )
        .get(Number(rowId), JSON.stringify(this.customerIds)) !== undefined
    );
  }
}

function decode(column: ExportColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'json':
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    case 'boolean':
      return value === 1 || value === true;
    default:
      return value;
  }
}

import { createHash } from 'node:crypto';
import {
  EXPORT_TABLE_KEYS,
  EXPORT_TABLE_LABELS,
  EXPORT_TABLES,
  type ExportTable,
  type PackageContents,
  type Redaction,
} from '../../shared/exports';
import type { CaseRecord } from '../cases/case-record';
import type { SqliteDatabase } from '../db/open';
import { SubjectCollection } from './subject-collection';

/** The person's own tables: their rows' keys and versions are what an approval is bound to. */
const RECORD_TABLES: readonly ExportTable[] = EXPORT_TABLES.filter(
  (t) => t !== 'dsar_case' && t !== 'case_events',
);

/**
 * What a package for `record` with `redactions` holds, and its hash. The hash covers the
 * subjects, every record's key and version and each withheld item with its reason, so a record
 * changed since the approval (or another item withheld) gives another hash. The case's own
 * history is left out of the hash: approving it adds to that history.
 */
export function packageContents(
  db: SqliteDatabase,
  record: CaseRecord,
  redactions: readonly Redaction[],
  now: Date,
): { contents: PackageContents; hash: string } {
  const collection = new SubjectCollection(db, record, redactions, now);
  const contents: PackageContents = {
    caseId: record.caseId,
    customerIds: collection.customerIds,
    tables: EXPORT_TABLES.map((table) => ({
      table,
      label: EXPORT_TABLE_LABELS[table],
      rows: collection.count(table),
    })),
    withheld: collection.redactionRecords,
  };
  const ids = JSON.stringify(collection.customerIds);
  const versions = Object.fromEntries(
    RECORD_TABLES.map((table) => {
      const key = EXPORT_TABLE_KEYS[table];
      const rows = db
        .prepare(
          `SELECT ${key} AS k, version AS v FROM ${table}
           WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY ${key}`,
        )
        .raw()
        .all(ids) as [number, number][];
      return [table, rows];
    }),
  );
  // Row ids as text, however a caller typed them (the collection compares them so too).
  const withheld = redactions
    .map((r) => [
      r.table,
      r.column,
      r.rowId === null ? null : `${r.rowId as string | number}`,
      r.reason.trim(),
    ])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const hash = createHash('sha256')
    .update(
      JSON.stringify({
        caseId: record.caseId,
        customerIds: collection.customerIds,
        versions,
        withheld,
      }),
    )
    .digest('hex');
  return { contents, hash };
}

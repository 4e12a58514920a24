import type { ExportContainer, ExportRecord } from '../../shared/exports';

/** A row of the desk's `exports` table, with the case's reference joined in. */
export interface ExportRow {
  export_id: string;
  case_id: string;
  case_reference: string | null;
  created_at: string;
  created_by: string;
  path: string;
  container: ExportContainer;
  encrypted: number;
  formats: string;
  files: string;
  manifest_sha256: string;
  archive_sha256: string | null;
  bytes: number;
  rows: number;
  redactions: string;
  last_verification: string | null;
}

export function exportRecordFromRow(row: ExportRow): ExportRecord {
  return {
    exportId: row.export_id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    createdAt: row.created_at,
    createdBy: row.created_by,
    path: row.path,
    container: row.container,
    encrypted: row.encrypted === 1,
    formats: JSON.parse(row.formats) as ExportRecord['formats'],
    files: JSON.parse(row.files) as ExportRecord['files'],
    manifestSha256: row.manifest_sha256,
    archiveSha256: row.archive_sha256,
    bytes: row.bytes,
    rows: row.rows,
    redactions: JSON.parse(row.redactions) as ExportRecord['redactions'],
    lastVerification:
      row.last_verification === null
        ? null
        : (JSON.parse(row.last_verification) as ExportRecord['lastVerification']),
  };
}

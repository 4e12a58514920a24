/**
 * Fulfilment exports: what a package may contain, how redactions are described, and what the
 * desk remembers about each export. Shared by main (which writes packages) and the renderer.
 */

/** The tables a package holds, in the order every format lists them. */
export const EXPORT_TABLES = [
  'customers',
  'addresses',
  'orders',
  'interactions',
  'events',
  'consents',
  'dsar_case',
  'case_events',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const EXPORT_TABLE_LABELS: Record<ExportTable, string> = {
  customers: 'Customer records',
  addresses: 'Addresses',
  orders: 'Orders',
  interactions: 'Interactions',
  events: 'Activity events',
  consents: 'Consents',
  dsar_case: 'This request',
  case_events: 'History of this request',
};

/** The column that names a row, which row redactions refer to; it cannot itself be hidden. */
export const EXPORT_TABLE_KEYS: Record<ExportTable, string> = {
  customers: 'customer_id',
  addresses: 'address_id',
  orders: 'order_id',
  interactions: 'interaction_id',
  events: 'event_id',
  consents: 'consent_id',
  dsar_case: 'case_id',
  case_events: 'event_id',
};

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'html', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  json: 'data.json (machine-readable)',
  csv: 'CSV, one file per table',
  xlsx: 'Workbook (XLSX), one sheet per table',
  html: 'Access report (HTML)',
  pdf: 'Access report (PDF, tagged for screen readers)',
};

export type ExportContainer = 'folder' | 'zip';

/**
 * One redaction. A row: `column` null. A column in every row: `rowId` null. One cell: both.
 * The reason is recorded; the hidden value never is.
 */
export interface Redaction {
  table: ExportTable;
  column: string | null;
  rowId: string | null;
  reason: string;
}

/** What the manifest and the desk keep about a redaction: how much it hid, never what. */
export interface RedactionRecord extends Redaction {
  cellsHidden: number;
  rowsHidden: number;
}

export interface PackageFile {
  name: string;
  sha256: string;
  bytes: number;
}

export interface ExportRecord {
  exportId: string;
  caseId: string;
  caseReference: string | null;
  createdAt: string;
  createdBy: string;
  path: string;
  container: ExportContainer;
  encrypted: boolean;
  formats: ExportFormat[];
  files: PackageFile[];
  manifestSha256: string;
  /** The .zip file's own checksum; null for a folder. */
  archiveSha256: string | null;
  bytes: number;
  rows: number;
  redactions: RedactionRecord[];
  lastVerification: { at: string; ok: boolean; summary: string } | null;
}

export type FileCheck =
  | { name: string; status: 'ok' }
  | { name: string; status: 'modified'; expected: string; actual: string }
  | { name: string; status: 'missing' }
  | { name: string; status: 'unexpected' };

export interface PackageVerification {
  ok: boolean;
  path: string;
  /** A sentence an officer can act on: all files intact, or which ones differ. */
  summary: string;
  files: FileCheck[];
  /** Set when the desk knows what the manifest (or the archive) looked like when it was written. */
  manifestIntact: boolean | null;
}

export interface ExportProgress {
  caseId: string;
  phase: 'collecting' | 'writing' | 'archiving' | 'checking' | 'done';
  file: string | null;
  done: number;
  total: number;
}

export interface ExportTablePreview {
  table: ExportTable;
  label: string;
  key: string;
  columns: string[];
  rows: number;
}

/** What an export of a case would hold, before anything is written. */
export interface ExportPreview {
  caseId: string;
  caseReference: string | null;
  /** Linked subject records and every record merged into or from them. */
  customerIds: number[];
  tables: ExportTablePreview[];
  /** Null when the case may be exported now; otherwise why not. */
  blocker: string | null;
  /**
   * Whether the package is still to be approved by a second officer: prepared here, proposed
   * for approval, and written once central confirmed the approval of exactly it.
   */
  proposable: boolean;
  defaultFormats: ExportFormat[];
  suggestedName: string;
  /** The language the requester's documents are written in, and why. */
  language: { code: string; name: string; fromCase: boolean };
  /**
   * Things that will not stop the export but that the requester would notice: the example access
   * statement still in use, the organisation's name or address never entered.
   */
  warnings: string[];
}

export interface ExportRowsPage {
  table: ExportTable;
  columns: string[];
  rows: Record<string, string | number | boolean | null>[];
  total: number;
}

export const STATEMENT_CATEGORIES = [
  'identity',
  'addresses',
  'orders',
  'interactions',
  'events',
  'consents',
] as const;
export type StatementCategory = (typeof STATEMENT_CATEGORIES)[number];

export const STATEMENT_CATEGORY_LABELS: Record<StatementCategory, string> = {
  identity: 'Identity and contact details',
  addresses: 'Postal addresses',
  orders: 'Orders and purchases',
  interactions: 'Customer service contacts',
  events: 'Website and app activity',
  consents: 'Consent and preference records',
};

/**
 * What an export package holds, as the approver is shown it and central records it: tables and
 * row counts, and what is withheld and why. Ids, counts and reasons only, never a value.
 */
export interface PackageContents {
  caseId: string;
  customerIds: number[];
  tables: { table: ExportTable; label: string; rows: number }[];
  withheld: RedactionRecord[];
}

/** The package an officer proposed for approval, as the approver's desk reads it back. */
export interface ProposedPackage {
  contents: PackageContents;
  /** The hash the officer's desk computed; what an approval is given to. */
  contentsHash: string;
  proposedBy: string;
  proposedAt: string;
  /**
   * Whether this desk, computing the same package from its own copy, gets the same hash: when
   * not, the records differ between the desks (sync both and open it again).
   */
  matchesThisDesk: boolean;
}

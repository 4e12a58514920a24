import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { DateTime } from 'luxon';
import { APPROVAL_REQUIRED } from '../../shared/cases';
import { AppError } from '../../shared/errors';
import {
  EXPORT_TABLE_KEYS,
  EXPORT_TABLE_LABELS,
  EXPORT_TABLES,
  type ExportPreview,
  type ExportProgress,
  type ExportRecord,
  type ExportRowsPage,
  type ExportTable,
  type PackageVerification,
} from '../../shared/exports';
import type { AccessStatement, ExportRequest, LabelEntry } from '../../shared/ipc/export-schemas';
import { REQUESTER_LANGUAGE_NAMES, type RequesterLanguage } from '../../shared/requester-languages';
import { labelEntries, readLabelOverrides, saveLabelOverrides } from '../requester/labels';
import { requesterLocaleOf } from '../requester/requester-of-case';
import { organisationDetails, requesterDocumentWarnings } from './requester-documents';
import { loadCase, type CaseRecord } from '../cases/case-record';
import type { CaseService } from '../cases/case-service';
import { readCaseSettings } from '../cases/case-settings';
import type { SqliteDatabase } from '../db/open';
import type { WorkspaceService } from '../workspace/workspace-service';
import { readAccessStatement, requesterStatement, saveAccessStatement } from './access-statement';
import { defaultFormats, exportBlocker, pdfSizeWarning } from './export-rules';
import type { ExportRunner } from './export-runners';
import {
  checkPackageDestination,
  removeWorkingCopies,
  suggestedPackageName,
} from './package-destination';
import { hashPath } from './package-manifest';
import { toCell } from './spreadsheet-cells';
import { SubjectCollection } from './subject-collection';
import { verifyPackage } from './verify-package';
import { tableSpec } from './export-tables';
import { exportRecordFromRow, type ExportRow } from './export-records';
import type { ExportApproval } from './export-approval';
import type { PackageContents, ProposedPackage, Redaction } from '../../shared/exports';

export interface ExportServiceOptions {
  runner: ExportRunner;
  /** Central's confirmation of four-eyes approvals; without it no approval-bound case exports. */
  approval?: ExportApproval;
  appVersion: string;
  now?: () => Date;
  onProgress?: (progress: ExportProgress) => void;
}

/**
 * Fulfilment exports: previews what a case's package would hold, writes it (in a worker in the
 * app) and records it three ways in one transaction: the desk's list of exports, the audit trail
 * (who, what, where, checksum) and the case's shared timeline.
 */
export class ExportService {
  private readonly now: () => Date;
  private writing = 0;

  /** Whether a package is being written now. */
  get isRunning(): boolean {
    return this.writing > 0;
  }

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly cases: CaseService,
    private readonly options: ExportServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** A case named by its id or its reference (DSAR-2026-00042), as the CLI accepts it. */
  resolveCase(idOrReference: string): string {
    const id = this.db()
      .prepare('SELECT case_id FROM cases WHERE case_id = ? OR reference = ?')
      .pluck()
      .get(idOrReference, idOrReference) as string | undefined;
    if (!id) throw new AppError('NOT_FOUND', `No case ${idOrReference} on this desk.`);
    return id;
  }

  preview(caseId: string): ExportPreview {
    const db = this.db();
    const record = this.requireCase(db, caseId);
    const blocker = exportBlocker(db, record);
    const locale = requesterLocaleOf(db, record);
    const collection =
      record.subjectIds.length > 0 ? new SubjectCollection(db, record, [], this.now()) : null;
    return {
      caseId,
      caseReference: record.reference,
      customerIds: collection?.customerIds ?? [],
      tables: EXPORT_TABLES.map((table) => ({
        table,
        label: EXPORT_TABLE_LABELS[table],
        key: EXPORT_TABLE_KEYS[table],
        columns: tableSpec(table).columns.map((c) => c.name),
        rows: collection?.count(table) ?? 0,
      })),
      blocker,
      proposable:
        APPROVAL_REQUIRED.has(record.requestType) &&
        record.subjectIds.length > 0 &&
        (record.status === 'in_progress' || record.status === 'awaiting_approval') &&
        record.approval?.decision !== 'approved',
      defaultFormats: defaultFormats(record, collection?.totalRows() ?? 0),
      suggestedName: this.suggestedName(record),
      language: {
        code: locale.code,
        name: REQUESTER_LANGUAGE_NAMES[locale.code],
        fromCase: locale.fromCase,
      },
      warnings: [
        ...requesterDocumentWarnings(db, readCaseSettings(db), record, locale.code),
        ...(record.requestType === 'portability'
          ? []
          : pdfSizeWarning(collection?.totalRows() ?? 0)),
      ],
    };
  }

  private suggestedName(record: CaseRecord): string {
    const day = DateTime.fromJSDate(this.now()).toISODate() ?? '';
    return suggestedPackageName(record.reference, record.caseId, record.requestType, day);
  }

  /** One page of a table, for choosing what to withhold. Viewing it is audited like a profile. */
  rows(input: {
    caseId: string;
    table: ExportTable;
    offset: number;
    limit: number;
  }): ExportRowsPage {
    const { replica, audit } = this.workspace.requireOpen();
    const record = this.requireCase(replica.raw, input.caseId);
    const collection = new SubjectCollection(replica.raw, record, [], this.now());
    const columns = collection.columns(input.table);
    const rows = collection
      .page(input.table, input.offset, input.limit)
      .map((row) => Object.fromEntries(columns.map((c) => [c.name, toCell(c, row[c.name])])));
    audit.record({
      actor: this.workspace.actor,
      action: 'export.rows-viewed',
      subject: `case:${input.caseId}`,
      details: { table: input.table, offset: input.offset, rows: rows.length },
    });
    return {
      table: input.table,
      columns: columns.map((c) => c.name),
      rows,
      total: collection.rawCount(input.table),
    };
  }

  statement(language: RequesterLanguage = 'en'): AccessStatement {
    const db = this.db();
    return readAccessStatement(db, readCaseSettings(db).organisationName, language);
  }

  saveStatement(statement: AccessStatement, language: RequesterLanguage = 'en'): AccessStatement {
    const { replica, audit } = this.workspace.requireOpen();
    saveAccessStatement(replica.raw, statement, language);
    audit.record({
      actor: this.workspace.actor,
      action: 'settings.access-statement-saved',
      details: { language },
    });
    return statement;
  }

  labels(language: RequesterLanguage): LabelEntry[] {
    return labelEntries(this.db(), language);
  }

  saveLabels(language: RequesterLanguage, labels: Record<string, string>): LabelEntry[] {
    const { replica, audit } = this.workspace.requireOpen();
    try {
      saveLabelOverrides(replica.raw, language, labels);
    } catch (error) {
      throw new AppError('INVALID_INPUT', (error as Error).message);
    }
    audit.record({
      actor: this.workspace.actor,
      action: 'settings.requester-labels-saved',
      details: { language, renamed: Object.values(labels).filter((v) => v.trim()).length },
    });
    return labelEntries(replica.raw, language);
  }

  list(caseId: string | null): ExportRecord[] {
    const rows = this.db()
      .prepare(
        `SELECT e.*, c.reference AS case_reference FROM exports e
         LEFT JOIN cases c ON c.case_id = e.case_id
         WHERE ? IS NULL OR e.case_id = ? ORDER BY e.created_at DESC, e.rowid DESC`,
      )
      .all(caseId, caseId) as ExportRow[];
    return rows.map(exportRecordFromRow);
  }

  get(exportId: string): ExportRecord {
    const row = this.db()
      .prepare(
        `SELECT e.*, c.reference AS case_reference FROM exports e
         LEFT JOIN cases c ON c.case_id = e.case_id WHERE e.export_id = ?`,
      )
      .get(exportId) as ExportRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No export ${exportId} on this desk.`);
    return exportRecordFromRow(row);
  }

  /**
   * The checks that need no disk, run before the app opens the save dialog; returns the name
   * the dialog suggests.
   */
  check(request: ExportRequest): { suggestedName: string } {
    const db = this.db();
    const record = this.requireCase(db, request.caseId);
    const blocker = exportBlocker(db, record);
    if (blocker) throw new AppError('INVALID_INPUT', blocker);
    // Unknown columns or rows in a redaction are refused now, not after the officer chose a folder.
    new SubjectCollection(db, record, request.redactions, this.now());
    return { suggestedName: this.suggestedName(record) };
  }

  /** Proposes the package (what it holds and withholds) for a second officer's approval. */
  async propose(
    caseId: string,
    redactions: readonly Redaction[],
  ): Promise<{ contents: PackageContents; hash: string }> {
    const { replica, audit } = this.workspace.requireOpen();
    const record = this.requireCase(replica.raw, caseId);
    const proposed = await this.approval().propose(replica.raw, record, redactions);
    audit.record({
      actor: this.workspace.actor,
      action: 'export.proposed',
      subject: `case:${caseId}`,
      details: { contentsHash: proposed.hash, withheld: proposed.contents.withheld },
    });
    return proposed;
  }

  /** The package proposed for approval, as central holds it, checked against this desk's copy. */
  async proposed(caseId: string): Promise<ProposedPackage> {
    const { replica, audit } = this.workspace.requireOpen();
    const proposal = await this.approval().proposed(
      replica.raw,
      this.requireCase(replica.raw, caseId),
    );
    audit.record({
      actor: this.workspace.actor,
      action: 'export.proposal-viewed',
      subject: `case:${caseId}`,
      details: { contentsHash: proposal.contentsHash, matches: proposal.matchesThisDesk },
    });
    return proposal;
  }

  /** Refuses unless central confirmed an approval of exactly this package; see ExportApproval. */
  async confirmApproval(request: ExportRequest): Promise<string | null> {
    const db = this.db();
    const record = this.requireCase(db, request.caseId);
    if (!APPROVAL_REQUIRED.has(record.requestType)) return null;
    return this.approval().confirm(db, record, request.redactions);
  }

  private approval(): ExportApproval {
    if (!this.options.approval) {
      throw new AppError('NOT_CONFIGURED', 'This desk cannot reach central to confirm approvals.');
    }
    return this.options.approval;
  }

  async create(
    request: ExportRequest,
    destination: { path: string; overwrite: boolean },
  ): Promise<ExportRecord> {
    const { replica, audit, key } = this.workspace.requireOpen();
    const db = replica.raw;
    this.check(request);
    const knownArchiveSha256 = db
      .prepare('SELECT archive_sha256 FROM exports WHERE archive_sha256 IS NOT NULL')
      .pluck()
      .all() as string[];
    checkPackageDestination(
      destination.path,
      request.container,
      destination.overwrite,
      knownArchiveSha256,
    );
    // Central decides: the package about to be written is the one it holds as approved.
    const contentsHash = await this.confirmApproval(request);
    const exportId = randomUUID();
    const settings = readCaseSettings(db);
    const generatedAt = this.now().toISOString();
    const officer = this.cases.officer(db);
    const locale = requesterLocaleOf(db, this.requireCase(db, request.caseId));
    let result;
    this.writing += 1;
    try {
      result = await this.options.runner(
        {
          databasePath: this.workspace.replicaPath,
          keyHex: key.toString('hex'),
          spec: {
            exportId,
            caseId: request.caseId,
            path: destination.path,
            container: request.container,
            password: request.password,
            formats: request.formats,
            redactions: request.redactions,
            overwrite: destination.overwrite,
            knownArchiveSha256,
            generatedAt,
            generatedBy: officer,
            appVersion: this.options.appVersion,
            organisation: organisationDetails(settings),
            statement: requesterStatement(db, settings.organisationName, locale.code).statement,
            language: locale.code,
            country: locale.country,
            labels: readLabelOverrides(db),
          },
        },
        (progress) => this.options.onProgress?.(progress),
      );
    } catch (error) {
      // A stopped thread had no chance to remove its working copy, which holds the data in clear.
      if (error instanceof AppError && error.code === 'JOB_STOPPED') {
        removeWorkingCopies(destination.path);
      }
      // The path may name the requester, and the audit trail can never be rewritten: it keeps
      // the reason with the path left out.
      audit.record({
        actor: this.workspace.actor,
        action: 'export.failed',
        subject: `case:${request.caseId}`,
        details: { reason: withoutPath((error as Error).message, destination.path) },
      });
      throw error;
    } finally {
      this.writing -= 1;
    }
    const redactions = result.redactions;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO exports (export_id, case_id, created_at, created_by, path, container, encrypted,
           formats, files, manifest_sha256, archive_sha256, bytes, rows, redactions)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        exportId,
        request.caseId,
        generatedAt,
        officer,
        result.path,
        request.container,
        request.password === null ? 0 : 1,
        JSON.stringify(request.formats),
        JSON.stringify(result.files),
        result.manifestSha256,
        result.archiveSha256,
        result.bytes,
        result.rows,
        JSON.stringify(redactions),
      );
      audit.record({
        actor: this.workspace.actor,
        action: 'export.written',
        subject: `case:${request.caseId}`,
        // Not the path: an officer may name the folder after the requester, and an erasure must
        // be able to remove it. The export history keeps it (until then); the manifest's
        // checksum identifies the package wherever it is found.
        details: {
          exportId,
          container: request.container,
          encrypted: request.password !== null,
          formats: request.formats,
          customerIds: result.customerIds,
          rows: result.rows,
          files: result.files.length,
          manifestSha256: result.manifestSha256,
          archiveSha256: result.archiveSha256,
          // What was withheld and why; never the values.
          redactions,
          contentsHash,
        },
      });
      this.cases.recordExport(request.caseId, {
        exportId,
        formats: request.formats,
        container: request.container,
        encrypted: request.password !== null,
        rows: result.rows,
        manifestSha256: result.manifestSha256,
        contentsHash,
        redactions: redactions.map(({ table, column, rowId, reason }) => ({
          table,
          column,
          rowId,
          reason,
        })),
      });
    })();
    return this.get(exportId);
  }

  /**
   * Re-checks a package against what was recorded when it was written. An encrypted archive
   * without its password is checked as a whole (its checksum); with it, file by file.
   */
  async verify(exportId: string, password: string | null = null): Promise<PackageVerification> {
    const { replica, audit } = this.workspace.requireOpen();
    const record = this.get(exportId);
    if (!existsSync(record.path)) {
      throw new AppError('NOT_FOUND', `The package is no longer at ${record.path}.`);
    }
    const recorded = record.container === 'zip' ? record.archiveSha256 : record.manifestSha256;
    const result =
      record.encrypted && password === null
        ? await this.verifyArchiveWhole(record.path, recorded)
        : await verifyPackage(record.path, { password, manifestSha256: recorded });
    const at = this.now().toISOString();
    replica.raw
      .prepare('UPDATE exports SET last_verification = ? WHERE export_id = ?')
      .run(JSON.stringify({ at, ok: result.ok, summary: result.summary }), exportId);
    audit.record({
      actor: this.workspace.actor,
      action: 'export.verified',
      subject: `case:${record.caseId}`,
      details: { exportId, ok: result.ok, summary: result.summary },
    });
    return result;
  }

  private async verifyArchiveWhole(
    path: string,
    recorded: string | null,
  ): Promise<PackageVerification> {
    const intact = (await hashPath(path)).sha256 === recorded;
    return {
      ok: intact,
      path,
      summary: intact
        ? 'The archive matches the checksum recorded when it was written.'
        : 'The archive was changed since it was written.',
      files: [],
      manifestIntact: intact,
    };
  }

  private requireCase(db: SqliteDatabase, caseId: string): CaseRecord {
    const record = loadCase(db, caseId);
    if (!record) throw new AppError('NOT_FOUND', `No case ${caseId} on this desk.`);
    return record;
  }

  private db(): SqliteDatabase {
    return this.workspace.requireOpen().replica.raw;
  }
}

/** A failure's message with the package's path, name and folder replaced by placeholders. */
function withoutPath(message: string, path: string): string {
  const replace = (text: string, part: string, by: string) =>
    part.length > 1 ? text.split(part).join(by) : text;
  const named = replace(replace(message, path, '<package>'), basename(path), '<package>');
  return replace(named, dirname(path), '<folder>');
}

import { mkdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import {
  EXPORT_TABLES,
  type ExportContainer,
  type ExportFormat,
  type ExportProgress,
  type PackageFile,
  type Redaction,
  type RedactionRecord,
} from '../../shared/exports';
import { AppError } from '../../shared/errors';
import type { AccessStatement, LabelOverrides } from '../../shared/ipc/export-schemas';
import type { RequesterLanguage } from '../../shared/requester-languages';
import { labelsFor } from '../requester/labels';
import { translator } from '../requester/translator';
import { writeAccessReportPdf } from './access-report-pdf';
import { loadCase } from '../cases/case-record';
import type { SqliteDatabase } from '../db/open';
import { writeAccessReport } from './access-report';
import type { ExportContext, OrganisationDetails } from './export-context';
import { exportBlocker } from './export-rules';
import { writeArchive } from './package-archive';
import { writeCsvFiles } from './package-csv';
import { checkPackageDestination, placePackage, workingPath } from './package-destination';
import { writeDataJson } from './package-json';
import {
  hashFile,
  hashPath,
  MANIFEST_FORMAT,
  writeChecksums,
  writeManifest,
} from './package-manifest';
import { writeReadme } from './package-readme';
import { writeWorkbook } from './package-xlsx';
import { PORTABILITY_SCHEMA_VERSION } from './portability-schema';
import { SubjectCollection } from './subject-collection';

export interface PackageSpec {
  exportId: string;
  caseId: string;
  /** The package folder, or the .zip file, to create. */
  path: string;
  container: ExportContainer;
  password: string | null;
  formats: ExportFormat[];
  redactions: Redaction[];
  overwrite: boolean;
  /** SHA-256 of the archives this desk exported: the only .zip files an export may replace. */
  knownArchiveSha256: string[];
  generatedAt: string;
  generatedBy: string;
  appVersion: string;
  organisation: OrganisationDetails;
  /** The access statement in the requester's language. */
  statement: AccessStatement;
  language: RequesterLanguage;
  country: string | null;
  labels: LabelOverrides;
}

export interface PackageResult {
  path: string;
  files: PackageFile[];
  manifestSha256: string;
  archiveSha256: string | null;
  bytes: number;
  rows: number;
  redactions: RedactionRecord[];
  customerIds: number[];
}

const WRITERS: Record<ExportFormat, (ctx: ExportContext) => Promise<string[]>> = {
  json: writeDataJson,
  csv: writeCsvFiles,
  xlsx: writeWorkbook,
  html: writeAccessReport,
  pdf: writeAccessReportPdf,
};

/**
 * Writes one package from one snapshot of the replica. Everything is built in a hidden working
 * folder beside the destination (owner-only) and moved into place at the end, so a crash or a
 * full disk leaves no half-written package under the real name.
 */
export async function writePackage(
  db: SqliteDatabase,
  spec: PackageSpec,
  onProgress: (progress: ExportProgress) => void,
): Promise<PackageResult> {
  checkPackageDestination(spec.path, spec.container, spec.overwrite, spec.knownArchiveSha256);
  const report = (
    phase: ExportProgress['phase'],
    file: string | null,
    done: number,
    total: number,
  ) => onProgress({ caseId: spec.caseId, phase, file, done, total });
  report('collecting', null, 0, 1);
  // One read transaction: every format sees the same rows even if a sync commits meanwhile.
  db.exec('BEGIN');
  const working = workingPath(spec.path, 'part');
  const folder = basename(spec.path).replace(/\.zip$/i, '');
  try {
    const record = loadCase(db, spec.caseId);
    if (!record) throw new AppError('NOT_FOUND', `No case ${spec.caseId} on this desk.`);
    const blocker = exportBlocker(db, record);
    if (blocker) throw new AppError('INVALID_INPUT', blocker);
    const collection = new SubjectCollection(
      db,
      record,
      spec.redactions,
      new Date(spec.generatedAt),
    );
    const rowFormats = spec.formats.length;
    const total = collection.totalRows() * rowFormats + 8;
    let done = 0;
    mkdirSync(working, { mode: 0o700 });
    const ctx: ExportContext = {
      collection,
      dir: working,
      exportId: spec.exportId,
      generatedAt: spec.generatedAt,
      appVersion: spec.appVersion,
      organisation: spec.organisation,
      statement: spec.statement,
      tr: translator(spec.language, record.timeZone, spec.country),
      country: spec.country,
      labels: labelsFor(spec.language, spec.labels),
      advance: (file, rows) => {
        done += rows;
        report('writing', file, done, total);
      },
    };
    const names: string[] = [];
    for (const format of ['html', 'pdf', 'json', 'csv', 'xlsx'] as const) {
      if (spec.formats.includes(format)) names.push(...(await WRITERS[format](ctx)));
    }
    names.push(...(await writeReadme(ctx, spec.formats)));
    report('checking', null, done, total);
    const files: PackageFile[] = [];
    for (const name of names) files.push(await hashFile(working, name));
    files.push(await hashFile(working, await writeChecksums(working, files)));
    const approval = record.approval;
    const manifest = await writeManifest(working, {
      format: MANIFEST_FORMAT,
      manifestVersion: 1,
      packageId: spec.exportId,
      caseId: record.caseId,
      caseReference: record.reference,
      jurisdiction: record.jurisdiction,
      requestType: record.requestType,
      generatedAt: spec.generatedAt,
      generatedBy: spec.generatedBy,
      appVersion: spec.appVersion,
      dataSchemaVersion: PORTABILITY_SCHEMA_VERSION,
      formats: spec.formats,
      customerIds: collection.customerIds,
      rowCounts: Object.fromEntries(EXPORT_TABLES.map((t) => [t, collection.count(t)])),
      approval:
        approval?.decision === 'approved' && approval.decidedBy && approval.decidedAt
          ? { approvedBy: approval.decidedBy, approvedAt: approval.decidedAt }
          : null,
      redactions: collection.redactionRecords,
      files,
    });
    const all = [...files, manifest];
    let archiveSha256: string | null = null;
    let bytes = all.reduce((sum, f) => sum + f.bytes, 0);
    if (spec.container === 'zip') {
      const archive = workingPath(spec.path, 'zip.part');
      try {
        let archived = 0;
        await writeArchive({
          sourceDir: working,
          folder,
          files: all.map((f) => f.name),
          archivePath: archive,
          password: spec.password,
          onFile: (name) => report('archiving', name, ++archived, all.length),
        });
        const hashed = await hashPath(archive);
        archiveSha256 = hashed.sha256;
        bytes = hashed.bytes;
        placePackage(archive, spec.path);
      } catch (error) {
        rmSync(archive, { force: true });
        throw error;
      }
      rmSync(working, { recursive: true, force: true });
    } else {
      placePackage(working, spec.path);
    }
    report('done', null, total, total);
    return {
      path: spec.path,
      files: all,
      manifestSha256: manifest.sha256,
      archiveSha256,
      bytes,
      rows: collection.totalRows(),
      redactions: collection.redactionRecords,
      customerIds: collection.customerIds,
    };
  } catch (error) {
    rmSync(working, { recursive: true, force: true });
    throw error;
  } finally {
    db.exec('COMMIT');
  }
}

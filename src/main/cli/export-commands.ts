import { resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import {
  EXPORT_FORMATS,
  EXPORT_TABLES,
  type ExportFormat,
  type ExportTable,
  type PackageContents,
  type PackageVerification,
  type Redaction,
} from '../../shared/exports';
import { exportRequestSchema } from '../../shared/ipc/export-schemas';
import type { ExportService } from '../export/export-service';
import { verifyPackage } from '../export/verify-package';

/**
 * `--redact` values: `TABLE#ROW=REASON` hides a row, `TABLE.COLUMN=REASON` a column in every
 * row, `TABLE.COLUMN#ROW=REASON` one cell.
 */
export function parseRedaction(spec: string): Redaction {
  const match = /^([a-z_]+)(?:\.([a-z][a-z0-9_]*))?(?:#([0-9A-Za-z-]+))?=(.+)$/s.exec(spec);
  if (!match) {
    throw new AppError(
      'INVALID_INPUT',
      `--redact "${spec}": use TABLE#ROW=REASON, TABLE.COLUMN=REASON or TABLE.COLUMN#ROW=REASON.`,
    );
  }
  const [, table = '', column, rowId, reason = ''] = match;
  if (column === undefined && rowId === undefined) {
    throw new AppError(
      'INVALID_INPUT',
      `--redact "${spec}" names neither a column nor a row: a whole table cannot be withheld.`,
    );
  }
  if (!(EXPORT_TABLES as readonly string[]).includes(table)) {
    throw new AppError(
      'INVALID_INPUT',
      `--redact: no table "${table}" (${EXPORT_TABLES.join(', ')}).`,
    );
  }
  return { table: table as ExportTable, column: column ?? null, rowId: rowId ?? null, reason };
}

export function parseFormats(value: string | undefined, fallback: ExportFormat[]): ExportFormat[] {
  if (value === undefined) return fallback;
  const formats = value.split(',').map((f) => f.trim());
  for (const f of formats) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(f)) {
      throw new AppError(
        'INVALID_INPUT',
        `--format: "${f}" is not one of ${EXPORT_FORMATS.join(', ')}.`,
      );
    }
  }
  return formats as ExportFormat[];
}

export interface ExportCommandOptions {
  caseRef: string;
  out: string;
  formats: string | undefined;
  zip: boolean;
  password: string | null;
  redactions: string[];
  force: boolean;
}

/**
 * `reflect export`: the same service, checks and audit as the app, with a path instead of a
 * dialog. `onWarning` hears what the requester would notice (the example statement still in use,
 * the organisation's details missing) before the package is written.
 */
export async function runExport(
  exports: ExportService,
  options: ExportCommandOptions,
  onWarning: (warning: string) => void = () => undefined,
) {
  const caseId = exports.resolveCase(options.caseRef);
  const preview = exports.preview(caseId);
  const parsed = exportRequestSchema.safeParse({
    caseId,
    formats: parseFormats(options.formats, preview.defaultFormats),
    container: options.zip ? 'zip' : 'folder',
    password: options.password,
    redactions: options.redactions.map(parseRedaction),
  });
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join(' '));
  }
  for (const warning of preview.warnings) onWarning(warning);
  return exports.create(parsed.data, { path: resolve(options.out), overwrite: options.force });
}

export async function runVerify(
  path: string,
  password: string | null,
): Promise<PackageVerification> {
  return verifyPackage(resolve(path), { password });
}

export function describeVerification(result: PackageVerification): string {
  const lines = [result.ok ? `Intact: ${result.summary}` : `CHANGED: ${result.summary}`];
  for (const f of result.files) {
    if (f.status === 'modified') {
      lines.push(`  ${f.name}: expected ${f.expected}, found ${f.actual}`);
    } else if (f.status !== 'ok') {
      lines.push(`  ${f.name}: ${f.status}`);
    }
  }
  return lines.join('\n');
}

/** A package's contents in the CLI's words: rows per part, then what is withheld and why. */
export function describePackage(contents: PackageContents): string {
  return [
    `Customer records ${contents.customerIds.join(', ')}`,
    ...contents.tables.map((t) => `  ${t.label.padEnd(28)} ${String(t.rows).padStart(6)} row(s)`),
    contents.withheld.length === 0
      ? 'Nothing withheld.'
      : `Withheld:\n${contents.withheld
          .map(
            (w) =>
              `  - ${w.table}${w.column ? `.${w.column}` : ''}${w.rowId ? ` row ${w.rowId}` : ''}: ${w.reason}`,
          )
          .join('\n')}`,
  ].join('\n');
}

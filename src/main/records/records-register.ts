import { extname } from 'node:path';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type { RequesterLanguage } from '../../shared/requester-languages';
import { checkDestination, writeAtomically } from '../export/safe-file';
import { writeRecordsPdf, writeRecordsXlsx, type RegisterSnapshot } from './records-export';
import { countChanges, readActivities, readChanges } from './records-store';

export type RegisterFormat = 'xlsx' | 'pdf';

/** The register as central holds it now. */
export async function readRegister(
  client: pg.ClientBase,
  organisation: string,
  language: RequesterLanguage,
  at: Date,
): Promise<RegisterSnapshot> {
  return {
    organisation,
    activities: await readActivities(client),
    changes: await readChanges(client),
    version: await countChanges(client),
    at: at.toISOString(),
    language,
  };
}

/**
 * Writes the register to `path` (a full path in an existing folder, ending in .xlsx or .pdf),
 * owner-only and whole or not at all; an existing file only with `overwrite`.
 */
export async function writeRegister(
  format: RegisterFormat,
  path: string,
  snapshot: RegisterSnapshot,
  options: { overwrite: boolean },
): Promise<{ path: string; sha256: string; bytes: number; version: number }> {
  if (extname(path).toLowerCase() !== `.${format}`) {
    throw new AppError(
      'INVALID_INPUT',
      `The file for the ${format.toUpperCase()} register ends in .${format}: ${path}`,
    );
  }
  checkDestination(path, options);
  const written = await writeAtomically(path, (temporary) =>
    format === 'xlsx'
      ? writeRecordsXlsx(temporary, snapshot)
      : writeRecordsPdf(temporary, snapshot),
  );
  return { path, ...written, version: snapshot.version };
}

import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ExportContainer } from '../../shared/exports';
import { assertReplaceable } from './replaceable-package';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file or folder name that is safe on Windows, macOS and Linux: letters, digits, dot, dash and
 * underscore only, no leading dot, not a reserved device name, at most 100 characters.
 */
export function safeFileName(raw: string): string {
  const cleaned = raw
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 100);
  if (cleaned === '') return 'export';
  return WINDOWS_RESERVED.test(cleaned.split('.')[0] ?? '') ? `${cleaned}-export` : cleaned;
}

/** The package's suggested name: its reference, what was asked, and the day. */
export function suggestedPackageName(
  reference: string | null,
  caseId: string,
  requestType: string,
  day: string,
): string {
  return safeFileName(`${reference ?? `case-${caseId.slice(0, 8)}`}-${requestType}-${day}`);
}

/**
 * Checks where a package goes before anything is written: a full path in an existing folder,
 * a name that needed no cleaning, and no existing file or folder unless the officer agreed to
 * replace it, and then only an earlier package, unchanged (see assertReplaceable).
 */
export function checkPackageDestination(
  path: string,
  container: ExportContainer,
  overwrite: boolean,
  /** SHA-256 of archives this desk wrote: only those may be replaced. */
  knownArchiveSha256: readonly string[] = [],
): void {
  if (!isAbsolute(path) || path.includes('\0')) {
    throw new AppError('INVALID_INPUT', `Give a full path for the package, not "${path}".`);
  }
  const parent = dirname(path);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) {
    throw new AppError('INVALID_INPUT', `The folder ${parent} does not exist.`);
  }
  const name = basename(path);
  const stem = container === 'zip' ? name.replace(/\.zip$/i, '') : name;
  if (container === 'zip' && !/\.zip$/i.test(name)) {
    throw new AppError('INVALID_INPUT', `An archive's name ends in .zip: ${name}`);
  }
  if (safeFileName(stem) !== stem) {
    throw new AppError(
      'INVALID_INPUT',
      `Use only letters, digits, dots, dashes and underscores in the name: try "${safeFileName(stem)}".`,
    );
  }
  if (!existsSync(path)) return;
  if (!overwrite) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} exists; choose another name or agree to replace it.`,
    );
  }
  const isFolder = statSync(path).isDirectory();
  if (isFolder !== (container === 'folder')) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} is a ${isFolder ? 'folder' : 'file'}; it cannot be replaced by a ${container === 'zip' ? '.zip' : 'package folder'}.`,
    );
  }
  assertReplaceable(path, container, knownArchiveSha256);
}

/** A hidden working name beside the destination, on the same disk so the final move is a rename. */
export function workingPath(path: string, suffix: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.${suffix}`);
}

/**
 * Removes what an export stopped midway left beside `path`: only names `workingPath` gives to a
 * package being written (a folder or an archive), never the package or anything else.
 */
export function removeWorkingCopies(path: string): number {
  const folder = dirname(path);
  const prefix = `.${basename(path)}.`;
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    if (!/^[0-9a-f]{12}\.(part|zip\.part)$/.test(name.slice(prefix.length))) continue;
    rmSync(join(folder, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/**
 * Moves a finished package into place. A file is replaced by one rename; a folder cannot be, so
 * the earlier package is set aside first and removed only once the new one is in place.
 */
export function placePackage(finished: string, path: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    const aside = workingPath(path, 'old');
    renameSync(path, aside);
    try {
      renameSync(finished, path);
    } catch (error) {
      renameSync(aside, path);
      throw error;
    }
    rmSync(aside, { recursive: true, force: true });
    return;
  }
  renameSync(finished, path);
}

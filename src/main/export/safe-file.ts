import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * Checks a destination before anything is written: an absolute path in an existing folder, and
 * no existing file unless the officer agreed to replace it (the system dialog asks; the CLI needs
 * --force).
 */
export function checkDestination(path: string, options: { overwrite: boolean }): void {
  if (!isAbsolute(path) || path.includes('\0')) {
    throw new AppError('INVALID_INPUT', `Give a full path for the file, not "${path}".`);
  }
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new AppError('INVALID_INPUT', `The folder ${folder} does not exist.`);
  }
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) {
      throw new AppError('INVALID_INPUT', `${path} is a folder; choose a file name.`);
    }
    if (!options.overwrite) {
      throw new AppError(
        'INVALID_INPUT',
        `${path} exists; choose another name or agree to replace it.`,
      );
    }
  }
}

/**
 * Writes through a temporary file in the same folder (owner-only from the start), renamed into
 * place at the end: a crash leaves the old file or the new one, never half of one.
 */
export async function writeAtomically(
  path: string,
  write: (temporaryPath: string) => Promise<void>,
): Promise<{ sha256: string; bytes: number }> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${randomBytes(6).toString('hex')}.part`,
  );
  try {
    // Created owner-only before any byte is written; writers that reopen it keep the mode.
    closeSync(openSync(temporary, 'wx', 0o600));
    await write(temporary);
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  const content = await readFile(path);
  return { sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length };
}

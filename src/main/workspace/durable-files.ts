import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Flushes a file's content to the disk, so a power cut after a rename finds it whole. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (renames, new files). Windows cannot open a folder; its renames are durable. */
export function fsyncFolder(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to sync a folder; the rename itself was atomic.
  } finally {
    closeSync(fd);
  }
}

/** Writes a small file through a temporary one, flushed and renamed: a crash leaves old or new. */
export function writeFileDurably(path: string, content: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
  fsyncFile(temporary);
  renameSync(temporary, path);
  fsyncFolder(dirname(path));
}

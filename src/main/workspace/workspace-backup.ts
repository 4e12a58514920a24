import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { SqliteDatabase } from '../db/open';
import { deriveKeyFromPassphrase, newScryptParams } from '../secrets/passphrase';
import { looksLikeBackup, writeBackupFile } from './backup-file';
import { fsyncFile, fsyncFolder } from './durable-files';
import { auditHead, changeCopyKey, countRows, openCopy, snapshotInto } from './replica-copy';
import { tag, type MaintenanceContext, type UnlockedWorkspace } from './workspace-maintenance';

const SYNC_LOCK_KEY = 'sync.lock';

export interface BackupResult {
  path: string;
  createdAt: string;
  bytes: number;
  sha256: string;
  counts: Record<string, number>;
}

/**
 * Refuses a destination before anything is written: a full path in an existing folder, outside
 * the workspace folder (a backup there is lost with it), not a folder, and an existing file only
 * when the officer agreed to replace it and it is itself a Reflect backup.
 */
export function checkBackupDestination(path: string, dataDir: string, overwrite: boolean): void {
  if (!isAbsolute(path) || path.includes('\0')) {
    throw new AppError('INVALID_INPUT', `Give a full path for the backup file, not "${path}".`);
  }
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new AppError('INVALID_INPUT', `The folder ${folder} does not exist.`);
  }
  const inside = (child: string, parent: string) => {
    const rel = relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const realFolder = realpathSync(folder);
  const realData = existsSync(dataDir) ? realpathSync(dataDir) : resolve(dataDir);
  if (inside(realFolder, realData)) {
    throw new AppError(
      'INVALID_INPUT',
      'Choose a place outside the workspace folder for the backup: a backup there would be lost with the workspace.',
    );
  }
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    throw new AppError('INVALID_INPUT', `${path} is a folder; choose a file name.`);
  }
  if (!overwrite) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} exists; choose another name or agree to replace it.`,
    );
  }
  if (!looksLikeBackup(path)) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} is not a Reflect backup, so it is not replaced. Choose another name.`,
    );
  }
}

/**
 * Writes an encrypted backup of the open replica: a consistent snapshot taken in one read
 * transaction (work on the desk goes on meanwhile), re-encrypted with a key derived from the
 * backup passphrase, written to a temporary file beside the destination and renamed into place.
 */
export async function backupWorkspace(
  ctx: MaintenanceContext,
  live: SqliteDatabase,
  current: UnlockedWorkspace,
  schemaVersion: number,
  destination: { path: string; passphrase: string; overwrite: boolean },
): Promise<BackupResult> {
  checkBackupDestination(destination.path, ctx.dataDir, destination.overwrite);
  const suffix = tag();
  // Named by process, so another window cleaning up leftovers never takes a snapshot in use.
  const snapshot = join(ctx.dataDir, `.backup-${process.pid}-${suffix}.db`);
  const part = join(dirname(destination.path), `.${basename(destination.path)}.${suffix}.part`);
  try {
    snapshotInto(live, snapshot);
    const kdf = newScryptParams(ctx.scryptCost);
    const key = await deriveKeyFromPassphrase(destination.passphrase, kdf);
    const copy = openCopy(snapshot, current.key);
    let counts: Record<string, number>;
    let head: { seq: number; hash: string } | null;
    try {
      // A sync running elsewhere holds this; in the restored replica it would only be stale.
      copy.prepare('DELETE FROM sync_state WHERE key = ?').run(SYNC_LOCK_KEY);
      counts = countRows(copy);
      head = auditHead(copy);
    } finally {
      copy.close();
    }
    changeCopyKey(snapshot, current.key, key, false);
    const createdAt = ctx.now().toISOString();
    closeSync(openSync(part, 'wx', 0o600));
    const header = writeBackupFile(
      part,
      snapshot,
      {
        workspace: {
          id: current.metadata.id,
          name: current.metadata.name,
          createdAt: current.metadata.createdAt,
          demo: current.metadata.demo,
        },
        createdAt,
        appVersion: ctx.appVersion,
        schemaVersion,
        counts,
        auditHead: head,
      },
      key,
      kdf,
    );
    fsyncFile(part);
    renameSync(part, destination.path);
    fsyncFolder(dirname(destination.path));
    return {
      path: destination.path,
      createdAt,
      bytes: statSync(destination.path).size,
      sha256: header.database.sha256,
      counts,
    };
  } finally {
    rmSync(snapshot, { force: true });
    rmSync(part, { force: true });
  }
}

/** Snapshots a crashed backup left in the workspace folder (encrypted, but of no use). */
export function removeLeftoverSnapshots(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  for (const name of readdirSync(dataDir)) {
    const match = /^\.backup-(\d+)-[0-9a-f]{8}\.db(-journal)?$/.exec(name);
    if (match && !processRuns(Number(match[1]))) rmSync(join(dataDir, name), { force: true });
  }
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

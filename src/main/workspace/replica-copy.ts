import { closeSync, openSync } from 'node:fs';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { openEncryptedDatabase, type SqliteDatabase } from '../db/open';

/**
 * Opens the replica for a change that replaces it (re-key, restore) and takes SQLite's exclusive
 * lock, held until closed: no other window, command or worker can read or write it meanwhile,
 * and if one has it open now, this fails instead of copying a replica that is still changing.
 */
export function openExclusively(path: string, key: Buffer): SqliteDatabase {
  const db = openEncryptedDatabase(path, key, { create: false });
  try {
    db.pragma('busy_timeout = 1500');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new AppError(
        'WORKSPACE_BUSY',
        'This workspace is open in another window or command (a sync, an export, a "reflect" command). Close it or wait for it to finish, then try again.',
        { cause: error },
      );
    }
    throw error;
  }
}

/** A consistent, encrypted copy of an open database (one read transaction), under the same key. */
export function snapshotInto(source: SqliteDatabase, target: string): void {
  // Owner-only from the start; VACUUM INTO accepts an existing empty file.
  closeSync(openSync(target, 'wx', 0o600));
  source.prepare('VACUUM INTO ?').run(target);
}

/** Opens a copy that is not a live replica (rollback journal, no migrations). */
export function openCopy(path: string, key: Buffer): SqliteDatabase {
  const db = new Sqlite(path, { fileMustExist: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Re-encrypts a copy (never the live replica) page by page with another key. */
export function changeCopyKey(path: string, from: Buffer, to: Buffer, wal: boolean): void {
  const db = openCopy(path, from);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey="x'${to.toString('hex')}'"`);
    if (wal) db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  // Proves the new key opens it before anything depends on that.
  openCopy(path, to).close();
}

/** SQLite's own check of every page and index; throws with what it found. */
export function assertIntact(db: SqliteDatabase, what: string): void {
  const result = db.pragma('quick_check', { simple: true }) as string;
  if (result !== 'ok') {
    throw new AppError('DATABASE_CORRUPT', `${what} is damaged: ${result}.`);
  }
}

/** The tables an officer cares about, counted for the backup's manifest and its check. */
const COUNTED = [
  'customers',
  'addresses',
  'orders',
  'interactions',
  'events',
  'consents',
  'cases',
  'case_events',
  'exports',
  'merges',
  'outbox',
  'audit_log',
] as const;

export function countRows(db: SqliteDatabase): Record<string, number> {
  const present = new Set(
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[],
  );
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    if (present.has(table)) {
      counts[table] = db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
    }
  }
  return counts;
}

export function auditHead(db: SqliteDatabase): { seq: number; hash: string } | null {
  return (
    (db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
      { seq: number; hash: string } | undefined) ?? null
  );
}

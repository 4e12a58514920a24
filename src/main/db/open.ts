import { closeSync, existsSync, openSync } from 'node:fs';
import Sqlite from 'better-sqlite3-multiple-ciphers';

export type SqliteDatabase = Sqlite.Database;

/** The file could not be read with the key given: wrong key or a damaged file (the caller knows which). */
export class DatabaseUnreadableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnreadableError';
  }
}

/**
 * How long a connection waits for another process's write before SQLITE_BUSY. A window must not
 * block for long; a batch command (the CLI) may wait while the app or another command writes.
 */
let busyTimeoutMs = 5000;

export function waitForOtherWritersUpTo(ms: number): void {
  busyTimeoutMs = ms;
}

/**
 * Opens (or creates) a SQLCipher-4-compatible database with a raw 256-bit key.
 *
 * `create` is explicit so a missing file is never silently replaced by a new empty database.
 */
export function openEncryptedDatabase(
  path: string,
  key: Buffer,
  options: { create: boolean },
): SqliteDatabase {
  if (key.length !== 32) throw new Error('The database key must be 32 bytes.');
  if (options.create) {
    // Created owner-only before SQLite touches it; SQLite gives -wal and -shm the same mode.
    closeSync(openSync(path, 'wx', 0o600));
  } else if (!existsSync(path)) {
    throw new DatabaseUnreadableError(`The replica file is missing: ${path}`);
  }

  const db = new Sqlite(path, { fileMustExist: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    // Before the first read: another process may be writing (or checkpointing) right now.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // The first read decrypts page 1 and checks its HMAC: a wrong key or a damaged header fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Sorts and temporary indexes stay in memory rather than in unencrypted temp files.
    db.pragma('temp_store = MEMORY');
    // 64 MiB of decrypted pages: random index updates in a large replica stay off the disk.
    db.pragma('cache_size = -65536');
    // Deleted and overwritten values are zeroed within their pages (no extra I/O), so a
    // rectified or erased value does not linger in a page's free space.
    db.pragma('secure_delete = FAST');
    return db;
  } catch (error) {
    db.close();
    throw new DatabaseUnreadableError(
      `The replica at ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

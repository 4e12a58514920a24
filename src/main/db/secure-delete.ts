import type { SqliteDatabase } from './open';

/**
 * Runs `work` with SQLite's secure_delete fully on: pages and cells freed by it are overwritten
 * with zeros, freelist pages included, so a decrypted copy of the file holds no remnant of what
 * was removed. Connections otherwise run with FAST (zeros within b-tree pages only, at no extra
 * I/O), which is enough for ordinary updates but leaves whole freed pages as they were.
 */
export function withSecureDelete<T>(db: SqliteDatabase, work: () => T): T {
  db.pragma('secure_delete = ON');
  try {
    return work();
  } finally {
    db.pragma('secure_delete = FAST');
  }
}

import type { SqliteDatabase } from '../db/open';

/** The sync engine's small local records (cursor, status, connection, ...), one JSON value per key. */
/** The stored value, or null; callers state what they stored under their key. */
export function readSyncState(db: SqliteDatabase, key: string): unknown {
  const value = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(key) as
    string | undefined;
  return value === undefined ? null : (JSON.parse(value) as unknown);
}

export function writeSyncState(db: SqliteDatabase, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}

export function deleteSyncState(db: SqliteDatabase, key: string): void {
  db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
}

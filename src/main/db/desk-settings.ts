import type { z } from 'zod';
import type { SqliteDatabase } from './open';

/** One desk setting (not synced), parsed with its schema; the fallback when absent or outdated. */
export function readDeskSetting<T>(
  db: SqliteDatabase,
  key: string,
  schema: z.ZodType<T>,
  fallback: () => T,
): T {
  const stored = db.prepare('SELECT value FROM desk_settings WHERE key = ?').pluck().get(key) as
    string | undefined;
  const parsed = stored ? schema.safeParse(JSON.parse(stored)) : null;
  return parsed?.success ? parsed.data : fallback();
}

export function writeDeskSetting<T>(db: SqliteDatabase, key: string, value: T): T {
  db.prepare(
    'INSERT INTO desk_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
  return value;
}

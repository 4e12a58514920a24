import type { CaseSettings } from '../../shared/ipc/contract';
import { caseSettingsSchema } from '../../shared/ipc/contract';
import type { SqliteDatabase } from '../db/open';
import { DEFAULT_DUE_SOON_DAYS, isValidTimeZone } from './deadlines';
import { AppError } from '../../shared/errors';

const KEY = 'cases';

export function defaultCaseSettings(): CaseSettings {
  return {
    dueSoonDays: DEFAULT_DUE_SOON_DAYS,
    organisationName: 'Our company',
    defaultTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
}

/** This desk's case settings (not synced: each officer chooses their own warning horizon). */
export function readCaseSettings(db: SqliteDatabase): CaseSettings {
  const stored = db.prepare('SELECT value FROM desk_settings WHERE key = ?').pluck().get(KEY) as
    string | undefined;
  const parsed = stored ? caseSettingsSchema.safeParse(JSON.parse(stored)) : null;
  return parsed?.success ? parsed.data : defaultCaseSettings();
}

export function saveCaseSettings(db: SqliteDatabase, settings: CaseSettings): CaseSettings {
  if (!isValidTimeZone(settings.defaultTimeZone)) {
    throw new AppError('INVALID_INPUT', `Unknown time zone "${settings.defaultTimeZone}".`);
  }
  db.prepare(
    'INSERT INTO desk_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(KEY, JSON.stringify(settings));
  return settings;
}

import type { CaseSettings } from '../../shared/ipc/contract';
import { caseSettingsSchema } from '../../shared/ipc/contract';
import { readDeskSetting, writeDeskSetting } from '../db/desk-settings';
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
  return readDeskSetting(db, KEY, caseSettingsSchema, defaultCaseSettings);
}

export function saveCaseSettings(db: SqliteDatabase, settings: CaseSettings): CaseSettings {
  if (!isValidTimeZone(settings.defaultTimeZone)) {
    throw new AppError('INVALID_INPUT', `Unknown time zone "${settings.defaultTimeZone}".`);
  }
  return writeDeskSetting(db, KEY, settings);
}

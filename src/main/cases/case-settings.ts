import { z } from 'zod';
import type { CaseCalendars } from '../../shared/cases';
import type { CaseSettings } from '../../shared/ipc/contract';
import { caseSettingsSchema } from '../../shared/ipc/contract';
import { readDeskSetting, writeDeskSetting } from '../db/desk-settings';
import type { SqliteDatabase } from '../db/open';
import { DEFAULT_DUE_SOON_DAYS, isValidTimeZone, type DeadlineRules } from './deadlines';
import { calendarProblem } from './working-days';
import { COUNTRY_OF_ZONE } from './zone-countries';
import { AppError } from '../../shared/errors';

const KEY = 'cases';

export function defaultCalendars(zone: string): CaseCalendars {
  const country = COUNTRY_OF_ZONE[zone];
  return {
    gdpr: country ? { country, state: null, region: null } : null,
    // The CCPA is California's law: its deadlines run on California's business days.
    ccpa: { country: 'US', state: 'CA', region: null },
  };
}

export function defaultCaseSettings(): CaseSettings {
  const defaultTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return {
    dueSoonDays: DEFAULT_DUE_SOON_DAYS,
    organisationName: 'Our company',
    organisationAddress: '',
    dpoContact: '',
    signatory: '',
    currency: 'EUR',
    defaultTimeZone,
    calendars: defaultCalendars(defaultTimeZone),
  };
}

/**
 * Settings saved before a field existed lack it: the default fills that field alone, so adding
 * the holiday calendars does not reset the organisation's name.
 */
const storedSettingsSchema = z.preprocess((stored) => {
  if (typeof stored !== 'object' || stored === null) return stored;
  const defaults = defaultCaseSettings();
  const partial = stored as Partial<CaseSettings>;
  return {
    ...defaults,
    ...partial,
    calendars: partial.calendars ?? defaultCalendars(partial.defaultTimeZone ?? ''),
  };
}, caseSettingsSchema);

/** This desk's case settings (not synced: each officer chooses their own warning horizon). */
export function readCaseSettings(db: SqliteDatabase): CaseSettings {
  return readDeskSetting(db, KEY, storedSettingsSchema, defaultCaseSettings);
}

/** What a deadline on this desk depends on. */
export function deadlineRules(db: SqliteDatabase): DeadlineRules {
  const { dueSoonDays, calendars } = readCaseSettings(db);
  return { dueSoonDays, calendars };
}

export function saveCaseSettings(db: SqliteDatabase, settings: CaseSettings): CaseSettings {
  if (!isValidTimeZone(settings.defaultTimeZone)) {
    throw new AppError(
      'INVALID_INPUT',
      `Unknown time zone "${settings.defaultTimeZone}". Choose one from the list.`,
    );
  }
  for (const calendar of [settings.calendars.gdpr, settings.calendars.ccpa]) {
    const problem = calendar ? calendarProblem(calendar) : null;
    if (problem) throw new AppError('INVALID_INPUT', `${problem} Choose one from the list.`);
  }
  return writeDeskSetting(db, KEY, settings);
}

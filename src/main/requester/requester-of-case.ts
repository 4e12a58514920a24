import { languageOfCountry, type RequesterLanguage } from '../../shared/requester-languages';
import type { CaseRecord } from '../cases/case-record';
import { COUNTRY_OF_ZONE } from '../cases/zone-countries';
import type { SqliteDatabase } from '../db/open';
import { homeCountry } from '../subjects/home-country';

export interface RequesterLocale {
  code: RequesterLanguage;
  /** True when an officer chose the language on the case; false when it follows the country. */
  fromCase: boolean;
  country: string | null;
}

/**
 * Where the requester lives, as far as the desk can tell: the country of their first linked
 * record's first address, else the country of the time zone the request was received in.
 */
export function requesterCountry(db: SqliteDatabase, record: CaseRecord): string | null {
  for (const id of record.subjectIds) {
    const country = homeCountry(db, id);
    if (country && /^[A-Za-z]{2}$/.test(country)) return country.toUpperCase();
  }
  return COUNTRY_OF_ZONE[record.timeZone] ?? null;
}

/** The language the requester's letters and documents are written in. */
export function requesterLocaleOf(db: SqliteDatabase, record: CaseRecord): RequesterLocale {
  const country = requesterCountry(db, record);
  const chosen = record.requester.language ?? null;
  return chosen
    ? { code: chosen, fromCase: true, country }
    : { code: languageOfCountry(country), fromCase: false, country };
}

import { readDeskSetting, writeDeskSetting } from '../db/desk-settings';
import type { SqliteDatabase } from '../db/open';
import { accessStatementSchema, type AccessStatement } from '../../shared/ipc/export-schemas';
import type { RequesterLanguage } from '../../shared/requester-languages';
import { localActivities } from '../records/local-records';
import { statementWithRecords, type StatementWithRecords } from '../records/records-in-statement';
import { defaultStatement } from './statement-defaults';

/** English keeps the key it always had, so a statement saved before languages existed stays. */
function keyOf(language: RequesterLanguage): string {
  return language === 'en' ? 'access-statement' : `access-statement:${language}`;
}

/** The shipped example in `language` (see statement-defaults.ts), naming the organisation. */
export function defaultAccessStatement(
  organisationName: string,
  language: RequesterLanguage = 'en',
): AccessStatement {
  return defaultStatement(language, organisationName);
}

/** The organisation's statement in `language`, or the shipped example while it has none. */
export function readAccessStatement(
  db: SqliteDatabase,
  organisationName: string,
  language: RequesterLanguage = 'en',
): AccessStatement {
  return readDeskSetting(db, keyOf(language), accessStatementSchema, () =>
    defaultAccessStatement(organisationName, language),
  );
}

/** Whether the organisation ever saved its own statement in `language`. */
export function accessStatementSaved(db: SqliteDatabase, language: RequesterLanguage): boolean {
  return (
    db.prepare('SELECT 1 FROM desk_settings WHERE key = ?').pluck().get(keyOf(language)) !==
    undefined
  );
}

export function saveAccessStatement(
  db: SqliteDatabase,
  statement: AccessStatement,
  language: RequesterLanguage = 'en',
): AccessStatement {
  return writeDeskSetting(db, keyOf(language), statement);
}

/**
 * What the requester's documents say: the statement with each section the records of processing
 * cover taken from them (as of the last sync), the officer's statement for the rest.
 */
export function requesterStatement(
  db: SqliteDatabase,
  organisationName: string,
  language: RequesterLanguage = 'en',
): StatementWithRecords {
  return statementWithRecords(
    readAccessStatement(db, organisationName, language),
    localActivities(db),
    language,
  );
}

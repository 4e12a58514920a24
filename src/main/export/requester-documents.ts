import { STATEMENT_CATEGORIES } from '../../shared/exports';
import { REQUESTER_LANGUAGE_NAMES, type RequesterLanguage } from '../../shared/requester-languages';
import type { CaseSettings } from '../../shared/ipc/contract';
import { PLACEHOLDER_ORGANISATION } from '../cases/case-templates';
import type { CaseRecord } from '../cases/case-record';
import type { SqliteDatabase } from '../db/open';
import { accessStatementSaved, requesterStatement } from './access-statement';
import type { OrganisationDetails } from './export-context';

export function organisationDetails(settings: CaseSettings): OrganisationDetails {
  return {
    name: settings.organisationName.trim(),
    address: settings.organisationAddress?.trim() ?? '',
    dpoContact: settings.dpoContact?.trim() ?? '',
    signatory: settings.signatory?.trim() ?? '',
    currency: settings.currency ?? 'EUR',
  };
}

/**
 * What the requester would notice in the package that the officer can still fix: not reasons to
 * refuse the export (an organisation may decide to send it anyway), but said before it is written.
 */
export function requesterDocumentWarnings(
  db: SqliteDatabase,
  settings: CaseSettings,
  record: CaseRecord,
  language: RequesterLanguage,
): string[] {
  const warnings: string[] = [];
  const org = organisationDetails(settings);
  if (org.name === PLACEHOLDER_ORGANISATION) {
    warnings.push(
      `The organisation’s name is still “${PLACEHOLDER_ORGANISATION}”, so the report says “${PLACEHOLDER_ORGANISATION}”. Enter the real name in Settings → Organisation.`,
    );
  }
  if (!org.address) {
    warnings.push(
      'The organisation’s postal address is not filled in, so the report gives the requester no address to write to. Add it in Settings → Organisation.',
    );
  }
  if (record.jurisdiction === 'gdpr' && !org.dpoContact) {
    warnings.push(
      'No data protection officer contact is filled in (Settings → Organisation); the report names none.',
    );
  }
  const fromRecords = requesterStatement(db, settings.organisationName, language).fromRecords;
  // Sections the records of processing cover read the register, not the example.
  if (!accessStatementSaved(db, language) && fromRecords.length < STATEMENT_CATEGORIES.length) {
    const name = REQUESTER_LANGUAGE_NAMES[language];
    warnings.push(
      `The access statement in ${name} was never filled in, so the report uses the shipped example text (purposes, recipients, retention of an online shop). Review it in Settings → Access report, language ${name}.`,
    );
  }
  return warnings;
}

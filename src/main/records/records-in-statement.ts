import type { AccessStatement } from '../../shared/ipc/export-schemas';
import { STATEMENT_CATEGORIES, type StatementCategory } from '../../shared/exports';
import type { RequesterText, StoredActivity } from '../../shared/records';
import type { RequesterLanguage } from '../../shared/requester-languages';

type Field = keyof RequesterText;

/** An activity's text for a requester in `language`: its own if written in it, else the translation given. */
function textOf(activity: StoredActivity, field: Field, language: RequesterLanguage): string {
  const own = activity[field];
  if (activity.language === language) return own;
  return activity.requester_text[language]?.[field] ?? own;
}

function joined(activities: StoredActivity[], field: Field, language: RequesterLanguage): string {
  const texts = activities.map((a) => textOf(a, field, language).trim()).filter(Boolean);
  return [...new Set(texts)].join('\n\n');
}

export interface StatementWithRecords {
  statement: AccessStatement;
  /** The sections whose text came from the records; the others kept the officer's statement. */
  fromRecords: StatementCategory[];
}

/**
 * The access statement with each section's purposes, legal basis, recipients and retention taken
 * from the records of processing that name the section, and the transfers from those records, so
 * what a requester reads is what the register says. A section no record names keeps the
 * officer's statement (and the statement's own transfers paragraph stays with it). The source
 * of the data is not part of the register and always comes from the statement.
 */
export function statementWithRecords(
  statement: AccessStatement,
  activities: StoredActivity[],
  language: RequesterLanguage,
): StatementWithRecords {
  const categories = { ...statement.categories };
  const fromRecords: StatementCategory[] = [];
  const covering: StoredActivity[] = [];
  for (const category of STATEMENT_CATEGORIES) {
    const records = activities
      .filter((a) => a.report_sections.includes(category))
      .sort((a, b) => a.activity_id.localeCompare(b.activity_id));
    if (records.length === 0) continue;
    fromRecords.push(category);
    covering.push(...records.filter((r) => !covering.includes(r)));
    categories[category] = {
      ...categories[category],
      purposes: joined(records, 'purposes', language),
      legalBasis: joined(records, 'legal_basis', language),
      recipients: joined(records, 'recipients', language),
      retention: joined(records, 'retention', language),
    };
  }
  if (fromRecords.length === 0) return { statement, fromRecords };
  const transfers = [
    joined(covering, 'transfers', language),
    fromRecords.length < STATEMENT_CATEGORIES.length ? statement.transfers.trim() : '',
  ].filter(Boolean);
  return {
    statement: { ...statement, categories, transfers: [...new Set(transfers)].join('\n\n') },
    fromRecords,
  };
}

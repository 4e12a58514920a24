import { describe, expect, it } from 'vitest';
import { defaultStatement } from '../../../src/main/export/statement-defaults';
import { statementWithRecords } from '../../../src/main/records/records-in-statement';
import type { StoredActivity } from '../../../src/shared/records';

const base: StoredActivity = {
  activity_id: 'a',
  name: 'A',
  purposes: 'English purposes.',
  legal_basis: 'English basis.',
  subject_categories: ['Customers'],
  data_categories: ['financial'],
  report_sections: ['orders'],
  recipients: '',
  transfers: 'To the USA under SCCs.',
  retention: 'Ten years.',
  security_measures: '',
  controller_contact: '',
  dpo_contact: '',
  language: 'en',
  requester_text: { de: { purposes: 'Deutsche Zwecke.' } },
  version: 1,
  updated_at: '2027-01-01T00:00:00Z',
  updated_by: 'admin',
};

describe('the statement a requester reads, from the records', () => {
  it('uses the record per section and language, the statement elsewhere', () => {
    const en = defaultStatement('en', 'Shop');
    const plain = statementWithRecords(en, [], 'en');
    expect(plain).toEqual({ statement: en, fromRecords: [] });

    const { statement, fromRecords } = statementWithRecords(
      en,
      [base, { ...base, activity_id: 'b', purposes: 'Second purpose.', transfers: '' }],
      'en',
    );
    expect(fromRecords).toEqual(['orders']);
    // Two activities for one section: both purposes, each once.
    expect(statement.categories.orders.purposes).toBe('English purposes.\n\nSecond purpose.');
    expect(statement.categories.orders.recipients).toBe('');
    // The source is not in the register; it stays the statement's.
    expect(statement.categories.orders.source).toBe(en.categories.orders.source);
    expect(statement.categories.identity).toEqual(en.categories.identity);
    expect(statement.transfers).toBe('To the USA under SCCs.');

    const de = defaultStatement('de', 'Shop');
    const german = statementWithRecords(de, [base], 'de').statement;
    expect(german.categories.orders.purposes).toBe('Deutsche Zwecke.');
    // No German text for the basis: the record's own, never the statement's other words.
    expect(german.categories.orders.legalBasis).toBe('English basis.');

    const all = ['identity', 'addresses', 'orders', 'interactions', 'events', 'consents'] as const;
    const covered = statementWithRecords(
      { ...en, transfers: 'Statement transfers.' },
      [{ ...base, report_sections: [...all], transfers: '' }],
      'en',
    );
    // Every section covered: the statement's transfers paragraph no longer applies.
    expect(covered.statement.transfers).toBe('');
    const partly = statementWithRecords({ ...en, transfers: 'Statement transfers.' }, [base], 'en');
    expect(partly.statement.transfers).toBe('To the USA under SCCs.\n\nStatement transfers.');
  });
});

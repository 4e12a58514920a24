import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { localActivities, replaceLocalActivities } from '../../../src/main/records/local-records';
import type { StoredActivity } from '../../../src/shared/records';
import { freshEncryptedDatabase } from '../../support/replica';

const activity: StoredActivity = {
  activity_id: 'orders',
  name: 'Orders and purchases',
  purposes: 'To fulfil orders.',
  legal_basis: 'Contract.',
  subject_categories: ['Customers'],
  data_categories: ['financial'],
  report_sections: ['orders'],
  recipients: '',
  transfers: '',
  retention: '10 years.',
  security_measures: '',
  controller_contact: '',
  dpo_contact: '',
  language: 'en',
  requester_text: { de: { purposes: 'Um Bestellungen auszuführen.' } },
  version: 3,
  updated_at: '2027-01-01T00:00:00Z',
  updated_by: 'admin',
};

describe('migration 14: processing records', () => {
  it('adds the register as of the last sync, JSON only, replaced whole by each pull', async () => {
    const { db, raw } = freshEncryptedDatabase();
    await migrate(db, { target: 13 });
    expect(() => raw.prepare('SELECT 1 FROM processing_records').get()).toThrow(/no such table/);
    await migrate(db, { target: 14 });
    expect(() => raw.exec(`INSERT INTO processing_records VALUES ('x', 1, 'not json')`)).toThrow(
      /CHECK/,
    );
    expect(() => raw.exec(`INSERT INTO processing_records VALUES ('x', 0, '{}')`)).toThrow(/CHECK/);
    replaceLocalActivities(raw, [activity]);
    expect(localActivities(raw)).toEqual([activity]);
    replaceLocalActivities(raw, []);
    expect(localActivities(raw)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { localAlerts, replaceLocalAlerts } from '../../../src/main/alerts/alert-pull';
import { freshEncryptedDatabase } from '../../support/replica';

describe('migration 12: access alerts', () => {
  it('adds a table of open alerts that holds evidence as JSON only, replaced whole by each pull', async () => {
    const { db, raw } = freshEncryptedDatabase();
    await migrate(db, { target: 11 });
    expect(() => raw.prepare('SELECT 1 FROM access_alerts').get()).toThrow(/no such table/);
    await migrate(db, { target: 12 });
    expect(() =>
      raw.exec(
        `INSERT INTO access_alerts VALUES ('1', 'profile_views', 'a', 'x', 'y', 'not json', 'z')`,
      ),
    ).toThrow(/CHECK/);
    const alert = {
      alertId: '9',
      rule: 'bulk_changes' as const,
      login: 'cara',
      windowStart: '2027-03-02T13:00:00.000Z',
      windowEnd: '2027-03-02T14:00:00.000Z',
      evidence: { count: 60, threshold: 50, by_kind: { 'case.note': 60 } },
      raisedAt: '2027-03-02T14:01:00.000Z',
    };
    replaceLocalAlerts(raw, [alert]);
    expect(localAlerts(raw)).toEqual([alert]);
    replaceLocalAlerts(raw, []);
    expect(localAlerts(raw)).toEqual([]);
  });
});

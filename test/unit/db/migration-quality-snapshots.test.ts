import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { freshEncryptedDatabase } from '../../support/replica';

describe('migration 15: quality snapshots', () => {
  it('adds one row per day of figures as JSON, keyed by a calendar day', async () => {
    const { db, raw } = freshEncryptedDatabase();
    await migrate(db, { target: 14 });
    expect(() => raw.prepare('SELECT 1 FROM quality_snapshots').get()).toThrow(/no such table/);
    await migrate(db, { target: 15 });
    const insert = raw.prepare('INSERT INTO quality_snapshots VALUES (?, ?, ?)');
    insert.run('2027-01-02', '2027-01-02T10:00:00.000Z', '{"customers":3}');
    expect(() => insert.run('2027-01-03', 'x', 'not json')).toThrow(/CHECK/);
    expect(() => insert.run('yesterday', 'x', '{}')).toThrow(/CHECK/);
    expect(() => insert.run('2027-01-02', 'x', '{}')).toThrow(/UNIQUE|PRIMARY/);
  });
});

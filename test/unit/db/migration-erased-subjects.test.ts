import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { readSyncState } from '../../../src/main/sync/sync-state';
import { freshEncryptedDatabase } from '../../support/replica';

describe('migration 10: erased subjects', () => {
  it('gives the desk its own salt and catches up on erasures applied before it', async () => {
    const { db, raw } = freshEncryptedDatabase();
    await migrate(db, { target: 9 });
    raw.exec(`
      INSERT INTO customers (customer_id, name, status, created_at, version)
        VALUES (1, 'Customer 1', 'active', '2026-01-01T00:00:00Z', 1);
      INSERT INTO tombstones (subject_hash, erased_at) VALUES ('ab12', '2026-02-01T00:00:00Z');`);
    await migrate(db, { target: 10 });

    expect(readSyncState(raw, 'erasure.salt')).toMatch(/^[0-9a-f]{32}$/);
    expect(readSyncState(raw, 'erasure.unmatched-tombstones')).toEqual(['ab12']);
    expect(readSyncState(raw, 'erasure.follow-up')).toMatchObject({
      customerIds: [],
      vocabularyFrom: 0,
      compact: ['search_words', 'search_documents', 'search_terms_trigrams'],
    });
    raw.exec(`INSERT INTO erased_subjects VALUES ('cd34', '2026-03-01T00:00:00Z')`);
    expect(() => raw.exec(`INSERT INTO erased_subjects VALUES ('cd34', 'x')`)).toThrow(/UNIQUE/);
  });

  it('has nothing to catch up on in a new replica, and salts each replica apart', async () => {
    const first = freshEncryptedDatabase();
    const second = freshEncryptedDatabase();
    await migrate(first.db);
    await migrate(second.db);
    expect(readSyncState(first.raw, 'erasure.unmatched-tombstones')).toBeNull();
    expect(readSyncState(first.raw, 'erasure.follow-up')).toBeNull();
    expect(readSyncState(first.raw, 'erasure.salt')).not.toEqual(
      readSyncState(second.raw, 'erasure.salt'),
    );
  });
});

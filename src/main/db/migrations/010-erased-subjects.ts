import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * What the desk needs to leave nothing of an erased person behind.
 *
 * `erased_subjects`: every customer whose deletion this desk applied, by a hash salted with a
 * secret of this desk only, so a child row arriving later for that customer is not stored as an
 * orphan even when central's tombstones (salted with central's secret) cannot be read.
 *
 * Replicas synced before this version already applied erasures while keeping traces (merge
 * snapshots, conflicts, the typo vocabulary): every central tombstone known here is matched once
 * more against the ids the desk still holds, and the follow-up that sweeps the vocabulary and
 * compacts the search index runs once.
 */
export const erasedSubjects: Migration = {
  version: 10,
  name: 'erased-subjects',
  async up(db: Kysely<any>) {
    await sql`CREATE TABLE erased_subjects (
      subject_hash TEXT PRIMARY KEY,
      erased_at TEXT NOT NULL
    ) WITHOUT ROWID`.execute(db);
    await sql`INSERT INTO sync_state (key, value)
      VALUES ('erasure.salt', json_quote(lower(hex(randomblob(16)))))`.execute(db);
    await sql`INSERT INTO sync_state (key, value)
      SELECT 'erasure.unmatched-tombstones', json_group_array(subject_hash) FROM tombstones
      HAVING count(*) > 0`.execute(db);
    // A replica that holds nothing yet has nothing to catch up on.
    await sql`INSERT INTO sync_state (key, value)
      SELECT 'erasure.follow-up', json_object('customerIds', json('[]'), 'keysFrom', 0,
        'vocabularyFrom', 0,
        'compact', json('["search_words", "search_documents", "search_terms_trigrams"]'))
      WHERE EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM tombstones)`.execute(db);
  },
};

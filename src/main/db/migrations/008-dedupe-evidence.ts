import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * Duplicate detection compares more evidence: given and family names apart, date of birth, an
 * identification number, house number and street apart from the postcode, and how common a
 * shared name is. Patterns of the old model mean nothing to the new one, so the old candidates,
 * key index and runs are dropped (the officer's "not the same person" decisions and the merges
 * stay) and the next check is a full one. Candidates keep the shares of records with their
 * shared names, so a pair's explanation shows the same figures its score used; the name counts
 * of the last full check serve incremental checks. A change of the attributes (where the date of
 * birth lives) now marks a record for re-checking too.
 */
export const dedupeEvidence: Migration = {
  version: 8,
  name: 'dedupe-evidence',
  async up(db: Kysely<any>) {
    const statements = [
      'DELETE FROM dedupe_candidates',
      'DELETE FROM dedupe_keys',
      'DELETE FROM dedupe_runs',
      'ALTER TABLE dedupe_candidates ADD COLUMN given_share REAL',
      'ALTER TABLE dedupe_candidates ADD COLUMN family_share REAL',
      `CREATE TABLE dedupe_name_counts (
        hash INTEGER PRIMARY KEY,
        records INTEGER NOT NULL CHECK (records > 0)
      )`,
      'DROP TRIGGER dedupe_dirty_customer_update',
      `CREATE TRIGGER dedupe_dirty_customer_update
         AFTER UPDATE OF name, email, phone, attributes, merged_into ON customers BEGIN
         INSERT INTO dedupe_dirty (customer_id) VALUES (NEW.customer_id); END`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};

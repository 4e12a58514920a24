import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * Duplicate detection's state on this desk: the blocking keys of the last run (so records a sync
 * changes are re-checked against their block-mates only), the candidate pairs with their scores,
 * the officer's "not the same person" decisions, the records changed since the last check (kept
 * by triggers), the runs with their estimated model, and each merge made here with what it needs
 * to be undone.
 */
export const dedupeTables: Migration = {
  version: 7,
  name: 'dedupe',
  async up(db: Kysely<any>) {
    const statements = [
      `CREATE TABLE dedupe_runs (
        run_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        summary TEXT NOT NULL CHECK (json_valid(summary)),
        model TEXT NOT NULL CHECK (json_valid(model))
      )`,
      `CREATE TABLE dedupe_keys (
        hash INTEGER NOT NULL,
        customer_id INTEGER NOT NULL,
        PRIMARY KEY (hash, customer_id)
      ) WITHOUT ROWID`,
      `CREATE TABLE dedupe_candidates (
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        probability REAL NOT NULL,
        pattern INTEGER NOT NULL,
        found_at TEXT NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
      ) WITHOUT ROWID`,
      `CREATE INDEX dedupe_candidates_b ON dedupe_candidates (b)`,
      `CREATE TABLE dedupe_decisions (
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('different')),
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
      ) WITHOUT ROWID`,
      // A log rather than a set: a check takes everything up to the highest seq it saw, and
      // anything changed while it ran stays for the next one.
      `CREATE TABLE dedupe_dirty (seq INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL)`,
      `CREATE TRIGGER dedupe_dirty_customer_insert AFTER INSERT ON customers BEGIN
         INSERT INTO dedupe_dirty (customer_id) VALUES (NEW.customer_id); END`,
      `CREATE TRIGGER dedupe_dirty_customer_update
         AFTER UPDATE OF name, email, phone, merged_into ON customers BEGIN
         INSERT INTO dedupe_dirty (customer_id) VALUES (NEW.customer_id); END`,
      `CREATE TRIGGER dedupe_dirty_address_insert AFTER INSERT ON addresses
         WHEN NEW.customer_id IS NOT NULL BEGIN
         INSERT INTO dedupe_dirty (customer_id) VALUES (NEW.customer_id); END`,
      `CREATE TRIGGER dedupe_dirty_address_update
         AFTER UPDATE OF customer_id, line1, city, postcode, country ON addresses BEGIN
         INSERT INTO dedupe_dirty (customer_id)
           SELECT id FROM (SELECT OLD.customer_id AS id UNION SELECT NEW.customer_id) WHERE id IS NOT NULL; END`,
      `CREATE TRIGGER dedupe_dirty_address_delete AFTER DELETE ON addresses
         WHEN OLD.customer_id IS NOT NULL BEGIN
         INSERT INTO dedupe_dirty (customer_id) VALUES (OLD.customer_id); END`,
      // Local: what this desk merged, with the records and links as they were, so the desk can
      // undo at once (central keeps its own copy and applies the unmerge operation from it).
      `CREATE TABLE merges (
        op_id TEXT PRIMARY KEY,
        survivor_id INTEGER NOT NULL,
        merged_ids TEXT NOT NULL CHECK (json_valid(merged_ids)),
        before TEXT NOT NULL CHECK (json_valid(before)),
        provenance TEXT NOT NULL CHECK (json_valid(provenance)),
        survivor_version_after INTEGER NOT NULL,
        merged_at TEXT NOT NULL,
        merged_by TEXT NOT NULL,
        undone_at TEXT,
        undo_op_id TEXT
      )`,
      `CREATE INDEX merges_survivor ON merges (survivor_id)`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};

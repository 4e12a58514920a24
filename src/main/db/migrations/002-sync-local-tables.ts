import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/** Local-only tables the sync engine needs: its cursor, the outbox of named operations, conflicts, tombstones. */
export const syncLocalTables: Migration = {
  version: 2,
  name: 'sync-local-tables',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sync_state')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull().check(sql`json_valid(value)`))
      .execute();

    // One row per table during the initial snapshot: committed with each page, so a killed sync resumes.
    await db.schema
      .createTable('sync_progress')
      .addColumn('table_name', 'text', (c) => c.primaryKey())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('last_pk', 'integer')
      .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rows_total', 'integer')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('op_id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull().check(sql`json_valid(payload)`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('state', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`state IN ('pending', 'rejected')`),
      )
      .execute();

    // Which replica rows an unpushed operation touched: pull must not overwrite them.
    await db.schema
      .createTable('outbox_rows')
      .addColumn('op_id', 'text', (c) => c.notNull().references('outbox.op_id').onDelete('cascade'))
      .addColumn('table_name', 'text', (c) => c.notNull())
      .addColumn('pk', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('outbox_rows_pk', ['table_name', 'pk', 'op_id'])
      .execute();

    await db.schema
      .createTable('conflicts')
      .addColumn('conflict_id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('op_id', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('table_name', 'text', (c) => c.notNull())
      .addColumn('pk', 'integer', (c) => c.notNull())
      .addColumn('local_value', 'text', (c) => c.notNull().check(sql`json_valid(local_value)`))
      .addColumn('central_value', 'text', (c) => c.notNull().check(sql`json_valid(central_value)`))
      .addColumn('raised_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('resolution', 'text')
      .execute();

    // Erased subjects, by hash only, so a later sync cannot bring them back.
    await db.schema
      .createTable('tombstones')
      .addColumn('subject_hash', 'text', (c) => c.primaryKey())
      .addColumn('erased_at', 'text', (c) => c.notNull())
      .execute();
  },
};

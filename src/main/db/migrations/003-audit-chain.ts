import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The local audit chain. Triggers make it append-only for ordinary SQL (only `pushed_at` may be
 * set, by sync); `verify` still detects tampering by anyone who drops the triggers.
 */
export const auditChain: Migration = {
  version: 3,
  name: 'audit-chain',
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('details', 'text', (c) => c.notNull().check(sql`json_valid(details)`))
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('pushed_at', 'text')
      .execute();
    await db.schema.createIndex('audit_log_subject').on('audit_log').column('subject').execute();

    // The chain's head, kept apart from the entries so cutting entries off the end is detected too.
    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();

    await sql`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
    `.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_update
      BEFORE UPDATE OF seq, at, actor, action, subject, details, prev_hash, hash ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
    `.execute(db);
  },
};

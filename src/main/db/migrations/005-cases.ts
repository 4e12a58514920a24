import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * Replica of the central DSAR cases and their timelines, keyed by the UUIDs desks give them, plus
 * a derived list of which customers an open case names (kept by triggers) so the search filter
 * "has an open case" is one index probe, and desk settings such as the due-soon threshold.
 */
export const casesTables: Migration = {
  version: 5,
  name: 'cases',
  async up(db: Kysely<any>) {
    const json = (column: string, fallback: string | null) =>
      `${column} TEXT ${fallback === null ? '' : `NOT NULL DEFAULT '${fallback}'`} CHECK (${column} IS NULL OR json_valid(${column}))`;
    await sql
      .raw(
        `CREATE TABLE cases (
          case_id TEXT PRIMARY KEY,
          reference TEXT,
          jurisdiction TEXT NOT NULL,
          request_type TEXT NOT NULL,
          channel TEXT NOT NULL,
          status TEXT NOT NULL,
          ${json('requester', '{}')},
          ${json('agent', null)},
          received_at TEXT NOT NULL,
          time_zone TEXT NOT NULL,
          ${json('subject_ids', '[]')},
          assignee TEXT,
          priority TEXT NOT NULL,
          ${json('tags', '[]')},
          ${json('verification', null)},
          ${json('extension', null)},
          ${json('pauses', '[]')},
          ${json('approval', null)},
          acknowledged_at TEXT,
          resolution TEXT,
          ${json('related_case_ids', '[]')},
          closed_at TEXT,
          created_by TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL
        )`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TABLE case_events (
          event_id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL,
          occurred_at TEXT NOT NULL,
          actor TEXT NOT NULL,
          kind TEXT NOT NULL,
          ${json('details', '{}')},
          version INTEGER NOT NULL
        )`,
      )
      .execute(db);
    await sql`CREATE INDEX case_events_case ON case_events (case_id, occurred_at)`.execute(db);

    await sql`CREATE TABLE case_subjects (
      customer_id INTEGER NOT NULL,
      case_id TEXT NOT NULL,
      open INTEGER NOT NULL,
      PRIMARY KEY (customer_id, case_id)
    ) WITHOUT ROWID`.execute(db);
    const link = `INSERT OR IGNORE INTO case_subjects (customer_id, case_id, open)
      SELECT j.value, NEW.case_id, NEW.status NOT IN ('fulfilled', 'rejected', 'withdrawn')
      FROM json_each(NEW.subject_ids) j;`;
    await sql
      .raw(`CREATE TRIGGER cases_subjects_insert AFTER INSERT ON cases BEGIN ${link} END`)
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER cases_subjects_update AFTER UPDATE OF subject_ids, status ON cases BEGIN
           DELETE FROM case_subjects WHERE case_id = OLD.case_id; ${link} END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER cases_subjects_delete AFTER DELETE ON cases BEGIN
           DELETE FROM case_subjects WHERE case_id = OLD.case_id; END`,
      )
      .execute(db);

    await db.schema
      .createTable('desk_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull().check(sql`json_valid(value)`))
      .execute();
  },
};

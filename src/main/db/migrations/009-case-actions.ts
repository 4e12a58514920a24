import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * Mirrors of what central confirmed was done for a case (an erasure record, a restriction, the
 * consents withdrawn, a correction) and of records flagged because they match an erased person.
 * A case is fulfilled on these, never on what the desk alone believes.
 */
export const caseActions: Migration = {
  version: 9,
  name: 'case-actions',
  async up(db: Kysely<any>) {
    await sql
      .raw(
        `CREATE TABLE case_actions (
          action_id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          details TEXT NOT NULL CHECK (json_valid(details)),
          version INTEGER NOT NULL
        )`,
      )
      .execute(db);
    await sql`CREATE INDEX case_actions_case ON case_actions (case_id)`.execute(db);
    await sql
      .raw(
        `CREATE TABLE reappearances (
          reappearance_id TEXT PRIMARY KEY,
          customer_id INTEGER NOT NULL,
          matched_on TEXT NOT NULL CHECK (json_valid(matched_on)),
          erased_at TEXT NOT NULL,
          case_reference TEXT NOT NULL,
          raised_at TEXT NOT NULL,
          decision TEXT,
          decided_by TEXT,
          decided_at TEXT,
          note TEXT,
          version INTEGER NOT NULL
        )`,
      )
      .execute(db);
    await sql`CREATE INDEX reappearances_customer ON reappearances (customer_id)`.execute(db);
  },
};

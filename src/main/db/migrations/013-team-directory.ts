import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * `team_directory`: the officers behind the central logins, as of the last sync, so case owners,
 * approvers, timelines and the audit trail name a person even offline. Work names and work
 * addresses only; the role is what central read from PostgreSQL's membership.
 */
export const teamDirectory: Migration = {
  version: 13,
  name: 'team-directory',
  async up(db: Kysely<any>) {
    await sql`CREATE TABLE team_directory (
      login TEXT PRIMARY KEY,
      display_name TEXT NOT NULL,
      email TEXT,
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      role TEXT,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) WITHOUT ROWID`.execute(db);
  },
};

import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * `access_alerts`: the open alerts on unusual access that central lets this desk's login read
 * (approvers and administrators), as of the last sync, for the start screen and notifications.
 * Evidence is counts and ids only, as central wrote it.
 */
export const accessAlerts: Migration = {
  version: 12,
  name: 'access-alerts',
  async up(db: Kysely<any>) {
    await sql`CREATE TABLE access_alerts (
      alert_id TEXT PRIMARY KEY,
      rule TEXT NOT NULL,
      login TEXT NOT NULL,
      window_start TEXT NOT NULL,
      window_end TEXT NOT NULL,
      evidence TEXT NOT NULL CHECK (json_valid(evidence)),
      raised_at TEXT NOT NULL
    ) WITHOUT ROWID`.execute(db);
  },
};

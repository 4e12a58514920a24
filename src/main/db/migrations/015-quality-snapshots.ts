import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * `quality_snapshots`: the data-quality figures as recorded after a duplicate check or a sync,
 * one row per day (the day's last recording wins), so the Data quality screen can draw how the
 * duplicate rate moves. Counts and shares only, never a value; kept for a bounded number of days.
 */
export const qualitySnapshots: Migration = {
  version: 15,
  name: 'quality-snapshots',
  async up(db: Kysely<any>) {
    await sql`CREATE TABLE quality_snapshots (
      day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      recorded_at TEXT NOT NULL,
      figures TEXT NOT NULL CHECK (json_valid(figures))
    ) WITHOUT ROWID`.execute(db);
  },
};

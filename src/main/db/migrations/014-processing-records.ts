import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * `processing_records`: central's records of processing activities as of the last sync (every
 * Reflect role reads them), so an access report written offline still tells the requester
 * what the register says. Replaced whole by each pull; one JSON document per activity.
 */
export const processingRecords: Migration = {
  version: 14,
  name: 'processing-records',
  async up(db: Kysely<any>) {
    await sql`CREATE TABLE processing_records (
      activity_id TEXT PRIMARY KEY,
      version INTEGER NOT NULL CHECK (version > 0),
      body TEXT NOT NULL CHECK (json_valid(body))
    ) WITHOUT ROWID`.execute(db);
  },
};

import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The packages this desk wrote (local only: the paths are this workstation's), with their
 * checksums so they can be verified later, and an index to follow merged records, which every
 * export does to include a subject's duplicates.
 */
export const exportsTable: Migration = {
  version: 6,
  name: 'exports',
  async up(db: Kysely<any>) {
    await sql
      .raw(
        `CREATE TABLE exports (
          export_id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL,
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL,
          path TEXT NOT NULL,
          container TEXT NOT NULL CHECK (container IN ('folder', 'zip')),
          encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
          formats TEXT NOT NULL CHECK (json_valid(formats)),
          files TEXT NOT NULL CHECK (json_valid(files)),
          manifest_sha256 TEXT NOT NULL,
          archive_sha256 TEXT,
          bytes INTEGER NOT NULL,
          rows INTEGER NOT NULL,
          redactions TEXT NOT NULL CHECK (json_valid(redactions)),
          last_verification TEXT CHECK (last_verification IS NULL OR json_valid(last_verification))
        )`,
      )
      .execute(db);
    await sql`CREATE INDEX exports_case ON exports (case_id, created_at)`.execute(db);
    await sql`CREATE INDEX customers_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL`.execute(
      db,
    );
  },
};

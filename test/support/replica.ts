import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { onTestFinished } from 'vitest';
import { openEncryptedDatabase, type SqliteDatabase } from '../../src/main/db/open';
import type { Database } from '../../src/main/db/schema';
import { tempDir } from './temp-dir';

/** A new, empty encrypted database (no migrations applied), closed when the test finishes. */
export function freshEncryptedDatabase(): {
  db: Kysely<Database>;
  raw: SqliteDatabase;
  path: string;
  key: Buffer;
} {
  const path = join(tempDir(), 'replica.db');
  const key = randomBytes(32);
  const raw = openEncryptedDatabase(path, key, { create: true });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  onTestFinished(() => db.destroy());
  return { db, raw, path, key };
}

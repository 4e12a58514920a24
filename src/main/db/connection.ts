import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from './migrate';
import { openEncryptedDatabase, type SqliteDatabase } from './open';
import type { Database } from './schema';

export interface Replica {
  db: Kysely<Database>;
  /** The underlying connection, for bulk paths (sync pages, index builds) where Kysely's async layer costs too much. */
  raw: SqliteDatabase;
  schemaVersion: number;
  close(): Promise<void>;
}

/** Opens the encrypted replica and brings its schema up to date. */
export async function openReplica(
  path: string,
  key: Buffer,
  options: { create: boolean },
): Promise<Replica> {
  const raw = openEncryptedDatabase(path, key, options);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    const { to } = await migrate(db);
    return { db, raw, schemaVersion: to, close: () => db.destroy() };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

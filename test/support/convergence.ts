import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SqliteDatabase } from '../../src/main/db/open';
import { centralSelectList, REPLICA_TABLES } from '../../src/main/sync/replica-tables';

/** One SHA-256 per table over every row, as the replica stores it, in key order. */
export async function centralDigests(client: pg.ClientBase): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of REPLICA_TABLES) {
    const rows = await client.query<unknown[]>({
      text: `SELECT ${centralSelectList(table)} FROM reflect.${table.name} ORDER BY ${table.pk}`,
      rowMode: 'array',
    });
    const hash = createHash('sha256');
    for (const row of rows.rows) hash.update(JSON.stringify(row));
    digests[table.name] = `${rows.rows.length}:${hash.digest('hex')}`;
  }
  return digests;
}

export function replicaDigests(db: SqliteDatabase): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const table of REPLICA_TABLES) {
    const rows = db
      .prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.pk}`)
      .raw()
      .all() as unknown[][];
    const hash = createHash('sha256');
    for (const row of rows) hash.update(JSON.stringify(row));
    digests[table.name] = `${rows.length}:${hash.digest('hex')}`;
  }
  return digests;
}

import type pg from 'pg';
import type { SqliteDatabase } from '../db/open';
import { subjectHash } from '../sync/replica-writer';
import { deleteSyncState, readSyncState, writeSyncState } from '../sync/sync-state';

const KEY = 'erasure.unmatched-tombstones';

/**
 * Central tombstones this desk has not yet matched against the ids it holds. A tombstone normally
 * arrives in the same pull as the deletion it stands for, and the deletion drives the purge; one
 * that no deletion explained (a desk that missed the change, or one synced before this version)
 * is matched by hashing every id the desk still holds, once.
 */
/**
 * Copies central's tombstones into the replica and returns central's salt, which recognises
 * them. Tombstones new to this desk are kept aside to be matched after the replay. Reading either
 * may be reserved to some roles: refused (SQLSTATE 42501), the pull goes on without them, and
 * the deletions in the change log drive the purge on their own. Null when the salt is refused.
 */
export async function copyCentralTombstones(
  central: pg.ClientBase,
  db: SqliteDatabase,
): Promise<string | null> {
  const salt = await readIfPermitted<{ value: string }>(
    central,
    `SELECT value FROM reflect.settings WHERE key = 'tombstone_salt'`,
  );
  const tombstones = await readIfPermitted<{ subject_hash: string; erased_at: string }>(
    central,
    'SELECT subject_hash, erased_at FROM reflect.tombstones',
  );
  if (tombstones) {
    const insert = db.prepare(
      'INSERT OR IGNORE INTO tombstones (subject_hash, erased_at) VALUES (?, ?)',
    );
    db.transaction(() => {
      const fresh = tombstones.filter((t) => insert.run(t.subject_hash, t.erased_at).changes > 0);
      addUnmatchedTombstones(
        db,
        fresh.map((t) => t.subject_hash),
      );
    }).immediate();
  }
  return salt?.[0]?.value ?? null;
}

async function readIfPermitted<T extends pg.QueryResultRow>(
  central: pg.ClientBase,
  text: string,
): Promise<T[] | null> {
  try {
    return (await central.query<T>(text)).rows;
  } catch (error) {
    if ((error as { code?: unknown }).code === '42501') return null;
    throw error;
  }
}

function addUnmatchedTombstones(db: SqliteDatabase, hashes: readonly string[]): void {
  if (hashes.length === 0) return;
  writeSyncState(db, KEY, [...new Set([...unmatchedTombstones(db), ...hashes])]);
}

export function unmatchedTombstones(db: SqliteDatabase): string[] {
  return (readSyncState(db, KEY) as string[] | null) ?? [];
}

export function clearUnmatchedTombstones(db: SqliteDatabase): void {
  deleteSyncState(db, KEY);
}

/**
 * The ids this desk holds anything of (a record, a merge, a conflict, a queued change, a
 * duplicate pair, a case's subject) whose salted hash is one of the tombstones, skipping ids
 * already known to be purged.
 */
export function tombstonedIds(
  db: SqliteDatabase,
  salt: string,
  hashes: readonly string[],
  alreadyPurged: ReadonlySet<number>,
): number[] {
  const wanted = new Set(hashes);
  for (const id of alreadyPurged) wanted.delete(subjectHash(salt, id));
  if (wanted.size === 0) return [];
  const held = db
    .prepare(
      `SELECT customer_id FROM customers
       UNION SELECT survivor_id FROM merges
       UNION SELECT j.value FROM merges, json_each(merges.merged_ids) j
       UNION SELECT pk FROM conflicts WHERE table_name = 'customers'
       UNION SELECT pk FROM outbox_rows WHERE table_name = 'customers'
       UNION SELECT a FROM dedupe_candidates UNION SELECT b FROM dedupe_candidates
       UNION SELECT a FROM dedupe_decisions UNION SELECT b FROM dedupe_decisions
       UNION SELECT customer_id FROM case_subjects`,
    )
    .pluck()
    .iterate() as IterableIterator<number>;
  const found: number[] = [];
  for (const id of held) {
    if (typeof id === 'number' && wanted.has(subjectHash(salt, id))) found.push(id);
  }
  return found;
}

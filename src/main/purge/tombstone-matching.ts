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
export function addUnmatchedTombstones(db: SqliteDatabase, hashes: readonly string[]): void {
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

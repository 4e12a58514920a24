import type { SqliteDatabase } from '../db/open';
import { FeatureTable, type DedupeSource } from './record-features';
import { hash32 } from './string-hash';

export interface DedupePurge {
  keys: number;
  candidates: number;
  decisions: number;
  nameCounts: number;
  merges: number;
}

/**
 * Removes what duplicate detection keeps about erased customers: their blocking keys (hashes of
 * their name, email, phone and address), the candidate pairs and "not the same person" decisions
 * that name them, their share of the name counts, and the merges made on this desk that involve
 * them, whose snapshots hold the records as they were. `sources` are the records as detection
 * read them, taken before their rows were deleted. `collect` receives each merge's snapshot and
 * payload first, so what they held is looked for elsewhere too.
 *
 * Keys written for an older version of a record are not recomputable here; the purge follow-up
 * sweeps the key index for the customers' ids.
 */
export function purgeDedupeTraces(
  db: SqliteDatabase,
  ids: readonly number[],
  sources: readonly DedupeSource[],
  collect: (value: unknown) => void,
): DedupePurge {
  const list = JSON.stringify(ids);
  const features = new FeatureTable(Math.max(sources.length, 1));
  const removeKey = db.prepare('DELETE FROM dedupe_keys WHERE hash = ? AND customer_id = ?');
  let keys = 0;
  for (const source of sources) {
    features.add(source, (key) => {
      keys += removeKey.run(hash32(key), source.customerId).changes;
    });
  }

  // A record added since the last full check was not counted: its name's count comes out one
  // low until the next full check recounts, which only makes that name look a little rarer.
  // Only names two records or more carry are kept: one left is one person, not a count.
  const lower = db.prepare(
    'UPDATE dedupe_name_counts SET records = records - 1 WHERE hash = ? AND records > 2',
  );
  const drop = db.prepare('DELETE FROM dedupe_name_counts WHERE hash = ? AND records <= 2');
  let nameCounts = 0;
  for (let i = 0; i < features.size; i++) {
    for (const hash of new Set([features.givenHashes[i], features.familyHashes[i]])) {
      if (hash) nameCounts += lower.run(hash).changes + drop.run(hash).changes;
    }
  }

  const inList = `IN (SELECT value FROM json_each(?))`;
  const candidates = db
    .prepare(`DELETE FROM dedupe_candidates WHERE a ${inList} OR b ${inList}`)
    .run(list, list).changes;
  const decisions = db
    .prepare(`DELETE FROM dedupe_decisions WHERE a ${inList} OR b ${inList}`)
    .run(list, list).changes;

  const merges = db
    .prepare(
      `SELECT op_id, before FROM merges m WHERE survivor_id ${inList}
         OR EXISTS (SELECT 1 FROM json_each(m.merged_ids) j WHERE j.value ${inList})
         OR EXISTS (SELECT 1 FROM json_each(m.before, '$.customers') c
                    WHERE c.value ->> '$.customer_id' ${inList})`,
    )
    .all(list, list, list) as { op_id: string; before: string }[];
  const removeMerge = db.prepare('DELETE FROM merges WHERE op_id = ?');
  for (const merge of merges) {
    collect(JSON.parse(merge.before) as unknown);
    removeMerge.run(merge.op_id);
  }
  return { keys, candidates, decisions, nameCounts, merges: merges.length };
}

import { appendAuditEntry } from '../audit/audit-trail';
import type { SqliteDatabase } from '../db/open';
import { purgeDedupeTraces } from '../dedupe/dedupe-purge';
import { scrubExportHistory } from '../export/export-purge';
import { purgeSearchTraces } from '../search/search-purge';
import { requestRefetch } from '../sync/conflicts';
import type { RowKey } from '../sync/replica-tables';
import { ErasedSubjects } from './erased-subjects';
import { scheduleFollowUp } from './purge-follow-up';
import { purgeQueuedWork } from './queued-work';
import { identityNeedles } from './scrub-text';
import { SubjectTraces } from './subject-traces';

const CHILD_TABLES = [
  ['addresses', 'address_id'],
  ['orders', 'order_id'],
  ['interactions', 'interaction_id'],
  ['events', 'event_id'],
  ['consents', 'consent_id'],
] as const;

export type PurgeTrigger = 'deleted-centrally' | 'tombstone';

/** How many of each kind of thing a purge removed: counts only, as the audit entry records them. */
export type PurgeCounts = Record<string, number>;

export interface PurgeContext {
  actor: string;
  now: Date;
  trigger: PurgeTrigger;
}

/**
 * Removes every trace of customers central no longer has (an erasure, or any deletion) from this
 * desk, in the caller's transaction, which is the one that applies the deletion: a crash leaves
 * either all of it or none. Their rows and child rows go, whatever an unpushed operation says;
 * so do their search documents and the vocabulary words only they had, their duplicate keys,
 * candidate pairs, decisions and name counts, the merges made here that involve them, the queued
 * operations and conflicts about them, and their names in the export history. Child rows are
 * read again from central on the next pull, so what central keeps (an anonymised order) comes
 * back without them. The ids are recorded (by salted hash) so nothing of theirs is stored again,
 * the slow storage-level clean-up is scheduled (see purge-follow-up), and the purge is audited
 * with ids and counts, never values.
 */
export function purgeSubjects(
  db: SqliteDatabase,
  customerIds: readonly number[],
  context: PurgeContext,
): PurgeCounts {
  if (!db.inTransaction)
    throw new Error('purgeSubjects must run inside the deletion’s transaction.');
  const ids = [...new Set(customerIds)].sort((a, b) => a - b);
  if (ids.length === 0) return {};
  const idSet = new Set(ids);
  const traces = new SubjectTraces(db, idSet);
  const queued = purgeQueuedWork(db, idSet, traces);
  const dedupe = purgeDedupeTraces(db, ids, traces.sources, (value) => traces.collect(value));
  const rows = deleteRows(db, ids);
  requestRefetch(db, [...queued.refetch, ...rows.children]);
  const search = purgeSearchTraces(db, ids, traces.texts);
  const exports = scrubExportHistory(db, identityNeedles(traces.names, traces.emails));

  const erased = new ErasedSubjects(db);
  for (const id of ids) erased.add(id, context.now);

  const counts: PurgeCounts = {
    ...rows.counts,
    vocabularyWords: search.terms,
    duplicateKeys: dedupe.keys,
    duplicateCandidates: dedupe.candidates,
    duplicateDecisions: dedupe.decisions,
    nameCounts: dedupe.nameCounts,
    merges: dedupe.merges,
    queuedOperations: queued.operations,
    conflicts: queued.conflicts,
    exportsScrubbed: exports,
  };
  // A deletion of records this desk never held leaves nothing to clean up or to audit.
  if (Object.values(counts).some((n) => n > 0)) {
    scheduleFollowUp(db, ids);
    appendAuditEntry(
      db,
      {
        actor: context.actor,
        action: 'subject.purged',
        subject: ids.length === 1 ? `customer:${ids[0]}` : null,
        details: { customerIds: ids, trigger: context.trigger, removed: counts },
      },
      context.now,
    );
  }
  return counts;
}

/** The customers and their child rows, protected by unpushed operations or not. */
function deleteRows(
  db: SqliteDatabase,
  ids: readonly number[],
): { counts: PurgeCounts; children: { table: string; pk: RowKey }[] } {
  const list = JSON.stringify(ids);
  const inList = 'customer_id IN (SELECT value FROM json_each(?))';
  const counts: PurgeCounts = {};
  const children: { table: string; pk: RowKey }[] = [];
  for (const [table, pk] of CHILD_TABLES) {
    const keys = db.prepare(`SELECT ${pk} FROM ${table} WHERE ${inList}`).pluck().all(list);
    for (const key of keys as RowKey[]) children.push({ table, pk: key });
    counts[table] = db.prepare(`DELETE FROM ${table} WHERE ${inList}`).run(list).changes;
  }
  counts.customers = db.prepare(`DELETE FROM customers WHERE ${inList}`).run(list).changes;
  return { counts, children };
}

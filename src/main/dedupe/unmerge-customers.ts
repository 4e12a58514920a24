import { AppError } from '../../shared/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { SqliteDatabase } from '../db/open';
import { indexCustomersNow } from '../search/search-indexer';
import { queueOperation } from '../sync/outbox';
import type { RowKey } from '../sync/replica-tables';
import { subjectsAfterUnmerge } from './case-subjects';
import type { MergeSnapshot } from './merge-customers';
import { CHILD_TABLES } from './merge-records';

interface MergeRow {
  op_id: string;
  survivor_id: number;
  merged_ids: string;
  before: string;
  survivor_version_after: number;
  undone_at: string | null;
}

/**
 * Undoes a merge made on this desk, in one SQLite transaction: every record takes back its fields,
 * restriction and status, every child row and withdrawn consent goes back to how it was, and open
 * cases name the records they named. The `customer.unmerge` operation is queued for central, which
 * restores from its own copy, and the undo is audited. Refused when the surviving record changed
 * since the merge: undoing would silently drop that change.
 */
export function unmergeCustomers(
  db: SqliteDatabase,
  audit: AuditTrail,
  actor: string,
  mergeOpId: string,
  now: Date,
): string {
  return db.transaction(() => {
    const merge = db.prepare('SELECT * FROM merges WHERE op_id = ?').get(mergeOpId) as
      MergeRow | undefined;
    if (!merge)
      throw new AppError('NOT_FOUND', 'There is no merge made on this desk with that id.');
    if (merge.undone_at !== null) {
      throw new AppError(
        'CONFLICTING_CHANGE',
        `This merge was already undone on ${merge.undone_at}.`,
      );
    }
    const blocked = undoBlocked(db, merge);
    if (blocked) throw new AppError('CONFLICTING_CHANGE', blocked);
    const snapshot = JSON.parse(merge.before) as MergeSnapshot;
    const touched: { table: string; pk: RowKey }[] = snapshot.customers.map((c) => ({
      table: 'customers',
      pk: c.customer_id,
    }));

    const restore = db.prepare(
      `UPDATE customers SET name = ?, email = ?, phone = ?, status = ?, created_at = ?, last_active = ?,
         tags = ?, lifecycle_stage = ?, attributes = ?, restricted = ?, merged_into = ?,
         version = version + 1 WHERE customer_id = ?`,
    );
    for (const c of snapshot.customers) {
      restore.run(
        c.name,
        c.email,
        c.phone,
        c.status,
        c.created_at,
        c.last_active,
        c.tags,
        c.lifecycle_stage,
        c.attributes,
        c.restricted,
        c.merged_into,
        c.customer_id,
      );
    }
    for (const { table, pk } of CHILD_TABLES) {
      const relink = db.prepare(
        `UPDATE ${table} SET customer_id = ?, version = version + 1 WHERE ${pk} = ?`,
      );
      for (const [id, customerId] of snapshot.links[table] ?? []) {
        relink.run(customerId, id);
        touched.push({ table, pk: id });
      }
    }
    const consent = db.prepare(
      `UPDATE consents SET customer_id = ?, granted = ?, source = ?, granted_at = ?, withdrawn_at = ?,
         updated_at = ?, version = version + 1 WHERE consent_id = ?`,
    );
    for (const c of snapshot.withdrawnConsents) {
      consent.run(
        c.customer_id,
        c.granted,
        c.source,
        c.granted_at,
        c.withdrawn_at,
        c.updated_at,
        c.consent_id,
      );
      touched.push({ table: 'consents', pk: c.consent_id });
    }
    const subjectsOf = db.prepare('SELECT subject_ids FROM cases WHERE case_id = ?').pluck();
    const setSubjects = db.prepare(
      'UPDATE cases SET subject_ids = ?, version = version + 1 WHERE case_id = ?',
    );
    for (const [caseId, was, became] of snapshot.cases) {
      const current = subjectsOf.get(caseId) as string | undefined;
      if (current === undefined) continue;
      const restored = subjectsAfterUnmerge(JSON.parse(current) as number[], was, became);
      setSubjects.run(JSON.stringify(restored), caseId);
      touched.push({ table: 'cases', pk: caseId });
    }

    const opId = queueOperation(
      db,
      { kind: 'customer.unmerge', payload: { merge_op_id: mergeOpId }, rows: touched },
      now,
    );
    db.prepare('UPDATE merges SET undone_at = ?, undo_op_id = ? WHERE op_id = ?').run(
      now.toISOString(),
      opId,
      mergeOpId,
    );
    const ids = snapshot.customers.map((c) => c.customer_id);
    audit.record({
      actor,
      action: 'customer.unmerged',
      subject: `customer:${merge.survivor_id}`,
      details: { opId, mergeOpId, restoredIds: JSON.parse(merge.merged_ids) as number[] },
    });
    indexCustomersNow(db, ids);
    return opId;
  })();
}

/** Why this merge cannot be undone now, or null. */
export function undoBlocked(
  db: SqliteDatabase,
  merge: Pick<MergeRow, 'survivor_id' | 'survivor_version_after' | 'undone_at'>,
): string | null {
  if (merge.undone_at !== null) return 'already undone';
  const version = db
    .prepare('SELECT version FROM customers WHERE customer_id = ?')
    .pluck()
    .get(merge.survivor_id) as number | undefined;
  if (version === undefined)
    return `customer ${merge.survivor_id} is no longer in the replica (erased?)`;
  if (version !== merge.survivor_version_after) {
    return `customer ${merge.survivor_id} changed after the merge; undoing would lose that change`;
  }
  return null;
}

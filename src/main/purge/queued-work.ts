import type { SqliteDatabase } from '../db/open';
import type { RowKey } from '../sync/replica-tables';
import { namesCustomer, parseJson, type SubjectTraces } from './subject-traces';

const CHILD_TABLES: Record<string, string> = {
  addresses: 'address_id',
  orders: 'order_id',
  interactions: 'interaction_id',
  events: 'event_id',
  consents: 'consent_id',
};

export interface QueuedWorkPurge {
  operations: number;
  conflicts: number;
  /** Rows those operations had changed locally, which central's version must now replace. */
  refetch: { table: string; pk: RowKey }[];
}

/**
 * Drops the queued operations (pending or refused) and the conflicts, resolved ones included,
 * that are about the erased customers: their payloads hold the person's values (a rectified
 * email, a merge's chosen name, central's copy of the row), and central would refuse them now
 * anyway, the customer being gone. Run before the customer's rows are deleted: an operation is
 * about them when it names them or changed one of their child rows.
 */
export function purgeQueuedWork(
  db: SqliteDatabase,
  ids: ReadonlySet<number>,
  traces: SubjectTraces,
): QueuedWorkPurge {
  const rowsOf = db.prepare('SELECT table_name AS "table", pk FROM outbox_rows WHERE op_id = ?');
  const owners = new Map(
    Object.entries(CHILD_TABLES).map(([table, key]) => [
      table,
      db.prepare(`SELECT customer_id FROM ${table} WHERE ${key} = ?`).pluck(),
    ]),
  );
  const ownerOf = (table: string, pk: RowKey): unknown => owners.get(table)?.get(pk) ?? null;
  const isTheirs = (row: { table: string; pk: RowKey }) =>
    (row.table === 'customers' && ids.has(Number(row.pk))) ||
    ids.has(Number(ownerOf(row.table, row.pk)));

  const dropped = new Set<string>();
  const refetch: { table: string; pk: RowKey }[] = [];
  const operations = db.prepare('SELECT op_id, payload FROM outbox').all() as {
    op_id: string;
    payload: string;
  }[];
  for (const op of operations) {
    const payload = parseJson(op.payload);
    const rows = rowsOf.all(op.op_id) as { table: string; pk: RowKey }[];
    if (!namesCustomer(payload, ids) && !rows.some(isTheirs)) continue;
    traces.collect(payload);
    dropped.add(op.op_id);
    refetch.push(...rows.filter((row) => !isTheirs(row)));
  }
  const removeOperation = db.prepare('DELETE FROM outbox WHERE op_id = ?');
  for (const opId of dropped) removeOperation.run(opId);

  const conflicts = db
    .prepare('SELECT conflict_id, op_id, table_name, pk, local_value, central_value FROM conflicts')
    .all() as {
    conflict_id: number;
    op_id: string;
    table_name: string;
    pk: RowKey;
    local_value: string;
    central_value: string;
  }[];
  const removeConflict = db.prepare('DELETE FROM conflicts WHERE conflict_id = ?');
  let conflictCount = 0;
  for (const conflict of conflicts) {
    const local = parseJson(conflict.local_value);
    const central = parseJson(conflict.central_value);
    const about =
      dropped.has(conflict.op_id) ||
      (conflict.table_name === 'customers' && ids.has(Number(conflict.pk))) ||
      namesCustomer(local, ids) ||
      namesCustomer(central, ids);
    if (!about) continue;
    traces.collect(local);
    traces.collect(central);
    removeConflict.run(conflict.conflict_id);
    conflictCount += 1;
  }
  return { operations: dropped.size, conflicts: conflictCount, refetch };
}

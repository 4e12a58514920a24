import type { SqliteDatabase } from '../db/open';
import type { OperationKind } from '../central/operations';
import { queueOperation } from './outbox';
import type { RowKey } from './replica-tables';
import { readSyncState, writeSyncState } from './sync-state';

export interface Conflict {
  conflictId: number;
  opId: string;
  kind: OperationKind;
  table: string;
  pk: RowKey;
  /** The operation as the desk sent it. */
  local: Record<string, unknown>;
  /** The central row(s) as they are now, or {reason} when central refused the operation. */
  central: unknown;
  raisedAt: string;
}

export const REFETCH_KEY = 'refetch';

export function listConflicts(db: SqliteDatabase): Conflict[] {
  const rows = db
    .prepare(
      `SELECT conflict_id, op_id, operation, table_name, pk, local_value, central_value, raised_at
       FROM conflicts WHERE resolved_at IS NULL ORDER BY conflict_id`,
    )
    .all() as {
    conflict_id: number;
    op_id: string;
    operation: OperationKind;
    table_name: string;
    pk: RowKey;
    local_value: string;
    central_value: string;
    raised_at: string;
  }[];
  return rows.map((r) => ({
    conflictId: r.conflict_id,
    opId: r.op_id,
    kind: r.operation,
    table: r.table_name,
    pk: r.pk,
    local: JSON.parse(r.local_value) as Record<string, unknown>,
    central: JSON.parse(r.central_value) as unknown,
    raisedAt: r.raised_at,
  }));
}

/**
 * Resolves a conflict one of two ways. `reapply` sends the desk's change again on top of the
 * version central has now (the officer has seen both values and chose theirs); `discard` drops
 * the desk's change and has the next pull restore the central row.
 */
export function resolveConflict(
  db: SqliteDatabase,
  conflictId: number,
  resolution: 'reapply' | 'discard',
  now: Date,
): void {
  const conflict = listConflicts(db).find((c) => c.conflictId === conflictId);
  if (!conflict) throw new Error(`No open conflict ${conflictId}.`);
  db.transaction(() => {
    const rows = db
      .prepare('SELECT table_name AS "table", pk FROM outbox_rows WHERE op_id = ?')
      .all(conflict.opId) as { table: string; pk: RowKey }[];
    db.prepare('DELETE FROM outbox WHERE op_id = ?').run(conflict.opId);
    if (resolution === 'reapply') {
      const opId = queueOperation(
        db,
        { kind: conflict.kind, payload: rebase(conflict.local, conflict.central), rows },
        now,
      );
      // A merge is undone by its operation id: the desk's record of it follows the new one.
      db.prepare('UPDATE merges SET op_id = ? WHERE op_id = ?').run(opId, conflict.opId);
    } else {
      requestRefetch(db, rows);
      // A merge central never applied cannot be undone; the refetch brings the records back.
      db.prepare('DELETE FROM merges WHERE op_id = ?').run(conflict.opId);
    }
    db.prepare('UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE conflict_id = ?').run(
      now.toISOString(),
      resolution,
      conflictId,
    );
  }).immediate();
}

/** The same change with the base version(s) central reported, so it applies on the new state. */
function rebase(payload: Record<string, unknown>, central: unknown): Record<string, unknown> {
  const rows = (Array.isArray(central) ? central : [central]).filter(
    (r): r is { customer_id?: number; version: number } =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as { version?: unknown }).version === 'number',
  );
  if (rows.length === 0)
    throw new Error('Central refused this change outright; it can only be discarded.');
  if ('base_versions' in payload) {
    const versions = { ...(payload.base_versions as Record<string, number>) };
    for (const row of rows)
      if (row.customer_id !== undefined) versions[row.customer_id] = row.version;
    return { ...payload, base_versions: versions };
  }
  return { ...payload, base_version: rows[0]?.version };
}

/** Has the next pull read these rows again from central (or remove them, if central has none). */
export function requestRefetch(
  db: SqliteDatabase,
  rows: readonly { table: string; pk: RowKey }[],
): void {
  if (rows.length === 0) return;
  const list = (readSyncState(db, REFETCH_KEY) as { table: string; pk: RowKey }[] | null) ?? [];
  writeSyncState(db, REFETCH_KEY, [...list, ...rows]);
}

import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../db/open';
import type { OperationKind } from '../central/operations';
import type { RowKey } from './replica-tables';

export interface QueuedOperation {
  kind: OperationKind;
  payload: Record<string, unknown>;
  /** Replica rows the operation changed locally: pull leaves them alone until central answers. */
  rows: { table: string; pk: RowKey }[];
}

export interface OutboxEntry {
  opId: string;
  seq: number;
  kind: OperationKind;
  payload: Record<string, unknown>;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  state: 'pending' | 'rejected';
}

/**
 * Queues a named operation. Call it inside the same SQLite transaction as the local change it
 * describes, so the change and its way to central are committed together or not at all.
 */
export function queueOperation(db: SqliteDatabase, operation: QueuedOperation, now: Date): string {
  if (!db.inTransaction) {
    throw new Error('queueOperation must run inside the transaction of the change it describes.');
  }
  const opId = randomUUID();
  const seq = db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM outbox').pluck().get() as number;
  db.prepare(
    'INSERT INTO outbox (op_id, seq, operation, payload, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(opId, seq, operation.kind, JSON.stringify(operation.payload), now.toISOString());
  const link = db.prepare(
    'INSERT OR IGNORE INTO outbox_rows (op_id, table_name, pk) VALUES (?, ?, ?)',
  );
  for (const row of operation.rows) link.run(opId, row.table, row.pk);
  return opId;
}

export function listOutbox(db: SqliteDatabase, state?: 'pending' | 'rejected'): OutboxEntry[] {
  const rows = db
    .prepare(
      `SELECT op_id, seq, operation, payload, attempts, next_attempt_at, last_error, state
       FROM outbox ${state ? 'WHERE state = ?' : ''} ORDER BY seq`,
    )
    .all(...(state ? [state] : [])) as {
    op_id: string;
    seq: number;
    operation: OperationKind;
    payload: string;
    attempts: number;
    next_attempt_at: string | null;
    last_error: string | null;
    state: 'pending' | 'rejected';
  }[];
  return rows.map((r) => ({
    opId: r.op_id,
    seq: r.seq,
    kind: r.operation,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    state: r.state,
  }));
}

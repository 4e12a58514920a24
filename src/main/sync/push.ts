import type pg from 'pg';
import type { SqliteDatabase } from '../db/open';
import { applyOperation, CentralPermissionError } from '../central/operations';
import { describeFailure, isOffline, isTransient } from './failure-kind';
import { listOutbox, type OutboxEntry } from './outbox';

export interface PushResult {
  applied: number;
  conflicts: number;
  /** Set when central could not be reached; the rest waits for the next attempt. */
  deferred: string | null;
  /** The failure, when the connection itself was lost: nothing more can be done on it. */
  lostConnection: Error | null;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** 2 s, 4 s, 8 s ... up to five minutes between attempts at an operation central did not receive. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends queued operations in order. Applied (or already applied: the acknowledgement was lost)
 * leaves the outbox; a conflict or refusal becomes a conflict the officer resolves, keeping its
 * rows protected from pull until then, and so does any failure that is not passing (see
 * failure-kind); a network failure stops the push, since later operations may depend on earlier
 * ones, and schedules a retry with backoff.
 */
export async function pushOutbox(
  central: pg.ClientBase,
  db: SqliteDatabase,
  now: () => Date = () => new Date(),
): Promise<PushResult> {
  const result: PushResult = { applied: 0, conflicts: 0, deferred: null, lostConnection: null };
  for (const entry of listOutbox(db, 'pending')) {
    if (entry.nextAttemptAt && entry.nextAttemptAt > now().toISOString()) {
      result.deferred = `waiting to retry ${entry.kind} until ${entry.nextAttemptAt}`;
      break;
    }
    let outcome;
    try {
      outcome = await applyOperation(central, {
        opId: entry.opId,
        kind: entry.kind,
        payload: entry.payload,
      });
    } catch (error) {
      // A refusal that would come back on every attempt is shown to the officer at once, so it
      // never holds back the operations queued after it.
      if (error instanceof CentralPermissionError || !isTransient(error)) {
        const reason =
          error instanceof CentralPermissionError
            ? error.message
            : `Central could not apply this change: ${describeFailure(error)}. Discard it, or correct the record and save it again.`;
        raiseConflict(db, entry, { reason }, now());
        result.conflicts += 1;
        continue;
      }
      const message = describeFailure(error);
      db.prepare(
        'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE op_id = ?',
      ).run(
        message,
        new Date(now().getTime() + backoffMs(entry.attempts + 1)).toISOString(),
        entry.opId,
      );
      result.deferred = message;
      if (isOffline(error)) {
        result.lostConnection = error instanceof Error ? error : new Error(message);
      }
      break;
    }
    if (outcome.status === 'applied') {
      db.prepare('DELETE FROM outbox WHERE op_id = ?').run(entry.opId);
      result.applied += 1;
    } else {
      raiseConflict(
        db,
        entry,
        outcome.status === 'conflict' ? outcome.current : { reason: outcome.reason },
        now(),
      );
      result.conflicts += 1;
    }
  }
  return result;
}

function raiseConflict(db: SqliteDatabase, entry: OutboxEntry, central: unknown, at: Date): void {
  const row = db
    .prepare(
      // The first row an operation names is the one it is about (a case before its timeline entry).
      'SELECT table_name, pk FROM outbox_rows WHERE op_id = ? ORDER BY rowid LIMIT 1',
    )
    .get(entry.opId) as { table_name: string; pk: number | string } | undefined;
  db.transaction(() => {
    db.prepare("UPDATE outbox SET state = 'rejected' WHERE op_id = ?").run(entry.opId);
    db.prepare(
      `INSERT INTO conflicts (op_id, operation, table_name, pk, local_value, central_value, raised_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.opId,
      entry.kind,
      row?.table_name ?? '',
      row?.pk ?? 0,
      JSON.stringify(entry.payload),
      JSON.stringify(central ?? null),
      at.toISOString(),
    );
  }).immediate();
}

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SqliteDatabase } from '../db/open';
import { applyOperation } from '../central/operations';
import { describeFailure, isTransient } from './failure-kind';
import { readSyncState, writeSyncState } from './sync-state';

const BATCH = 500;
const REFUSED_KEY = 'audit.refused';

interface UnpushedEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  hash: string;
}

/** An audit entry central would not take, kept with the reason; the entry stays in the local chain. */
export interface RefusedAuditEntry {
  seq: number;
  reason: string;
  at: string;
}

export function refusedAuditEntries(db: SqliteDatabase): RefusedAuditEntry[] {
  return (readSyncState(db, REFUSED_KEY) as RefusedAuditEntry[] | null) ?? [];
}

/**
 * Sends the desk's audit entries (views, searches, changes) to the central audit log, oldest first,
 * marking each batch pushed once central has it. Central keys entries by (desk, seq), so a batch
 * sent again after a lost acknowledgement adds nothing. A batch central refuses for a reason
 * other than the network is sent again entry by entry: the entries it takes are marked pushed,
 * each one it refuses is recorded with its reason and skipped, so one bad entry never stops the
 * others or the pull after them.
 */
export async function pushAuditEntries(
  central: pg.ClientBase,
  db: SqliteDatabase,
  deskId: string,
  now: () => Date = () => new Date(),
): Promise<number> {
  const unpushed = db.prepare(
    `SELECT seq, at, actor, action, subject, details, hash FROM audit_log
     WHERE pushed_at IS NULL AND seq NOT IN (SELECT value ->> '$.seq' FROM json_each(?))
     ORDER BY seq LIMIT ${BATCH}`,
  );
  const markPushed = db.prepare(
    'UPDATE audit_log SET pushed_at = ? WHERE seq BETWEEN ? AND ? AND pushed_at IS NULL',
  );
  let pushed = 0;
  for (;;) {
    const entries = unpushed.all(JSON.stringify(refusedAuditEntries(db))) as UnpushedEntry[];
    const first = entries[0];
    const last = entries.at(-1);
    if (!first || !last) break;
    try {
      await send(central, deskId, entries);
      markPushed.run(now().toISOString(), first.seq, last.seq);
      pushed += entries.length;
    } catch (error) {
      if (isTransient(error)) throw error;
      for (const entry of entries) {
        try {
          await send(central, deskId, [entry]);
          markPushed.run(now().toISOString(), entry.seq, entry.seq);
          pushed += 1;
        } catch (single) {
          if (isTransient(single)) throw single;
          refuse(db, entry.seq, describeFailure(single), now());
        }
      }
    }
    if (entries.length < BATCH) break;
  }
  return pushed;
}

async function send(central: pg.ClientBase, deskId: string, entries: UnpushedEntry[]) {
  const outcome = await applyOperation(central, {
    opId: randomUUID(),
    kind: 'audit.append',
    payload: {
      desk_id: deskId,
      entries: entries.map((e) => ({ ...e, details: JSON.parse(e.details) as unknown })),
    },
  });
  if (outcome.status !== 'applied') {
    const why = outcome.status === 'rejected' ? outcome.reason : 'a conflict';
    throw new Error(`Central did not take the desk's audit entries: ${why}.`);
  }
}

function refuse(db: SqliteDatabase, seq: number, reason: string, at: Date): void {
  writeSyncState(db, REFUSED_KEY, [
    ...refusedAuditEntries(db),
    { seq, reason, at: at.toISOString() },
  ]);
}

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SqliteDatabase } from '../db/open';
import { applyOperation } from '../central/operations';

const BATCH = 500;

interface UnpushedEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  hash: string;
}

/**
 * Sends the desk's audit entries (views, searches, changes) to the central audit log, oldest first,
 * marking each batch pushed once central has it. Central keys entries by (desk, seq), so a batch
 * sent again after a lost acknowledgement adds nothing.
 */
export async function pushAuditEntries(
  central: pg.ClientBase,
  db: SqliteDatabase,
  deskId: string,
  now: () => Date = () => new Date(),
): Promise<number> {
  const unpushed = db.prepare(
    `SELECT seq, at, actor, action, subject, details, hash FROM audit_log
     WHERE pushed_at IS NULL ORDER BY seq LIMIT ${BATCH}`,
  );
  const markPushed = db.prepare(
    'UPDATE audit_log SET pushed_at = ? WHERE seq BETWEEN ? AND ? AND pushed_at IS NULL',
  );
  let pushed = 0;
  for (;;) {
    const entries = unpushed.all() as UnpushedEntry[];
    const first = entries[0];
    const last = entries.at(-1);
    if (!first || !last) break;
    const outcome = await applyOperation(central, {
      opId: randomUUID(),
      kind: 'audit.append',
      payload: {
        desk_id: deskId,
        entries: entries.map((e) => ({ ...e, details: JSON.parse(e.details) as unknown })),
      },
    });
    if (outcome.status !== 'applied') {
      throw new Error(`Central did not take the desk's audit entries (${outcome.status}).`);
    }
    markPushed.run(now().toISOString(), first.seq, last.seq);
    pushed += entries.length;
    if (entries.length < BATCH) break;
  }
  return pushed;
}

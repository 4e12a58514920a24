import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ReplayedEntry } from '../fixtures/access-audit-log';

/**
 * Replays an audit log into central the way it arrived: desk entries through the desk's push
 * function (reflect.op_audit_append, one desk per login, entries numbered in order) and central
 * operations as the rows apply_operation writes, each at its recorded time.
 */
export async function replayAuditLog(
  owner: pg.ClientBase,
  entries: ReplayedEntry[],
): Promise<void> {
  const desks = new Map<string, { id: string; seq: number }>();
  for (const entry of entries) {
    if (entry.source === 'central') {
      await owner.query(
        `INSERT INTO reflect.audit_log (at, actor, action, subject, details, op_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [entry.at, entry.login, entry.action, entry.subject, entry.details, randomUUID()],
      );
      continue;
    }
    const desk = desks.get(entry.login) ?? { id: randomUUID(), seq: 0 };
    desks.set(entry.login, desk);
    desk.seq += 1;
    const hash = createHash('sha256').update(`${entry.login}:${desk.seq}`).digest('hex');
    const { rows } = await owner.query<{ outcome: { status: string } }>(
      'SELECT reflect.op_audit_append($1, $2) AS outcome',
      [
        {
          desk_id: desk.id,
          entries: [{ seq: desk.seq, ...entry, actor: entry.login, hash }],
        },
        entry.login,
      ],
    );
    if (rows[0]?.outcome.status !== 'applied') throw new Error(JSON.stringify(rows[0]));
  }
}

import { AppError } from '../../shared/errors';
import type { DismissedPair } from '../../shared/dedupe';
import type { AuditTrail } from '../audit/audit-trail';
import type { SqliteDatabase } from '../db/open';

interface DecisionRow {
  a: number;
  b: number;
  a_name: string | null;
  b_name: string | null;
  decided_by: string;
  decided_at: string;
}

/** Pairs marked "not the same person" on this desk, newest first (a page of them). */
export function listDismissedPairs(db: SqliteDatabase, limit: number): DismissedPair[] {
  const rows = db
    .prepare(
      `SELECT d.a, d.b, ca.name AS a_name, cb.name AS b_name, d.decided_by, d.decided_at
       FROM dedupe_decisions d
       LEFT JOIN customers ca ON ca.customer_id = d.a
       LEFT JOIN customers cb ON cb.customer_id = d.b
       WHERE d.decision = 'different'
       ORDER BY d.decided_at DESC, d.a, d.b LIMIT ?`,
    )
    .all(limit) as DecisionRow[];
  return rows.map((r) => ({
    a: { customerId: r.a, name: r.a_name },
    b: { customerId: r.b, name: r.b_name },
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  }));
}

/**
 * Takes back "not the same person" for one pair: the pair may be suggested again, and the two
 * records are marked for the next check, which scores them afresh. Audited.
 */
export function undoDismissal(
  db: SqliteDatabase,
  audit: AuditTrail,
  actor: string,
  ids: [number, number],
): void {
  const [a, b] = ids[0] < ids[1] ? ids : [ids[1], ids[0]];
  db.transaction(() => {
    const removed = db
      .prepare(`DELETE FROM dedupe_decisions WHERE a = ? AND b = ? AND decision = 'different'`)
      .run(a, b);
    if (removed.changes === 0) {
      throw new AppError(
        'NOT_FOUND',
        `Customers ${a} and ${b} are not marked as different people on this desk.`,
      );
    }
    const mark = db.prepare('INSERT INTO dedupe_dirty (customer_id) VALUES (?)');
    mark.run(a);
    mark.run(b);
    audit.record({
      actor,
      action: 'duplicates.dismissal-undone',
      subject: `customer:${a}`,
      details: { customerIds: [a, b] },
    });
  })();
}

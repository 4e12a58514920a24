import type { SqliteDatabase } from '../../src/main/db/open';
import { queueOperation } from '../../src/main/sync/outbox';

const QUEUED_AT = new Date('2026-03-02T10:00:00Z');

/**
 * An email rectification queued in the outbox at the version the replica holds, in one
 * transaction: with `applyLocally` the replica row changes too, as the desk does it; without,
 * the operation only sits in the outbox, as one written by an older desk would.
 */
export function queueEmailRectify(
  db: SqliteDatabase,
  customerId: number,
  email: string,
  { applyLocally }: { applyLocally: boolean },
): string {
  return db.transaction(() => {
    const version = db
      .prepare('SELECT version FROM customers WHERE customer_id = ?')
      .pluck()
      .get(customerId);
    if (applyLocally) {
      db.prepare('UPDATE customers SET email = ? WHERE customer_id = ?').run(email, customerId);
    }
    return queueOperation(
      db,
      {
        kind: 'customer.rectify',
        payload: { customer_id: customerId, base_version: version, changes: { email } },
        rows: [{ table: 'customers', pk: customerId }],
      },
      QUEUED_AT,
    );
  })();
}

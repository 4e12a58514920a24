import { AppError } from '../../shared/errors';
import type { MergeRecordView } from '../../shared/dedupe';
import type { SqliteDatabase } from '../db/open';
import type { ConsentRow, Customer } from '../db/schema';

export type { ConsentRow };

export const CHILD_TABLES = [
  { table: 'addresses', pk: 'address_id' },
  { table: 'orders', pk: 'order_id' },
  { table: 'interactions', pk: 'interaction_id' },
  { table: 'events', pk: 'event_id' },
  { table: 'consents', pk: 'consent_id' },
] as const;

/** The customer rows, in the order asked; refused if any is missing or already merged. */
export function loadUnmergedCustomers(db: SqliteDatabase, ids: readonly number[]): Customer[] {
  const get = db.prepare('SELECT * FROM customers WHERE customer_id = ?');
  return ids.map((id) => {
    const row = get.get(id) as Customer | undefined;
    if (!row) throw new AppError('NOT_FOUND', `Customer ${id} is not in the replica.`);
    if (row.merged_into !== null) {
      throw new AppError(
        'CONFLICTING_CHANGE',
        `Customer ${id} was already merged into ${row.merged_into}. Look at the surviving record instead.`,
      );
    }
    return row;
  });
}

/** A record as the comparison screen shows it: fields, addresses, what hangs off it, open cases. */
export function recordView(db: SqliteDatabase, row: Customer): MergeRecordView {
  const id = row.customer_id;
  const attributes = JSON.parse(row.attributes) as Record<string, unknown>;
  const count = (table: string) =>
    db.prepare(`SELECT count(*) FROM ${table} WHERE customer_id = ?`).pluck().get(id) as number;
  const addresses = db
    .prepare(
      `SELECT address_id, kind, line1, line2, postcode, city, country FROM addresses
       WHERE customer_id = ? ORDER BY address_id`,
    )
    .all(id) as {
    address_id: number;
    kind: string;
    line1: string;
    line2: string | null;
    postcode: string | null;
    city: string;
    country: string;
  }[];
  return {
    customerId: id,
    version: row.version,
    name: row.name,
    email: row.email,
    phone: row.phone,
    status: row.status,
    lifecycle_stage: row.lifecycle_stage,
    last_active: row.last_active,
    createdAt: row.created_at,
    tags: JSON.parse(row.tags) as string[],
    restricted: row.restricted === 1,
    emailVerified: attributes.email_verified === true,
    phoneVerified: attributes.phone_verified === true,
    addresses: addresses.map((a) => ({
      addressId: a.address_id,
      kind: a.kind,
      text: [a.line1, a.line2, [a.postcode, a.city].filter(Boolean).join(' '), a.country]
        .filter(Boolean)
        .join(', '),
    })),
    counts: {
      addresses: addresses.length,
      orders: count('orders'),
      interactions: count('interactions'),
      events: count('events'),
      consents: count('consents'),
    },
    consents: latestConsents(db, id).map((c) => ({
      purpose: c.purpose,
      granted: c.granted === 1,
      updatedAt: c.updated_at,
    })),
    openCases: db
      .prepare(
        `SELECT c.case_id AS caseId, c.reference FROM case_subjects s JOIN cases c USING (case_id)
         WHERE s.customer_id = ? AND s.open = 1 ORDER BY c.received_at`,
      )
      .all(id) as { caseId: string; reference: string | null }[],
  };
}

/** Every consent row of a record, the newest per purpose last. */
export function consentRows(db: SqliteDatabase, customerId: number): ConsentRow[] {
  return db
    .prepare('SELECT * FROM consents WHERE customer_id = ? ORDER BY purpose, consent_id')
    .all(customerId) as ConsentRow[];
}

/** The record's current answer per purpose: its newest consent row for that purpose. */
export function latestConsents(db: SqliteDatabase, customerId: number): ConsentRow[] {
  const latest = new Map<string, ConsentRow>();
  for (const row of consentRows(db, customerId)) latest.set(row.purpose, row);
  return [...latest.values()];
}

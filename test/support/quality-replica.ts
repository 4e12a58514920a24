import type { SqliteDatabase } from '../../src/main/db/open';

export interface KnownCustomer {
  id: number;
  name: string;
  email?: string | null;
  phone?: string | null;
  attributes?: Record<string, unknown>;
  /** Street lines of the customer's addresses, with the first address's country. */
  address?: { lines: string[]; country: string };
  mergedInto?: number;
}

/** Writes customers with exactly the values given, as a sync would have stored them. */
export function writeKnownCustomers(db: SqliteDatabase, customers: KnownCustomer[]): void {
  const customer = db.prepare(
    `INSERT INTO customers (customer_id, name, email, phone, status, created_at, tags, attributes,
       merged_into, version)
     VALUES (?, ?, ?, ?, 'active', '2026-01-01T00:00:00.000Z', '[]', ?, ?, 1)`,
  );
  const address = db.prepare(
    `INSERT INTO addresses (customer_id, kind, line1, city, country, created_at, version)
     VALUES (?, 'home', ?, 'Town', ?, '2026-01-01T00:00:00.000Z', 1)`,
  );
  db.transaction(() => {
    for (const c of customers) {
      customer.run(
        c.id,
        c.name,
        c.email ?? null,
        c.phone ?? null,
        JSON.stringify(c.attributes ?? {}),
        c.mergedInto ?? null,
      );
      for (const line of c.address?.lines ?? []) address.run(c.id, line, c.address?.country);
    }
  })();
}

/** A candidate pair as a duplicate check leaves it (a < b). */
export function writeCandidatePair(
  db: SqliteDatabase,
  a: number,
  b: number,
  probability: number,
): void {
  db.prepare(
    `INSERT INTO dedupe_candidates (a, b, probability, pattern, found_at)
     VALUES (?, ?, ?, 0, '2026-01-01T00:00:00.000Z')`,
  ).run(Math.min(a, b), Math.max(a, b), probability);
}

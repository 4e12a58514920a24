import type { SqliteDatabase } from '../db/open';

/** The country of the customer's first address: how a phone number without a country code is read. */
export function homeCountry(db: SqliteDatabase, customerId: number): string | null {
  const country = db
    .prepare('SELECT country FROM addresses WHERE customer_id = ? ORDER BY address_id LIMIT 1')
    .pluck()
    .get(customerId) as string | undefined;
  return country ?? null;
}

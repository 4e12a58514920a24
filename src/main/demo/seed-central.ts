import type pg from 'pg';
import type { CustomerBundle, DuplicateTruth } from './synthetic-data';

const BATCH = 500;

/**
 * Writes synthetic bundles into a central database in batches: each batch is one JSON parameter
 * per table, expanded by jsonb_populate_recordset, so a million customers cost a few thousand
 * round trips and memory stays at one batch.
 */
export async function seedCentral(
  client: pg.ClientBase,
  bundles: Iterable<CustomerBundle>,
  onProgress?: (customers: number) => void,
): Promise<number> {
  let batch: CustomerBundle[] = [];
  let written = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await writeBatch(client, batch);
    written += batch.length;
    onProgress?.(written);
    batch = [];
  };
  for (const bundle of bundles) {
    batch.push(bundle);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  // Ids were given explicitly; later inserts through the identity columns must not collide.
  for (const [table, pk] of [
    ['customers', 'customer_id'],
    ['addresses', 'address_id'],
    ['orders', 'order_id'],
    ['interactions', 'interaction_id'],
    ['events', 'event_id'],
    ['consents', 'consent_id'],
  ] as const) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence('reflect.${table}', '${pk}'),
                     greatest((SELECT max(${pk}) FROM reflect.${table}), 1))`,
    );
  }
  return written;
}

async function writeBatch(client: pg.ClientBase, batch: CustomerBundle[]): Promise<void> {
  const insert = (table: string, rows: object[]) =>
    rows.length === 0
      ? Promise.resolve()
      : client.query(
          `INSERT INTO reflect.${table} SELECT * FROM jsonb_populate_recordset(NULL::reflect.${table}, $1::jsonb)`,
          [JSON.stringify(rows)],
        );
  await client.query('BEGIN');
  try {
    await insert(
      'customers',
      batch.map((b) => ({ ...b.customer, restricted: false, merged_into: null, version: 1 })),
    );
    await insert(
      'addresses',
      batch.flatMap((b) => b.addresses.map((r) => ({ ...r, version: 1 }))),
    );
    await insert(
      'orders',
      batch.flatMap((b) => b.orders.map((r) => ({ ...r, version: 1 }))),
    );
    await insert(
      'interactions',
      batch.flatMap((b) => b.interactions.map((r) => ({ ...r, version: 1 }))),
    );
    await insert(
      'events',
      batch.flatMap((b) => b.events.map((r) => ({ ...r, version: 1 }))),
    );
    await insert(
      'consents',
      batch.flatMap((b) => b.consents.map((r) => ({ ...r, version: 1 }))),
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * The generator's duplicate pairs, kept beside the demo data (schema reflect_demo, never part of a
 * real install) so duplicate detection can be measured against them.
 */
export async function writeDuplicateTruth(
  client: pg.ClientBase,
  truth: readonly DuplicateTruth[],
): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS reflect_demo;
    CREATE TABLE IF NOT EXISTS reflect_demo.duplicate_truth (
      original_id bigint NOT NULL, duplicate_id bigint PRIMARY KEY, kinds text[] NOT NULL)`);
  for (let i = 0; i < truth.length; i += 5000) {
    await client.query(
      `INSERT INTO reflect_demo.duplicate_truth
       SELECT (t ->> 'original_id')::bigint, (t ->> 'duplicate_id')::bigint,
              ARRAY(SELECT jsonb_array_elements_text(t -> 'kinds'))
       FROM jsonb_array_elements($1::jsonb) t ON CONFLICT (duplicate_id) DO NOTHING`,
      [JSON.stringify(truth.slice(i, i + 5000))],
    );
  }
}

import type pg from 'pg';
import { createCentralClient } from '../../src/main/sync/central-client';
import { createTestDatabase, type TestDatabase } from './postgres-database';

/** A central database with the schema installed and a client that reads values as the desk does. */
export async function centralWithClient(): Promise<{ database: TestDatabase; central: pg.Client }> {
  const database = await createTestDatabase({ central: true });
  const central = createCentralClient({ connectionString: database.url });
  central.on('error', () => undefined);
  await central.connect();
  return { database, central };
}

/** A small, fixed population written with plain SQL: `count` customers, each with children. */
export async function seedCentral(client: pg.ClientBase, count: number, offset = 0): Promise<void> {
  await client.query(
    `INSERT INTO reflect.customers (customer_id, name, email, phone, status, created_at, tags, attributes)
     SELECT i, 'Person ' || i, 'p' || i || '@example.org', '+4477009' || lpad(i::text, 5, '0'),
            'active', timestamptz '2024-01-01' + i * interval '1 hour',
            ARRAY['t' || (i % 3)], jsonb_build_object('n', i, 'locale', 'en-GB')
     FROM generate_series($1::bigint + 1, $1::bigint + $2::bigint) i`,
    [offset, count],
  );
  await client.query(
    `INSERT INTO reflect.orders (customer_id, placed_at, status, total_cents, currency)
     SELECT i, timestamptz '2025-01-01' + i * interval '1 minute', 'delivered', i * 10, 'EUR'
     FROM generate_series($1::bigint + 1, $1::bigint + $2::bigint) i`,
    [offset, count],
  );
  await client.query(
    `INSERT INTO reflect.events (customer_id, event_type, occurred_at, metadata)
     SELECT i, 'login', timestamptz '2025-02-01' + i * interval '1 second',
            jsonb_build_object('ip', '192.0.2.' || (i % 250), 'ua', jsonb_build_object('os', 'linux'))
     FROM generate_series($1::bigint + 1, $1::bigint + $2::bigint) i, generate_series(1, 2)`,
    [offset, count],
  );
  await client.query(
    `INSERT INTO reflect.consents (customer_id, purpose, granted, source, granted_at)
     SELECT i, 'marketing_email', i % 2 = 0, 'web_form', timestamptz '2024-06-01'
     FROM generate_series($1::bigint + 1, $1::bigint + $2::bigint) i`,
    [offset, count],
  );
}

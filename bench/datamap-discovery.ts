/**
 * bench/datamap-discovery: discovery of a company database it has never seen (the foreign
 * schema of the tests: a person keyed by text, addresses through city and country lookups, a
 * partitioned event table, a composite key two hops away, newsletter sign-ups with no foreign
 * key), at N people with 5 orders, 5 order lines, 5 payments and 5 web events each (21 child
 * rows per person with the address). Then the same for Reflect's reference tables at N
 * customers, and the cost of the check every sync makes (catalog read and comparison).
 *
 *   npm run bench:datamap -- --people 1000000
 *
 * Data is generated inside PostgreSQL from fixed formulas, so every run sees the same rows.
 * Prints JSON.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { installCentral } from '../src/main/central/install';
import { readCatalog } from '../src/main/datamap/catalog';
import { diffMapWithCatalog } from '../src/main/datamap/catalog-drift';
import { discover } from '../src/main/datamap/discover';
import { createForeignSchema } from '../test/support/foreign-schema';
import { startPrivatePostgres } from '../test/support/postgres';

const { values } = parseArgs({ options: { people: { type: 'string', default: '100000' } } });
const people = Number(values.people);

const REFERENCE_SEED = `
INSERT INTO reflect.customers (customer_id, name, email, phone, status, created_at, attributes)
SELECT i, 'Customer ' || i, 'customer' || i || '@example.org', '+4477009' || lpad((i % 100000)::text, 5, '0'),
       'active', timestamptz '2018-01-01' + i * interval '3 minutes', jsonb_build_object('locale', 'en-GB')
FROM generate_series(1, $1::bigint) i;
INSERT INTO reflect.addresses (customer_id, kind, line1, city, postcode, country)
SELECT i, 'home', (i % 200) || ' Example Street', 'Leeds', 'LS' || (i % 30) || ' ' || (i % 9) || 'AB', 'GB'
FROM generate_series(1, $1::bigint) i;
INSERT INTO reflect.orders (customer_id, placed_at, status, total_cents, currency)
SELECT i, timestamptz '2024-01-01' + (i * 5 + k) * interval '1 minute', 'delivered', (i * k) % 50000, 'EUR'
FROM generate_series(1, $1::bigint) i, generate_series(1, 5) k;
INSERT INTO reflect.events (customer_id, event_type, occurred_at, metadata)
SELECT i, 'page_view', timestamptz '2025-01-01' + (i * 15 + k) * interval '1 second', jsonb_build_object('ip', '198.51.100.' || (i % 250))
FROM generate_series(1, $1::bigint) i, generate_series(1, 15) k;
ANALYZE reflect.customers, reflect.addresses, reflect.orders, reflect.events;
`;

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await run();
  return [value, Math.round(performance.now() - started)];
};

const postgres = await startPrivatePostgres();
const client = new pg.Client({ connectionString: postgres.url });
try {
  await client.connect();
  const [, foreignSeedMs] = await timed(() =>
    createForeignSchema(client, { people, ordersPerPerson: 5, eventsPerPerson: 5 }),
  );
  const rows = await client.query<{ n: string }>(
    `SELECT sum(reltuples)::bigint::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'crm' AND c.relkind = 'r'`,
  );
  const [foreign, foreignDiscoverMs] = await timed(() => discover(client, { schemas: ['crm'] }));
  const [catalog, catalogMs] = await timed(() => readCatalog(client, { schemas: ['crm'] }));
  const started = performance.now();
  const findings = diffMapWithCatalog(foreign.map, catalog);
  const diffMs = Math.round(performance.now() - started);

  await installCentral(client);
  const [, referenceSeedMs] = await timed(() =>
    client.query(REFERENCE_SEED.replaceAll('$1', String(people))),
  );
  const [reference, referenceDiscoverMs] = await timed(() =>
    discover(client, { schemas: ['reflect'] }),
  );

  console.log(
    JSON.stringify(
      {
        people,
        foreign: {
          tables: foreign.tables.length,
          rows: Number(rows.rows[0]?.n ?? 0),
          seedMs: foreignSeedMs,
          discoverMs: foreignDiscoverMs,
          sampledRows: foreign.sampled.rows,
          subject: foreign.map.subject.table,
          identityRoles: Object.keys(foreign.map.subject.identity).length,
          questions: foreign.map.questions.length,
        },
        syncCheck: { catalogMs, diffMs, findings: findings.length },
        reference: {
          seedMs: referenceSeedMs,
          discoverMs: referenceDiscoverMs,
          tables: reference.tables.length,
          subject: reference.map.subject.table,
          mappedTables: reference.map.tables.length,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await client.end();
  postgres.stop();
}

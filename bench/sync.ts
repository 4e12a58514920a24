/**
 * bench/sync: initial sync of N customers with children from a local PostgreSQL into the encrypted
 * replica, against the physical baseline (the same rows inserted with prepared statements into the
 * same kind of encrypted SQLite file), then an incremental pull of 10k changed rows.
 *
 *   npm run bench:sync -- --customers 1000000
 *
 * Children per customer: 1.5 addresses, 3 orders, 2 interactions, 8 events, 2 consents. Data is
 * generated inside PostgreSQL from fixed formulas, so every run sees the same rows. Prints JSON.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installCentral } from '../src/main/central/install';
import { openReplica } from '../src/main/db/connection';
import { openEncryptedDatabase } from '../src/main/db/open';
import { createCentralClient } from '../src/main/sync/central-client';
import { Puller } from '../src/main/sync/pull';
import { REPLICA_TABLES } from '../src/main/sync/replica-tables';
import { startPrivatePostgres } from '../test/support/postgres';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '100000' } } });
const customers = Number(values.customers);

const SEED_SQL = `
INSERT INTO reflect.customers (customer_id, name, email, phone, status, created_at, last_active, tags, lifecycle_stage, attributes)
SELECT i, 'Customer ' || i, 'customer' || i || '@example.org', '+4477009' || lpad((i % 100000)::text, 5, '0'),
       (ARRAY['active','inactive','churned'])[1 + i % 3], timestamptz '2018-01-01' + i * interval '3 minutes',
       timestamptz '2025-01-01' + i * interval '1 minute', ARRAY['segment-' || (i % 7)],
       (ARRAY['lead','prospect','customer','advocate'])[1 + i % 4], jsonb_build_object('locale', 'en-GB', 'score', i % 100)
FROM generate_series(1, $1::bigint) i;
INSERT INTO reflect.addresses (customer_id, kind, line1, city, postcode, country, created_at)
SELECT i, (ARRAY['home','billing'])[k], k || ' Example Street', 'Leeds', 'LS' || (i % 30) || ' ' || (i % 9) || 'AB', 'GB', timestamptz '2020-01-01'
FROM generate_series(1, $1::bigint) i, generate_series(1, 2) k WHERE k = 1 OR i % 2 = 0;
INSERT INTO reflect.orders (customer_id, placed_at, status, total_cents, currency)
SELECT i, timestamptz '2024-01-01' + (i * 3 + k) * interval '1 minute', 'delivered', (i * k) % 50000, 'EUR'
FROM generate_series(1, $1::bigint) i, generate_series(1, 3) k;
INSERT INTO reflect.interactions (customer_id, channel, occurred_at, summary)
SELECT i, (ARRAY['email','phone'])[k], timestamptz '2024-06-01' + i * interval '1 minute', 'Asked about order status'
FROM generate_series(1, $1::bigint) i, generate_series(1, 2) k;
INSERT INTO reflect.events (customer_id, event_type, occurred_at, metadata)
SELECT i, (ARRAY['page_view','login','purchase','email_open'])[1 + k % 4], timestamptz '2025-01-01' + (i * 8 + k) * interval '1 second',
       jsonb_build_object('ip', '198.51.100.' || (i % 250), 'utm', jsonb_build_object('source', 'newsletter', 'campaign', 'c' || (k % 5)))
FROM generate_series(1, $1::bigint) i, generate_series(1, 8) k;
INSERT INTO reflect.consents (customer_id, purpose, granted, source, granted_at)
SELECT i, (ARRAY['marketing_email','profiling'])[k], (i + k) % 3 <> 0, 'web_form', timestamptz '2023-01-01'
FROM generate_series(1, $1::bigint) i, generate_series(1, 2) k;
`;

const postgres = await startPrivatePostgres();
const dir = mkdtempSync(join(tmpdir(), 'reflect-bench-sync-'));
const central = createCentralClient({ connectionString: postgres.url });
try {
  await central.connect();
  await installCentral(central);
  const seedStarted = performance.now();
  await central.query(SEED_SQL.replaceAll('$1', String(customers)));
  await central.query('ANALYZE');
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const totalRows = Number(
    (
      await central.query<{ n: number }>(
        `SELECT ${REPLICA_TABLES.map((t) => `(SELECT count(*) FROM reflect.${t.name})`).join(' + ')} AS n`,
      )
    ).rows[0]?.n,
  );

  const replicaKey = randomBytes(32);
  const replica = await openReplica(join(dir, 'replica.db'), replicaKey, { create: true });
  const syncStarted = performance.now();
  const result = await new Puller(central, replica.raw).pull();
  const syncSeconds = (performance.now() - syncStarted) / 1000;
  // The sync's own peak, before the baseline below opens two more connections.
  const syncPeakRss = Math.round(process.resourceUsage().maxRSS / 1024);

  // The physical baseline: the same rows inserted with prepared statements into another file of
  // the same kind (encrypted, same schema and indexes), read through a second connection.
  const baseline = await openReplica(join(dir, 'baseline.db'), randomBytes(32), { create: true });
  const reader = openEncryptedDatabase(join(dir, 'replica.db'), replicaKey, { create: false });
  const rawStarted = performance.now();
  baseline.raw.transaction(() => {
    for (const table of REPLICA_TABLES) {
      const insert = baseline.raw.prepare(
        `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`,
      );
      const rows = reader.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name}`).raw();
      for (const row of rows.iterate()) insert.run(row);
    }
  })();
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  reader.close();
  await baseline.close();

  await central.query(
    `UPDATE reflect.customers SET last_active = now() WHERE customer_id <= 10000`,
  );
  const incrementalStarted = performance.now();
  const incremental = await new Puller(central, replica.raw).pull();
  const incrementalSeconds = (performance.now() - incrementalStarted) / 1000;
  await replica.close();

  const syncRate = totalRows / syncSeconds;
  const rawRate = totalRows / rawSeconds;
  console.log(
    JSON.stringify(
      {
        bench: 'sync',
        customers,
        rows: totalRows,
        centralSeedSeconds: round(seedSeconds),
        initialSync: {
          wallSeconds: round(syncSeconds),
          rowsPerSecond: Math.round(syncRate),
          rowsCopied: result.snapshotRows,
        },
        rawEncryptedInsert: { wallSeconds: round(rawSeconds), rowsPerSecond: Math.round(rawRate) },
        syncToRawRate: round(syncRate / rawRate),
        incremental: {
          changedRows: incremental.changesApplied,
          wallSeconds: round(incrementalSeconds),
        },
        peakRssDuringSyncMegabytes: syncPeakRss,
        peakRssWholeRunMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
        node: process.version,
      },
      null,
      2,
    ),
  );
} finally {
  await central.end().catch(() => undefined);
  postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}

function round(value: number): number {
  return Number(value.toFixed(2));
}

/**
 * bench/retention: what a retention preview and run cost on central with N customers and their
 * orders and events (3 orders and 8 events each, dated over twelve years, so about half the
 * orders are past the seed's 7 years and most events past its 90 days). Times the preview, the
 * run that removes them (through erasure's apply function, change log included), and a second
 * run that finds nothing. A fixed clock; data from fixed formulas, so every run sees the same rows.
 *
 *   npm run bench:retention -- --customers 33334     (about 100k orders)
 *
 * Prints one JSON object.
 */
import { parseArgs } from 'node:util';
import { installCentral } from '../src/main/central/install';
import { previewRetention, runRetention } from '../src/main/retention/central-retention';
import { createCentralClient } from '../src/main/sync/central-client';
import { startPrivatePostgres } from '../test/support/postgres';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '33334' } } });
const customers = Number(values.customers);
const NOW = new Date('2030-01-01T00:00:00Z');

const SEED_SQL = `
INSERT INTO reflect.customers (customer_id, name, email, created_at, last_active)
SELECT i, 'Customer ' || i, 'customer' || i || '@example.org', timestamptz '2018-01-01', timestamptz '2029-06-01'
FROM generate_series(1, $1::bigint) i;
INSERT INTO reflect.orders (customer_id, placed_at, status, total_cents, currency)
SELECT 1 + i % $1, timestamptz '2018-01-01' + (i % 4383) * interval '1 day', 'paid', 100 + i % 900, 'EUR'
FROM generate_series(1, $1 * 3) i;
INSERT INTO reflect.events (customer_id, event_type, occurred_at)
SELECT 1 + i % $1, 'page_view', timestamptz '2018-01-01' + (i % 4383) * interval '1 day'
FROM generate_series(1, $1 * 8) i;
UPDATE reflect.retention_policies SET confirmed = true;
`;

const seconds = (started: number) => Math.round(performance.now() - started) / 1000;

const postgres = await startPrivatePostgres();
const central = createCentralClient({ connectionString: postgres.url });
try {
  await central.connect();
  await installCentral(central);
  await central.query(SEED_SQL.replaceAll('$1', String(customers)));
  await central.query('ANALYZE');
  // A few people under a legal hold, as a real run meets them.
  await central.query(
    `INSERT INTO reflect.legal_holds (customer_id, reason, placed_by) SELECT i, 'bench', 'bench' FROM generate_series(1, 50) i`,
  );
  const orders = Number(
    (await central.query<{ n: string }>('SELECT count(*) AS n FROM reflect.orders')).rows[0]?.n,
  );
  const events = Number(
    (await central.query<{ n: string }>('SELECT count(*) AS n FROM reflect.events')).rows[0]?.n,
  );
  let started = performance.now();
  const preview = await previewRetention(central, NOW);
  const previewSeconds = seconds(started);
  started = performance.now();
  const run = await runRetention(central, NOW);
  const runSeconds = seconds(started);
  started = performance.now();
  const again = await runRetention(central, NOW);
  const secondRunSeconds = seconds(started);
  process.stdout.write(
    `${JSON.stringify(
      {
        customers,
        orders,
        events,
        previewSeconds,
        removes: preview.removes,
        held: preview.held,
        runSeconds,
        run: run.status === 'done' ? { deleted: run.deleted, skippedHeld: run.skippedHeld } : run,
        secondRunSeconds,
        secondRun: again.status === 'done' ? { deleted: again.deleted } : again,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await central.end();
  postgres.stop();
}

/**
 * bench/quality: the Data quality screen's count over an encrypted replica of N synthetic
 * customers with their addresses: the first count after unlocking (every phone number parsed),
 * a later count after one record changed (phone checks remembered), the longest stretch the
 * owner thread is held between two batches, and a page of the records behind a figure.
 *
 *   npm run bench:quality -- --customers 1000000
 *
 * Prints one JSON object. Data is fixed by the seed; one candidate pair per 40 customers stands in
 * for a duplicate check's result, so the duplicate rate is counted too.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../src/main/db/migrate';
import { openEncryptedDatabase, type SqliteDatabase } from '../src/main/db/open';
import { clusteredRecords } from '../src/main/dedupe/candidate-clusters';
import { generateCustomers } from '../src/main/demo/synthetic-data';
import { scanReplica } from '../src/main/quality/replica-scan';
import { writeBundles } from '../test/support/synthetic-replica';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261207' },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);

async function count(db: SqliteDatabase) {
  let longest = 0;
  let last = performance.now();
  const started = last;
  const scan = await scanReplica(db, {
    defaultRegion: 'GB',
    pause: async () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      await new Promise((resolve) => setImmediate(resolve));
      last = performance.now();
    },
  });
  longest = Math.max(longest, performance.now() - last);
  const clusterStarted = performance.now();
  const duplicates = clusteredRecords(db);
  const clusterMs = performance.now() - clusterStarted;
  longest = Math.max(longest, clusterMs);
  return {
    ms: Math.round(performance.now() - started),
    longestHoldMs: Math.round(longest),
    clusterMs: Math.round(clusterMs),
    scan,
    duplicates,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'reflect-bench-quality-'));
try {
  const raw = openEncryptedDatabase(join(dir, 'replica.db'), randomBytes(32), { create: true });
  await migrate(new Kysely({ dialect: new SqliteDialect({ database: raw }) }));
  const loadStarted = performance.now();
  writeBundles(raw, generateCustomers({ customers, seed }), ['addresses']);
  const pair = raw.prepare(
    `INSERT INTO dedupe_candidates (a, b, probability, pattern, found_at) VALUES (?, ?, ?, 0, 'x')`,
  );
  raw.transaction(() => {
    for (let id = 1; id + 1 <= customers; id += 40)
      pair.run(id, id + 1, id % 80 === 1 ? 0.97 : 0.7);
  })();
  const loadSeconds = Math.round((performance.now() - loadStarted) / 100) / 10;

  const first = await count(raw);
  raw.prepare(`UPDATE customers SET phone = '+44 20 7946 0000' WHERE customer_id = 1`).run();
  const again = await count(raw);
  const pageStarted = performance.now();
  const ids = again.scan.missing.birth_date.slice(500, 550);
  const name = raw.prepare('SELECT name FROM customers WHERE customer_id = ?').pluck();
  for (const id of ids) name.get(id);
  const pageMs = performance.now() - pageStarted;
  console.log(
    JSON.stringify({
      customers,
      seed,
      loadSeconds,
      firstCount: { ms: first.ms, longestHoldMs: first.longestHoldMs, clusterMs: first.clusterMs },
      countAfterOneChange: {
        ms: again.ms,
        longestHoldMs: again.longestHoldMs,
        clusterMs: again.clusterMs,
      },
      recordsPageMs: Math.round(pageMs * 10) / 10,
      figures: {
        counted: again.scan.customers,
        missingBirthDate: again.scan.missing.birth_date.length,
        missingEmail: again.scan.missing.email.length,
        invalidEmail: again.scan.invalidEmail.length,
        invalidPhone: again.scan.invalidPhone.length,
        likely: again.duplicates.likely.length,
        possible: again.duplicates.possible.length,
      },
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    }),
  );
  raw.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

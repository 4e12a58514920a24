/**
 * bench/search: query latency over an encrypted replica of N synthetic customers (with their
 * addresses and orders), for a fixed query mix, against a naive LIKE scan of the same queries in
 * the same run. Also the cost of building the index and how often the intended customer is in the
 * first ten results.
 *
 *   npm run bench:search -- --customers 1000000
 *
 * Prints one JSON object. Data and queries are fixed by the seed.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openReplica } from '../src/main/db/connection';
import type { SqliteDatabase } from '../src/main/db/open';
import { generateCustomers } from '../src/main/demo/synthetic-data';
import { SearchEngine } from '../src/main/search/search-engine';
import { indexStaleCustomers } from '../src/main/search/search-indexer';
import { parsePhone } from '../src/main/search/phone-numbers';
import { writeBundles } from '../test/support/synthetic-replica';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261122' },
    queries: { type: 'string', default: '100' },
    baseline: { type: 'string', default: '10' },
    /** Keep the built replica (and its key) here, and reuse it on the next run with the same size. */
    keep: { type: 'string' },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const perKind = Number(values.queries);
const baselinePerKind = Number(values.baseline);

type Kind = 'exactEmail' | 'phoneFragment' | 'nameTypo' | 'substring3' | 'customerId' | 'orderId';
interface Query {
  kind: Kind;
  text: string;
  /** The customer the query is meant to find; null for broad substring queries. */
  target: number | null;
  /** Namesakes are equally right answers to a name query. */
  targetName: string;
}

/** A small deterministic generator, so every run asks the same questions. */
function picker(start: number) {
  let state = start >>> 0;
  return (n: number) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state % n;
  };
}

function buildQueries(db: SqliteDatabase): Query[] {
  const pick = picker(seed);
  const customer = db.prepare(
    `SELECT c.customer_id, c.name, c.email, c.phone,
            (SELECT country FROM addresses a WHERE a.customer_id = c.customer_id LIMIT 1) AS country
     FROM customers c WHERE c.customer_id = ?`,
  );
  const maxOrder = db.prepare('SELECT max(order_id) FROM orders').pluck().get() as number;
  const orderExists = db.prepare('SELECT customer_id FROM orders WHERE order_id = ?').pluck();
  const queries: Query[] = [];
  const add = (kind: Kind, make: (row: Row) => string | null, target = true) => {
    let made = 0;
    while (made < perKind) {
      const row = customer.get(1 + pick(customers)) as Row | undefined;
      const text = row ? make(row) : null;
      if (!row || !text) continue;
      queries.push({ kind, text, target: target ? row.customer_id : null, targetName: row.name });
      made += 1;
    }
  };
  add('exactEmail', (r) => r.email);
  add('phoneFragment', (r) => {
    const parsed = r.phone ? parsePhone(r.phone, r.country) : null;
    if (!parsed) return null;
    // The last eight digits of the national number, grouped differently from how it is stored.
    const digits = parsed.formatNational().replace(/\D/g, '').slice(-8);
    return digits.length === 8 ? `${digits.slice(0, 4)}-${digits.slice(4)}` : null;
  });
  add('nameTypo', (r) => {
    const [given, family] = r.name.split(' ');
    if (!given || !family || family.length < 5) return null;
    return `${given} ${family.slice(0, 2)}${family[3]}${family[2]}${family.slice(4)}`;
  });
  add(
    'substring3',
    (r) => {
      const family = r.name.split(' ').at(-1) ?? '';
      if (family.length < 4) return null;
      const at = pick(family.length - 2);
      return family.slice(at, at + 3);
    },
    false,
  );
  add('customerId', (r) => String(r.customer_id));
  let orders = 0;
  while (orders < perKind) {
    const id = 1 + pick(maxOrder);
    const owner = orderExists.get(id) as number | undefined;
    if (owner === undefined) continue;
    queries.push({ kind: 'orderId', text: `#${id}`, target: owner, targetName: '' });
    orders += 1;
  }
  return queries;
}

interface Row {
  customer_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  country: string | null;
}

/** What a first version would do: LIKE over every text column, customers joined to addresses. */
function naiveSearch(db: SqliteDatabase) {
  const statement = db.prepare(
    `SELECT c.customer_id FROM customers c
     WHERE c.name LIKE :like OR c.email LIKE :like OR c.phone LIKE :like
        OR CAST(c.customer_id AS TEXT) = :text
        OR c.customer_id IN (SELECT customer_id FROM orders WHERE CAST(order_id AS TEXT) = :bare)
        OR c.customer_id IN (SELECT customer_id FROM addresses WHERE line1 LIKE :like OR postcode LIKE :like)
     LIMIT 50`,
  );
  return (text: string) => statement.all({ like: `%${text}%`, text, bare: text.replace(/^#/, '') });
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const round = (ms: number) => Number(ms.toFixed(2));
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(at(1)) };
}

const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'reflect-bench-search-'));
try {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `replica-${customers}-${seed}.db`);
  const keyPath = `${path}.key`;
  const reuse = values.keep !== undefined && existsSync(path) && existsSync(keyPath);
  const key = reuse ? Buffer.from(readFileSync(keyPath, 'utf8'), 'hex') : randomBytes(32);
  if (values.keep !== undefined && !reuse)
    writeFileSync(keyPath, key.toString('hex'), { mode: 0o600 });
  const replica = await openReplica(path, key, { create: !reuse });
  const db = replica.raw;

  let started = performance.now();
  if (!reuse) writeBundles(db, generateCustomers({ customers, seed }), ['addresses', 'orders']);
  const loadSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const indexed = indexStaleCustomers(db);
  const indexSeconds = (performance.now() - started) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');

  const engine = new SearchEngine(db);
  const queries = buildQueries(db);
  const noFilters = { statuses: [], tags: [] };
  for (const query of queries.slice(0, 50)) engine.search(query.text, noFilters); // warm the cache

  const timings = new Map<Kind | 'all', number[]>([['all', []]]);
  const found = new Map<Kind, { asked: number; found: number }>();
  for (const query of queries) {
    const t0 = performance.now();
    const results = engine.search(query.text, noFilters);
    const ms = performance.now() - t0;
    timings.get('all')?.push(ms);
    timings.set(query.kind, [...(timings.get(query.kind) ?? []), ms]);
    if (query.target !== null) {
      const tally = found.get(query.kind) ?? { asked: 0, found: 0 };
      tally.asked += 1;
      const top = results.hits.slice(0, 10);
      const namesake = query.kind === 'nameTypo' && top.some((h) => h.name === query.targetName);
      if (namesake || top.some((h) => h.customerId === query.target)) tally.found += 1;
      found.set(query.kind, tally);
    }
  }

  const naive = naiveSearch(db);
  const baseline = new Map<Kind | 'all', number[]>([['all', []]]);
  const byKind = new Map<Kind, Query[]>();
  for (const query of queries) byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), query]);
  for (const [kind, list] of byKind) {
    for (const query of list.slice(0, baselinePerKind)) {
      const t0 = performance.now();
      naive(query.text);
      const ms = performance.now() - t0;
      baseline.get('all')?.push(ms);
      baseline.set(kind, [...(baseline.get(kind) ?? []), ms]);
    }
  }

  console.log(
    JSON.stringify(
      {
        bench: 'search',
        customers,
        seed,
        addresses: db.prepare('SELECT count(*) FROM addresses').pluck().get(),
        orders: db.prepare('SELECT count(*) FROM orders').pluck().get(),
        loadSeconds: Number(loadSeconds.toFixed(1)),
        index: {
          customers: indexed,
          seconds: Number(indexSeconds.toFixed(1)),
          customersPerSecond: indexed > 0 ? Math.round(indexed / indexSeconds) : null,
          vocabulary: db.prepare('SELECT count(*) FROM search_terms').pluck().get(),
        },
        replicaMegabytes: Number((statSync(path).size / 1e6).toFixed(0)),
        queries: queries.length,
        searchMs: Object.fromEntries([...timings].map(([k, v]) => [k, percentiles(v)])),
        intendedCustomerInTop10: Object.fromEntries(
          [...found].map(([k, t]) => [k, Number((t.found / t.asked).toFixed(2))]),
        ),
        naiveLikeMs: Object.fromEntries([...baseline].map(([k, v]) => [k, percentiles(v)])),
        // maxRSS is in kilobytes; the work is synchronous, so sampling on a timer would see nothing.
        peakRssMegabytes: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6),
      },
      null,
      2,
    ),
  );
  await replica.close();
} finally {
  if (values.keep === undefined) rmSync(dir, { recursive: true, force: true });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/main/db/open';
import { SearchEngine } from '../../../src/main/search/search-engine';
import { indexStaleCustomers } from '../../../src/main/search/search-indexer';
import { foldText } from '../../../src/main/search/text-folding';
import type { SearchFilters, SearchHit } from '../../../src/shared/types';
import { syntheticReplica } from '../../support/synthetic-replica';

const ALL: SearchFilters = { statuses: [], tags: [] };

interface Row {
  customer_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  status: string;
  tags: string;
}

let raw: SqliteDatabase;
let engine: SearchEngine;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ raw, dispose } = await syntheticReplica(3000, 11));
  indexStaleCustomers(raw);
  engine = new SearchEngine(raw);
});
afterAll(() => dispose());

const customer = (where: string): Row =>
  raw.prepare(`SELECT * FROM customers WHERE ${where} ORDER BY customer_id LIMIT 1`).get() as Row;
const ids = (hits: SearchHit[]) => hits.map((h) => h.customerId);
const marked = (text: string, ranges: [number, number][] | undefined) =>
  (ranges ?? []).map(([a, b]) => text.slice(a, b));

describe('search over the replica', () => {
  it('finds a name with a typo, ranks the person first and says what it corrected', () => {
    const subject = customer(
      `name LIKE '% %' AND length(name) BETWEEN 12 AND 20 AND merged_into IS NULL`,
    );
    const [given, family] = subject.name.split(' ') as [string, string];
    // Swap two letters inside the family name: the commonest typing slip.
    const typo = `${family.slice(0, 2)}${family[3]}${family[2]}${family.slice(4)}`;
    const results = engine.search(`${given} ${typo}`, ALL);
    expect(results.hits[0]?.name).toBe(subject.name);
    expect(results.hits[0]?.approximate).toBe(true);
    expect(results.corrections).toContainEqual({
      word: foldText(typo),
      replacement: foldText(family),
    });
    expect(marked(subject.name, results.hits[0]?.highlights.name)).toEqual([given, family]);
  });

  it('finds an exact email first, with the whole address highlighted', () => {
    const subject = customer('email IS NOT NULL');
    const email = subject.email ?? '';
    const results = engine.search(email.toUpperCase(), ALL);
    expect(results.hits[0]?.customerId).toBe(subject.customer_id);
    expect(marked(email, results.hits[0]?.highlights.email)).toEqual([email]);
  });

  it('finds a phone number typed in another format, and a fragment of it', () => {
    const subject = customer(`phone LIKE '+44 %' AND length(phone) = 16`);
    const phone = subject.phone ?? '';
    const digits = phone.replace(/\D/g, '');
    // "+44 20 7946 0958" as a caller in the UK dials it, with punctuation.
    const national = `(0${digits.slice(2, 4)}) ${digits.slice(4, 8)}-${digits.slice(8)}`;
    expect(ids(engine.search(national, ALL).hits)).toContain(subject.customer_id);
    expect(ids(engine.search(`0044 ${digits.slice(2)}`, ALL).hits)[0]).toBe(subject.customer_id);
    const fragment = `${digits.slice(-7, -4)} ${digits.slice(-4)}`;
    const byFragment = engine.search(fragment, ALL);
    expect(ids(byFragment.hits)).toContain(subject.customer_id);
    const hit = byFragment.hits.find((h) => h.customerId === subject.customer_id);
    expect(marked(phone, hit?.highlights.phone).join('').replace(/\D/g, '')).toBe(digits.slice(-7));
  });

  it('finds customer and order numbers', () => {
    expect(engine.search('1234', ALL).hits[0]).toMatchObject({
      customerId: 1234,
      matchedOrderId: null,
    });
    const order = raw
      .prepare('SELECT order_id, customer_id FROM orders WHERE order_id > 5000 LIMIT 1')
      .get() as { order_id: number; customer_id: number };
    const hit = engine
      .search(`#${order.order_id}`, ALL)
      .hits.find((h) => h.matchedOrderId !== null);
    expect(hit).toMatchObject({ customerId: order.customer_id, matchedOrderId: order.order_id });
  });

  it('finds streets and postcodes', () => {
    const address = raw
      .prepare(
        `SELECT customer_id, line1, postcode FROM addresses WHERE postcode IS NOT NULL LIMIT 1 OFFSET 40`,
      )
      .get() as { customer_id: number; line1: string; postcode: string };
    expect(ids(engine.search(address.line1, ALL).hits)).toContain(address.customer_id);
    const byPostcode = engine.search(address.postcode, ALL);
    expect(ids(byPostcode.hits)).toContain(address.customer_id);
    const hit = byPostcode.hits.find((h) => h.customerId === address.customer_id);
    expect(marked(hit?.address ?? '', hit?.highlights.address)).toContain(address.postcode);
  });

  it('matches substrings, and says so when a short query matches more than it ranks', () => {
    const results = engine.search('son', ALL, 20);
    expect(results.hits).toHaveLength(20);
    expect(results.more).toBe(true);
    for (const hit of results.hits) {
      const text = foldText([hit.name, hit.email, hit.address].join(' '));
      expect(text).toContain('son');
    }
  });

  it('filters by status and tag', () => {
    const statuses = ['churned'];
    const churned = engine.search('example', { statuses, tags: [] }, 100).hits;
    expect(churned.length).toBeGreaterThan(0);
    expect(new Set(churned.map((h) => h.status))).toEqual(new Set(['churned']));
    const vip = engine.search('example', { statuses: [], tags: ['vip'] }, 100).hits;
    expect(vip.length).toBeGreaterThan(0);
    for (const hit of vip) expect(hit.tags).toContain('vip');
  });

  it('never errors on odd input and never matches what was not typed', () => {
    const before = raw.prepare('SELECT count(*) FROM customers').pluck().get();
    const family = customer(`name LIKE '% %'`).name.split(' ')[1] ?? '';
    const odd = [
      '',
      '   ',
      'x'.repeat(10_000),
      `'; DROP TABLE customers; --`,
      '"',
      '""',
      '*',
      `${family}*`,
      `NEAR(${family} smith)`,
      `-${family}`,
      `name:${family}`,
      `${family} OR zzzzqq`,
      'AND',
      '(',
      ')',
      '^',
      '\u0000',
      '🙂🙂🙂',
      '%',
      '_',
    ];
    for (const text of odd) {
      const results = engine.search(text, ALL);
      for (const hit of results.hits.filter((h) => !h.approximate)) {
        const haystack = foldText(
          [hit.name, hit.email, hit.address, hit.phone, String(hit.customerId)].join(' '),
        );
        // Every word the index was asked for is really in the record.
        for (const word of foldText(text.slice(0, 200)).split(/\s+/)) {
          const core = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
          if (core.length >= 3) expect(haystack).toContain(core);
        }
      }
    }
    expect(engine.search(`-${family}`, ALL).hits.length).toBeGreaterThan(0);
    expect(engine.search(`${family} OR zzzzqq`, ALL).hits).toEqual([]);
    expect(engine.search('ab', ALL).hint).toMatch(/at least 3/);
    expect(raw.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(before);
  });
});

describe('the index follows changes', () => {
  it('re-indexes only changed customers, and forgets deleted ones', () => {
    const subject = customer('customer_id = 77');
    raw.prepare(`UPDATE customers SET name = 'Wilhelmina Quarshie' WHERE customer_id = 77`).run();
    raw.prepare(`UPDATE orders SET status = 'refunded' WHERE customer_id = 78`).run();
    expect(raw.prepare('SELECT customer_id FROM search_stale').pluck().all()).toEqual([77]);
    expect(indexStaleCustomers(raw)).toBe(1);
    expect(ids(engine.search('quarshie', ALL).hits)).toEqual([77]);
    // The old email still holds the old name, so a close match may remain; an exact one may not.
    const byOldName = engine.search(subject.name, ALL).hits;
    expect(ids(byOldName.filter((h) => !h.approximate))).not.toContain(77);

    raw.prepare('DELETE FROM customers WHERE customer_id = 77').run();
    indexStaleCustomers(raw);
    expect(engine.search('quarshie', ALL).hits).toEqual([]);
  });

  it('re-indexes a customer when an address moves', () => {
    const address = raw
      .prepare('SELECT address_id, customer_id FROM addresses WHERE customer_id = 90 LIMIT 1')
      .get() as { address_id: number; customer_id: number };
    raw
      .prepare(`UPDATE addresses SET line1 = '1 Zyxwvut Lane' WHERE address_id = ?`)
      .run(address.address_id);
    indexStaleCustomers(raw);
    expect(ids(engine.search('zyxwvut lane', ALL).hits)).toEqual([90]);
  });
});

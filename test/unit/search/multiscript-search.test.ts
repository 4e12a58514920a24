import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/main/db/open';
import { SearchEngine } from '../../../src/main/search/search-engine';
import { indexStaleCustomers } from '../../../src/main/search/search-indexer';
import type { SearchFilters } from '../../../src/shared/types';
import { MULTISCRIPT_PEOPLE, MULTISCRIPT_QUERIES } from '../../fixtures/multiscript-names';
import { syntheticReplica } from '../../support/synthetic-replica';

const ALL: SearchFilters = { statuses: [], tags: [] };
/** Above the synthetic customers' ids, so the fixture's people never collide with them. */
const FIRST_ID = 900_001;
const idOf = new Map(MULTISCRIPT_PEOPLE.map((p, i) => [p.key, FIRST_ID + i]));
const keyOf = new Map([...idOf].map(([key, id]) => [id, key]));

let raw: SqliteDatabase;
let engine: SearchEngine;
let dispose: () => Promise<void>;

beforeAll(async () => {
  // Among synthetic customers (names of five European countries), so "first" is earned.
  ({ raw, dispose } = await syntheticReplica(1500, 19, ['addresses']));
  const customer = raw.prepare(
    `INSERT INTO customers (customer_id, name, status, created_at, version)
     VALUES (?, ?, 'active', '2026-01-01T00:00:00Z', 1)`,
  );
  const address = raw.prepare(
    `INSERT INTO addresses (address_id, customer_id, kind, line1, city, country, created_at, version)
     VALUES (?, ?, 'home', '1 Main Street', ?, 'XX', '2026-01-01T00:00:00Z', 1)`,
  );
  raw.transaction(() => {
    for (const person of MULTISCRIPT_PEOPLE) {
      const id = idOf.get(person.key) ?? 0;
      customer.run(id, person.name);
      if (person.city) address.run(id, id, person.city);
    }
  })();
  indexStaleCustomers(raw);
  engine = new SearchEngine(raw);
});
afterAll(() => dispose());

describe('names in many scripts, as people type them', () => {
  it('covers at least twelve languages and as many scripts', () => {
    expect(new Set(MULTISCRIPT_PEOPLE.map((p) => p.language)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(MULTISCRIPT_PEOPLE.map((p) => p.script)).size).toBeGreaterThanOrEqual(12);
  });

  it.each(MULTISCRIPT_QUERIES.map((q) => [q.text.slice(0, 40), q.why, q] as const))(
    '%j (%s)',
    (_text, _why, query) => {
      const results = engine.search(query.text, ALL);
      const found = results.hits.map((h) => keyOf.get(h.customerId) ?? `synthetic ${h.name}`);
      expect(found[0], `first of ${found.join(', ')}`).toBe(query.first);
      expect(results.hits[0]?.approximate).toBe(query.approximate ?? false);
      expect(found).toEqual(expect.arrayContaining(query.also ?? []));
      const exact = results.hits.filter((h) => !h.approximate).map((h) => keyOf.get(h.customerId));
      for (const other of query.not ?? []) expect(exact).not.toContain(other);
      expect(results.hint).toBeNull();
    },
  );

  it('marks the name as written, whatever was typed', () => {
    const hit = engine.search('lukasiewicz', ALL).hits[0];
    const name = hit?.name ?? '';
    expect((hit?.highlights.name ?? []).map(([a, b]) => name.slice(a, b))).toEqual(['Łukasiewicz']);
    const greek = engine.search('ΠΑΠΑΔΟΠΟΥΛΟΣ', ALL).hits[0];
    const marked = (greek?.highlights.name ?? []).map(([a, b]) => greek?.name.slice(a, b));
    expect(marked).toEqual(['Παπαδόπουλος']);
  });
});

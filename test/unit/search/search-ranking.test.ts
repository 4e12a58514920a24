import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/main/db/open';
import { SearchEngine } from '../../../src/main/search/search-engine';
import { indexStaleCustomers } from '../../../src/main/search/search-indexer';
import { foldText } from '../../../src/main/search/text-folding';
import type { SearchFilters } from '../../../src/shared/types';
import { syntheticReplica } from '../../support/synthetic-replica';

const ALL: SearchFilters = { statuses: [], tags: [] };

let raw: SqliteDatabase;
let engine: SearchEngine;
let dispose: () => Promise<void>;

const customers = (where: string, limit: number) =>
  raw
    .prepare(
      `SELECT customer_id, name, phone FROM customers WHERE merged_into IS NULL AND ${where}
       ORDER BY customer_id LIMIT ${limit}`,
    )
    .all() as { customer_id: number; name: string; phone: string | null }[];

beforeAll(async () => {
  ({ raw, dispose } = await syntheticReplica(3000, 23, ['addresses']));
  // A partial match on every field against an exact name with nothing else in its favour.
  const insert = raw.prepare(
    `INSERT INTO customers (customer_id, name, email, status, created_at, version)
     VALUES (?, ?, ?, 'active', '2026-01-01T00:00:00Z', 1)`,
  );
  insert.run(800_001, 'Johnathan Smithfield', 'john.smith@example.org');
  insert.run(800_002, 'Zebedee Smith Quiller', 'zq@example.org');
  insert.run(800_003, 'Quiller Zebedee', 'q@example.org');
  insert.run(800_004, 'John Smith', 'js@example.org');
  // Last in index order, behind hundreds of Annas, Annes and Joannes.
  insert.run(800_005, 'Ann Quill', 'aq@example.org');
  raw
    .prepare(
      `INSERT INTO addresses (address_id, customer_id, kind, line1, city, country, created_at, version)
       VALUES (800001, 800001, 'home', '1 John Smith Street', 'Zebedee', 'GB', 't', 1)`,
    )
    .run();
  indexStaleCustomers(raw);
  engine = new SearchEngine(raw);
});
afterAll(() => dispose());

describe('ranking', () => {
  it('puts the exact full name first, in any word order, above partial matches everywhere', () => {
    expect(engine.search('Zebedee Quiller', ALL).hits.map((h) => h.customerId)).toEqual([
      800_003, 800_002,
    ]);
    // Johnathan Smithfield has john.smith@ and lives on John Smith Street: still below.
    const johns = engine.search('John Smith', ALL, 200).hits;
    const partial = johns.findIndex((h) => h.customerId === 800_001);
    expect(johns[0]?.name).toBe('John Smith');
    expect(partial).toBeGreaterThan(0);
    expect(johns.slice(0, partial).every((h) => h.name === 'John Smith')).toBe(true);
    const sameName = (name: string) => foldText(name).split(/\s+/).sort().join(' ');
    for (const subject of customers(`name LIKE '% %'`, 40)) {
      // As typed, the very name first; words swapped, a name of the same words first.
      const top = engine.search(subject.name, ALL).hits[0];
      expect(foldText(top?.name ?? ''), subject.name).toBe(foldText(subject.name));
      const reversed = subject.name.split(' ').reverse().join(' ');
      const topReversed = engine.search(reversed, ALL).hits[0];
      expect(sameName(topReversed?.name ?? ''), reversed).toBe(sameName(subject.name));
    }
  });

  it('puts names holding the typed word whole above names that merely contain it', () => {
    const hits = engine.search('ann', ALL, 200).hits;
    const whole = (name: string) =>
      foldText(name)
        .split(/[^a-z]+/)
        .includes('ann');
    const firstPartial = hits.findIndex((h) => !whole(h.name));
    expect(firstPartial).toBeGreaterThan(0);
    expect(hits.slice(firstPartial).some((h) => whole(h.name))).toBe(false);
  });
});

describe('slips and stray characters', () => {
  it('corrects a swap of the second and third letters of a four-letter given name', () => {
    const subjects = customers(`name GLOB '[A-Z][a-z][a-z][a-z] [A-Z]*'`, 200).filter(
      (s) => s.name[1] !== s.name[2],
    );
    expect(subjects.length).toBeGreaterThan(5);
    for (const subject of subjects.slice(0, 10)) {
      const [given = '', family = ''] = subject.name.split(' ');
      const typo = `${given[0] ?? ''}${given[2] ?? ''}${given[1] ?? ''}${given[3] ?? ''}`;
      const results = engine.search(`${typo} ${family}`, ALL);
      expect(results.hits[0]?.name, `${typo} ${family}`).toBe(subject.name);
      expect(results.hits[0]?.approximate).toBe(true);
      expect(results.corrections).toContainEqual({
        word: foldText(typo),
        replacement: foldText(given),
      });
    }
  });

  it('reads a word with a NUL, a zero-width space or a soft hyphen inside as the word', () => {
    const [subject] = customers(`name LIKE '% %' AND length(name) > 10`, 1);
    const name = subject?.name ?? '';
    const plain = engine.search(name, ALL).hits.map((h) => h.customerId);
    expect(plain.length).toBeGreaterThan(0);
    for (const stray of ['\u0000', '\u200b', '\u00ad', '\u2060', '\ufeff', '\u0007']) {
      const spoilt = `${name.slice(0, 3)}${stray}${name.slice(3)}`;
      expect(engine.search(spoilt, ALL).hits.map((h) => h.customerId)).toEqual(plain);
    }
  });

  it('finds a British number written with its trunk prefix in brackets', () => {
    const [subject] = customers(`phone LIKE '+44 7700 900%'`, 1);
    const digits = (subject?.phone ?? '').replace(/\D/g, '');
    const bracketed = `+44 (0)${digits.slice(2, 6)} ${digits.slice(6)}`;
    const hits = engine.search(bracketed, ALL).hits;
    expect(hits[0]?.customerId, bracketed).toBe(subject?.customer_id);
  });
});

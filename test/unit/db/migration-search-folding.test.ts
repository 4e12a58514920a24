import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { SearchEngine } from '../../../src/main/search/search-engine';
import { indexStaleCustomers, paddedTerm } from '../../../src/main/search/search-indexer';
import { freshEncryptedDatabase } from '../../support/replica';

const customer = (id: number, name: string) => ({
  customer_id: id,
  name,
  email: null,
  phone: null,
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
  last_active: null,
  tags: '[]',
  lifecycle_stage: null,
  attributes: '{}',
  version: 1,
});

describe('migration 11: search folding', () => {
  it('queues every customer for re-indexing and forgets vocabulary spelt the old way', async () => {
    const { db, raw } = freshEncryptedDatabase();
    await migrate(db, { target: 10 });
    await db
      .insertInto('customers')
      .values([customer(1, 'Пётр Королёв'), customer(2, 'Ann Smith')])
      .execute();
    raw.prepare('DELETE FROM search_stale').run();
    // The vocabulary as the old folding left it: Cyrillic kept its ё, ASCII as now.
    const term = raw.prepare('INSERT INTO search_terms (term) VALUES (?)');
    const trigrams = raw.prepare('INSERT INTO search_terms_trigrams (rowid, term) VALUES (?, ?)');
    for (const word of ['пётр', 'королёв', 'smith']) {
      trigrams.run(term.run(word).lastInsertRowid, paddedTerm(word));
    }
    const terms = () => raw.prepare('SELECT term FROM search_terms ORDER BY term').pluck().all();
    const termsWithTrigram = (trigram: string) =>
      raw
        .prepare('SELECT rowid FROM search_terms_trigrams WHERE search_terms_trigrams MATCH ?')
        .pluck()
        .all(`"${trigram}"`);
    expect(termsWithTrigram('пёт')).toHaveLength(1);

    await migrate(db, { target: 11 });
    expect(raw.prepare('SELECT customer_id FROM search_stale').pluck().all()).toEqual([1, 2]);
    expect(terms()).toEqual(['smith']);
    expect(termsWithTrigram('пёт')).toEqual([]);
    expect(termsWithTrigram('mit')).toHaveLength(1);

    indexStaleCustomers(raw);
    expect(terms()).toEqual(['ann', 'smith', 'королев', 'петр']);
    const hits = new SearchEngine(raw).search('Петр Королев', { statuses: [], tags: [] }).hits;
    expect(hits.map((h) => [h.customerId, h.approximate])).toEqual([[1, false]]);
  });
});

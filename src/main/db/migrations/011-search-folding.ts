import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * Search folds text one way for queries and index alike (letters that do not decompose, Greek
 * and Cyrillic marks, zero-width characters; see search/text-folding.ts), so every customer's
 * documents are queued to be written again in the new form, by the indexer at the next pull. Until
 * then the old documents still answer. Vocabulary words with a character outside ASCII may be
 * spelt the old way ("łukasz", "пётр"): they go, and the new spellings come back as customers are
 * re-indexed; plain ASCII words fold as before and stay, so typo correction keeps working.
 */
export const searchFolding: Migration = {
  version: 11,
  name: 'search-folding',
  async up(db: Kysely<any>) {
    await sql`INSERT OR IGNORE INTO search_stale SELECT customer_id FROM customers`.execute(db);
    const oldSpellings = sql`SELECT term_id FROM search_terms WHERE term GLOB '*[^ -~]*'`;
    await sql`DELETE FROM search_terms_trigrams WHERE rowid IN (${oldSpellings})`.execute(db);
    await sql`DELETE FROM search_terms WHERE term_id IN (${oldSpellings})`.execute(db);
  },
};

import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The search index: one FTS5 trigram document per customer (substring matching in any language,
 * diacritics and case folded), the same customer's words for corrected queries, a vocabulary of words for typo correction, and a queue of
 * customers whose document is out of date.
 *
 * Triggers only queue ids; the documents are built in JavaScript (phone numbers need a phone
 * library) by the indexer, which sync runs after applying a batch of changes. Queuing is one
 * B-tree insert per changed row, so a snapshot of millions of rows stays fast, and the index is
 * never rebuilt whole: only queued customers are re-indexed.
 */
export const searchIndex: Migration = {
  version: 4,
  name: 'search-index',
  async up(db: Kysely<any>) {
    // Contentless: the replica holds the text already; contentless_delete lets a document be
    // replaced by rowid without supplying its old values.
    await sql`CREATE VIRTUAL TABLE search_documents USING fts5(
      name, email, phone, address,
      tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1
    )`.execute(db);
    // Whole words of the same text (folded before indexing): a typo-corrected query asks for
    // words, and word lists are a few thousand documents long where trigram lists are 100,000s.
    await sql`CREATE VIRTUAL TABLE search_words USING fts5(
      words, tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1
    )`.execute(db);
    await db.schema
      .createTable('search_terms')
      .addColumn('term_id', 'integer', (c) => c.primaryKey())
      .addColumn('term', 'text', (c) => c.notNull().unique())
      .execute();
    await sql`CREATE VIRTUAL TABLE search_terms_trigrams USING fts5(
      term, tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1
    )`.execute(db);
    await db.schema
      .createTable('search_stale')
      .addColumn('customer_id', 'integer', (c) => c.primaryKey())
      .execute();

    const stale = (id: string) => sql.raw(`INSERT OR IGNORE INTO search_stale VALUES (${id});`);
    const triggers = [
      sql`CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
          BEGIN ${stale('NEW.customer_id')} END`,
      sql`CREATE TRIGGER customers_search_update AFTER UPDATE OF name, email, phone ON customers
          BEGIN ${stale('NEW.customer_id')} END`,
      sql`CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
          BEGIN ${stale('OLD.customer_id')} END`,
      sql`CREATE TRIGGER addresses_search_insert AFTER INSERT ON addresses
          WHEN NEW.customer_id IS NOT NULL BEGIN ${stale('NEW.customer_id')} END`,
      sql`CREATE TRIGGER addresses_search_update
          AFTER UPDATE OF customer_id, line1, line2, city, postcode, country ON addresses
          BEGIN ${stale('NEW.customer_id')} ${stale('OLD.customer_id')} END`,
      sql`CREATE TRIGGER addresses_search_delete AFTER DELETE ON addresses
          WHEN OLD.customer_id IS NOT NULL BEGIN ${stale('OLD.customer_id')} END`,
    ];
    for (const trigger of triggers) await trigger.execute(db);
    // A replica synced before this version: every customer needs a document.
    await sql`INSERT INTO search_stale SELECT customer_id FROM customers`.execute(db);
  },
};

import type { SqliteDatabase } from '../db/open';
import { cjkPairs, joinedCjkName } from './cjk-pairs';
import { foldText, foldedWords } from './text-folding';
import { readSyncState, writeSyncState } from '../sync/sync-state';
import { phoneSearchForms } from './phone-numbers';

export interface IndexProgress {
  done: number;
  total: number;
}

interface CustomerText {
  customer_id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  status: string | null;
  tags: string | null;
}

interface AddressText {
  line1: string;
  line2: string | null;
  city: string;
  postcode: string | null;
  country: string;
}

const BATCH = 2000;
/** Words shorter than this are left out of the typo vocabulary: they have no useful neighbours. */
const MIN_TERM = 3;

/**
 * Brings the search documents of every queued customer up to date, in batches each committed with
 * its part of the queue, so an interrupted run resumes with the rest. Runs wherever the replica is
 * written: at the end of a pull (in the sync worker) and after a local change.
 */
export function indexStaleCustomers(
  db: SqliteDatabase,
  onProgress?: (progress: IndexProgress) => void,
): number {
  const total = db.prepare('SELECT count(*) FROM search_stale').pluck().get() as number;
  if (total === 0) return 0;
  const indexer = new SearchIndexer(db);
  const nextBatch = db.prepare(
    `SELECT s.customer_id, c.name, c.email, c.phone, c.status, c.tags
     FROM search_stale s LEFT JOIN customers c ON c.customer_id = s.customer_id
     WHERE s.customer_id > ? ORDER BY s.customer_id LIMIT ?`,
  );
  let after = -1;
  let done = 0;
  for (;;) {
    const batch = nextBatch.all(after, BATCH) as CustomerText[];
    if (batch.length === 0) break;
    db.transaction(() => {
      for (const customer of batch) indexer.write(customer);
    }).immediate();
    after = batch[batch.length - 1]?.customer_id ?? after;
    done += batch.length;
    onProgress?.({ done, total });
  }
  indexer.saveFacets();
  return done;
}

/** Re-indexes the given customers now, inside the caller's transaction (a local change). */
export function indexCustomersNow(db: SqliteDatabase, customerIds: readonly number[]): void {
  const indexer = new SearchIndexer(db);
  const load = db.prepare(
    'SELECT customer_id, name, email, phone, status, tags FROM customers WHERE customer_id = ?',
  );
  for (const id of customerIds) {
    const customer = load.get(id) as CustomerText | undefined;
    indexer.write(
      customer ?? {
        customer_id: id,
        name: null,
        email: null,
        phone: null,
        status: null,
        tags: null,
      },
    );
  }
  indexer.saveFacets();
}

export interface SearchFacets {
  statuses: string[];
  tags: string[];
}

const FACETS_KEY = 'search.facets';

/**
 * The statuses and tags search can filter on. Gathered while indexing, so listing them never scans
 * the customers; the lists only grow (a value nobody has any more just filters to nothing).
 */
export function readSearchFacets(db: SqliteDatabase): SearchFacets {
  return (readSyncState(db, FACETS_KEY) as SearchFacets | null) ?? { statuses: [], tags: [] };
}

class SearchIndexer {
  private readonly addresses;
  private readonly removeDocument;
  private readonly removeWords;
  private readonly insertWords;
  private readonly insertDocument;
  private readonly unqueue;
  private readonly insertTerm;
  private readonly insertTermTrigrams;
  private readonly knownTerms = new Set<string>();
  private readonly statuses = new Set<string>();
  private readonly tags = new Set<string>();

  constructor(private readonly db: SqliteDatabase) {
    this.addresses = db.prepare(
      `SELECT line1, line2, city, postcode, country FROM addresses
       WHERE customer_id = ? ORDER BY address_id`,
    );
    this.removeDocument = db.prepare('DELETE FROM search_documents WHERE rowid = ?');
    this.removeWords = db.prepare('DELETE FROM search_words WHERE rowid = ?');
    this.insertWords = db.prepare('INSERT INTO search_words (rowid, words) VALUES (?, ?)');
    this.insertDocument = db.prepare(
      'INSERT INTO search_documents (rowid, name, email, phone, address) VALUES (?, ?, ?, ?, ?)',
    );
    this.unqueue = db.prepare('DELETE FROM search_stale WHERE customer_id = ?');
    this.insertTerm = db.prepare('INSERT OR IGNORE INTO search_terms (term) VALUES (?)');
    this.insertTermTrigrams = db.prepare(
      'INSERT INTO search_terms_trigrams (rowid, term) VALUES (?, ?)',
    );
  }

  write(customer: CustomerText): void {
    const id = customer.customer_id;
    this.removeDocument.run(id);
    this.removeWords.run(id);
    this.unqueue.run(id);
    if (customer.name === null) return;
    if (customer.status) this.statuses.add(customer.status);
    for (const tag of parseTags(customer.tags)) this.tags.add(tag);
    const addresses = this.addresses.all(id) as AddressText[];
    const country = addresses[0]?.country ?? null;
    const phone = customer.phone ? phoneSearchForms(customer.phone, country).join(' ') : '';
    const address = addresses
      .map((a) => [a.line1, a.line2, a.postcode, a.city].filter(Boolean).join(' '))
      .join(' | ');
    // Folded here exactly as queries are (the tokenizers' own folding then has nothing left to
    // do), so what is typed and what is stored meet in one form, whatever the script.
    const nameWords = foldedWords(customer.name);
    const joined = joinedCjkName(nameWords);
    this.insertDocument.run(
      id,
      joined === null ? foldText(customer.name) : `${foldText(customer.name)} ${joined}`,
      foldText(customer.email ?? ''),
      phone,
      foldText(address),
    );

    const localPart = customer.email?.split('@')[0] ?? '';
    const words = [
      ...nameWords,
      ...[localPart, ...addresses.flatMap((a) => [a.line1, a.city])].flatMap(foldedWords),
    ];
    this.insertWords.run(id, [...words, ...words.flatMap(cjkPairs)].join(' '));
    for (const word of words) this.addTerm(word);
  }

  saveFacets(): void {
    const known = readSearchFacets(this.db);
    const merged = (stored: string[], seen: Set<string>) =>
      [...new Set([...stored, ...seen])].sort((a, b) => a.localeCompare(b));
    const next = {
      statuses: merged(known.statuses, this.statuses),
      tags: merged(known.tags, this.tags),
    };
    if (next.statuses.length !== known.statuses.length || next.tags.length !== known.tags.length) {
      writeSyncState(this.db, FACETS_KEY, next);
    }
  }

  private addTerm(word: string): void {
    if (!isVocabularyWord(word) || this.knownTerms.has(word)) return;
    this.knownTerms.add(word);
    const inserted = this.insertTerm.run(word);
    if (inserted.changes === 1) {
      this.insertTermTrigrams.run(inserted.lastInsertRowid, paddedTerm(word));
    }
  }
}

/** Whether a folded word belongs in the typo vocabulary: long enough, and no digits in it. */
export function isVocabularyWord(word: string): boolean {
  return word.length >= MIN_TERM && !/\d/.test(word);
}

function parseTags(tags: string | null): string[] {
  if (!tags) return [];
  const parsed = JSON.parse(tags) as unknown;
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * Terms are indexed with edge marks so a word's first and last letters form trigrams of their own:
 * without them "jonh" and "john" would share no trigram at all.
 */
export function paddedTerm(word: string): string {
  return `^${word}$`;
}

import type { SqliteDatabase } from '../db/open';
import { indexCustomersNow, isVocabularyWord } from './search-indexer';
import { ftsString } from './search-query';
import { foldedWords } from './text-folding';

export interface SearchPurge {
  /** Vocabulary words removed: no remaining record has them. */
  terms: number;
}

/**
 * Removes erased customers from search: their documents (indexed text and words) and every word
 * of the typo vocabulary that only they had, so a search for a misspelt erased surname is not
 * "corrected" to it. `texts` are all the texts the desk held about them (their rows, merge
 * snapshots, queued changes): a word is dropped only when no remaining document contains it.
 * Run after their rows are deleted, inside the purge's transaction.
 */
export function purgeSearchTraces(
  db: SqliteDatabase,
  customerIds: readonly number[],
  texts: Iterable<string>,
): SearchPurge {
  // With the rows gone, re-indexing them removes their documents and takes them off the queue.
  indexCustomersNow(db, customerIds);
  const candidates = new Set<string>();
  for (const text of texts) {
    for (const word of foldedWords(text)) if (isVocabularyWord(word)) candidates.add(word);
  }
  return { terms: removeUnusedTerms(db, candidates) };
}

/** Drops each of the words from the vocabulary unless some document still holds it. */
export function removeUnusedTerms(db: SqliteDatabase, words: Iterable<string>): number {
  const find = db.prepare('SELECT term_id FROM search_terms WHERE term = ?').pluck();
  const used = db.prepare('SELECT 1 FROM search_words WHERE search_words MATCH ? LIMIT 1').pluck();
  const removeTerm = db.prepare('DELETE FROM search_terms WHERE term_id = ?');
  const removeTrigrams = db.prepare('DELETE FROM search_terms_trigrams WHERE rowid = ?');
  let removed = 0;
  for (const word of words) {
    const termId = find.get(word) as number | undefined;
    if (termId === undefined || used.get(ftsString(word)) !== undefined) continue;
    removeTerm.run(termId);
    removeTrigrams.run(termId);
    removed += 1;
  }
  return removed;
}

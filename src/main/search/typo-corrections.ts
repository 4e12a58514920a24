import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from '../db/open';
import { paddedTerm } from './search-indexer';
import { ftsString, isIndexable, trigramsOf } from './search-query';
import { editDistanceWithin, typoBudget } from './string-similarity';

const VOCABULARY_NEIGHBOURS = 300;
const MAX_CORRECTIONS = 4;
/** A word in at least this many documents is taken as spelt right. */
const COMMON_WORD_DOCUMENTS = 25;

/**
 * The vocabulary words a typed word may be a slip of: within its edit budget (Damerau: an
 * adjacent swap is one edit), found through the trigram index of the vocabulary, and, because a
 * swap inside a short word leaves no trigram in common ("jhon" and "john" share none), by looking
 * each swapped spelling up as it is.
 */
export class TypoCorrections {
  private readonly neighbours: Statement;
  private readonly knownTerm: Statement;
  private readonly documentsWith: Statement;

  constructor(db: SqliteDatabase) {
    this.neighbours = db
      .prepare(
        `SELECT t.term FROM search_terms_trigrams g JOIN search_terms t ON t.term_id = g.rowid
         WHERE search_terms_trigrams MATCH ? ORDER BY g.rank LIMIT ${VOCABULARY_NEIGHBOURS}`,
      )
      .pluck();
    this.knownTerm = db.prepare('SELECT term FROM search_terms WHERE term = ?').pluck();
    this.documentsWith = db
      .prepare(
        `SELECT count(*) FROM (SELECT 1 FROM search_words
         WHERE search_words MATCH ? LIMIT ${COMMON_WORD_DOCUMENTS})`,
      )
      .pluck();
  }

  /**
   * Vocabulary words within the word's typo budget, closest first. Known words are widened too:
   * a misspelling can itself be in the vocabulary (someone else's record has the same typo). A
   * word many records contain is not a typo; widening it only adds cost and noise.
   */
  correctionsFor(word: string): string[] {
    const budget = typoBudget(word.length);
    if (budget === 0) return [];
    if (isIndexable(word) && this.isCommon(word)) return [];
    const trigrams = trigramsOf(paddedTerm(word));
    const candidates = new Set([
      ...(this.neighbours.all(trigrams.map(ftsString).join(' OR ')) as string[]),
      ...adjacentSwaps(word).filter((swap) => this.knownTerm.get(swap) !== undefined),
    ]);
    return [...candidates]
      .map((term) => ({ term, distance: editDistanceWithin(word, term, budget) }))
      .filter((n): n is { term: string; distance: number } => n.distance !== null && n.distance > 0)
      .sort((a, b) => a.distance - b.distance || a.term.localeCompare(b.term))
      .slice(0, MAX_CORRECTIONS)
      .map((n) => n.term);
  }

  private isCommon(word: string): boolean {
    return (this.documentsWith.get(ftsString(word)) as number) >= COMMON_WORD_DOCUMENTS;
  }
}

/** The word with each pair of neighbouring letters swapped ("jhon" gives "hjon", "john", "jhno"). */
export function adjacentSwaps(word: string): string[] {
  const chars = Array.from(word);
  const swaps = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) {
    if (chars[i] === chars[i + 1]) continue;
    const swapped = [...chars];
    [swapped[i], swapped[i + 1]] = [chars[i + 1] ?? '', chars[i] ?? ''];
    swaps.add(swapped.join(''));
  }
  return [...swaps];
}

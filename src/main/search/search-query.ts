import { cutSearchText } from '../../shared/search-text';
import { parsePhone } from './phone-numbers';
import { charCount, digitsOf, foldText, visibleText } from './text-folding';

const MAX_WORDS = 8;
/** The trigram index cannot look up anything shorter. */
export const MIN_INDEXED = 3;

export interface SearchQuery {
  kind: 'empty' | 'number' | 'phone' | 'email' | 'text';
  /** The query as typed, cut, without the characters folding drops: for the exact email lookup. */
  typed: string;
  /** The whole query, folded. */
  folded: string;
  /** Folded words, edge punctuation removed. */
  words: string[];
  /** Digit strings a phone-like query may appear as in the index. */
  phoneDigits: string[];
  /** A customer or order number. */
  number: number | null;
}

/**
 * Classifies what the officer typed. Any text is a query: it is cut, and characters that cannot
 * be searched (control, zero-width, broken) are dropped by the folding. Everything reaches the
 * index as quoted FTS5 strings (see `ftsString`), so operators, quotes, `*`, `NEAR`, `-` and `:`
 * are only ever text.
 */
export function parseSearchQuery(input: string): SearchQuery {
  const typed = visibleText(cutSearchText(input)).trim();
  // Folded before it is classified, so digits of any script and full-width forms read as digits.
  const folded = foldText(typed).replace(/\s+/g, ' ').trim();
  const words = folded
    .split(' ')
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS);
  const empty = { typed, folded, words, phoneDigits: [], number: null };
  if (words.length === 0) return { ...empty, kind: 'empty' };

  const numberMatch = /^#?(\d{1,15})$/.exec(folded);
  if (numberMatch?.[1]) {
    const digits = numberMatch[1];
    return {
      ...empty,
      kind: 'number',
      number: Number(digits),
      phoneDigits: digits.length >= MIN_INDEXED ? [digits] : [],
    };
  }
  if (/^[+\d\s().\-/]+$/.test(folded) && digitsOf(folded).length >= MIN_INDEXED) {
    return { ...empty, kind: 'phone', phoneDigits: phoneQueryForms(folded) };
  }
  if (folded.includes('@')) return { ...empty, kind: 'email' };
  return { ...empty, kind: 'text' };
}

/** The typed digits, and for an international number its E.164 digits as well. */
function phoneQueryForms(text: string): string[] {
  const forms = new Set([digitsOf(text)]);
  const trimmed = text.trim();
  if (trimmed.startsWith('+') || trimmed.startsWith('00')) {
    const parsed = parsePhone(trimmed);
    if (parsed) forms.add(parsed.number.slice(1));
  }
  return [...forms].filter((f) => f.length >= MIN_INDEXED);
}

/** Whether the trigram index can look the word up: three characters or more. */
export function isIndexable(word: string): boolean {
  return charCount(word) >= MIN_INDEXED;
}

/** An FTS5 string literal: the text between double quotes, inner quotes doubled. */
export function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Overlapping three-character pieces of a word: what the trigram index is keyed on. */
export function trigramsOf(text: string): string[] {
  // Code points, as SQLite's trigram tokenizer counts them.
  const chars = Array.from(text);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i += 1) out.add(chars.slice(i, i + 3).join(''));
  return [...out];
}

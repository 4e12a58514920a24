import { DIGIT_ZEROS, isDroppedMark, KATAKANA, KEPT_CYRILLIC, LETTER_FOLDS } from './letter-folds';

/**
 * Text as search compares it, the one folding every index column and every query goes through:
 * lower case; compatibility-decomposed (NFKD: ligatures, full-width forms); accents and other
 * optional marks dropped, letters that do not decompose spelled out (ł→l, ß→ss, æ→ae, ...; see
 * letter-folds.ts); katakana as hiragana; other scripts' digits as 0-9; recomposed (NFC, so
 * Korean syllables stay syllables). Control, format (zero-width, bidi, soft hyphen) and broken
 * characters are dropped, so they cannot split or hide a word; tabs and line breaks are spaces.
 *
 * The text is folded one character (with its marks) at a time, so `foldWithOffsets` folds exactly
 * as this does, and folding folded text changes nothing.
 */
export function foldText(text: string): string {
  // Printable ASCII has nothing to decompose: most names, emails and postcodes skip the
  // per-character work, which is most of the cost over a million records.
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  let folded = '';
  for (const cluster of text.match(CLUSTER) ?? []) folded += foldCluster(cluster);
  return folded;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * One character with the marks that follow it (the half-width katakana voicing marks are marks
 * once decomposed); or a Korean syllable written as separate jamo (NFC makes it one syllable); or
 * marks with nothing before them.
 */
const CLUSTER =
  /[\u1100-\u115f][\u1160-\u11a7][\u11a8-\u11ff]?|\P{M}[\p{M}\uff9e\uff9f]*|[\p{M}\uff9e\uff9f]+/gu;

/**
 * The folded text with, for every folded UTF-16 unit, the index of the original character it came
 * from: highlights are found in folded text and drawn on the original.
 */
export function foldWithOffsets(text: string): { folded: string; origin: number[] } {
  if (PRINTABLE_ASCII.test(text)) {
    return {
      folded: text.toLowerCase(),
      origin: Array.from({ length: text.length + 1 }, (_, i) => i),
    };
  }
  let folded = '';
  const origin: number[] = [];
  for (const match of text.matchAll(CLUSTER)) {
    const piece = foldCluster(match[0]);
    folded += piece;
    for (let i = 0; i < piece.length; i += 1) origin.push(match.index);
  }
  origin.push(text.length);
  return { folded, origin };
}

/** Words of letters (with their kept marks) and digits, folded; apostrophes and hyphens split. */
export function foldedWords(text: string): string[] {
  if (PRINTABLE_ASCII.test(text)) {
    return text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 0);
  }
  return foldText(text)
    .split(NOT_WORD)
    .filter((word) => word.length > 0);
}

/** What separates words in folded text. Marks belong to their letter (Devanagari, Thai). */
export const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/u;

/**
 * The text without the characters folding drops (control, format, broken), for where the text
 * must otherwise stay as typed: an exact email lookup, telling a phone number from a name.
 */
export function visibleText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(INVISIBLE, (char) => (SPACE_LIKE.test(char) ? ' ' : ''));
}

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
/** Tabs, line breaks and the like separate words. */
const SPACE_LIKE = /^[\t\n\v\f\r\u0085]$/;

/** Characters, as the trigram index counts them: code points, not UTF-16 units. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** Clusters repeat endlessly across a million names; their folds are few. */
const folds = new Map<string, string>();
const MAX_CACHED = 20_000;

function foldCluster(cluster: string): string {
  const cached = folds.get(cluster);
  if (cached !== undefined) return cached;
  const folded = foldUncached(cluster);
  if (folds.size >= MAX_CACHED) folds.clear();
  folds.set(cluster, folded);
  return folded;
}

function foldUncached(cluster: string): string {
  const first = cluster.codePointAt(0) ?? 0;
  if (INVISIBLE_FIRST.test(cluster)) {
    // Its marks go with it: a mark on nothing visible is noise too.
    return SPACE_LIKE.test(String.fromCodePoint(first)) ? ' ' : '';
  }
  let decomposed = cluster.toLowerCase().normalize('NFKD');
  for (const [sequence, letter] of KEPT_CYRILLIC) {
    if (decomposed.includes(sequence)) decomposed = decomposed.replace(sequence, letter);
  }
  let out = '';
  for (const char of decomposed) {
    if (isDroppedMark(char.codePointAt(0) ?? 0)) continue;
    const letter = LETTER_FOLDS.get(char);
    out += letter ?? foldCodePoint(char);
  }
  return out.normalize('NFC');
}

const INVISIBLE_FIRST = /^[\p{Cc}\p{Cf}\p{Cs}]/u;

function foldCodePoint(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code >= KATAKANA.first && code <= KATAKANA.last) {
    return String.fromCodePoint(code - KATAKANA.offset);
  }
  for (const zero of DIGIT_ZEROS) {
    if (code >= zero && code <= zero + 9) return String(code - zero);
  }
  return char;
}

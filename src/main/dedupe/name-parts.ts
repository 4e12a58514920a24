import { doubleMetaphone } from 'double-metaphone';
import { foldedWords } from '../search/text-folding';

/** Jr/Sr and numbered generations: a father and son who share a name differ only here. */
const GENERATIONS: Readonly<Record<string, number>> = {
  jr: 1,
  jnr: 1,
  junior: 1,
  sr: 2,
  snr: 2,
  senior: 2,
  ii: 3,
  iii: 4,
  iv: 5,
};

export interface NameParts {
  /** Every word of the name, folded, without a generation suffix. */
  words: string[];
  /** The first given name, folded ("" when unknown). */
  given: string;
  /** The family name, folded, its words joined by a space ("" when unknown). */
  family: string;
  /** 0 without a suffix, else which generation (see GENERATIONS). */
  generation: number;
}

/**
 * Splits a person's name for comparison. Given and family names recorded apart (the record's
 * attributes, or the data map's columns) are used as they are; a name held in one field is read
 * as its first word (the given name) and the rest (the family name, with any middle names),
 * which is right for most of the names this product meets, keeps double and hyphenated family
 * names whole, and is consistent for both records of a pair, the point of a comparison. Words
 * in another order are caught separately (see comparison.ts).
 */
export function nameParts(name: string, given?: string | null, family?: string | null): NameParts {
  let generation = 0;
  const keep = (word: string): boolean => {
    const g = GENERATIONS[word];
    if (g === undefined) return true;
    generation = g;
    return false;
  };
  const words = foldedWords(name).filter(keep);
  const givenWords = given ? foldedWords(given).filter(keep) : null;
  const familyWords = family ? foldedWords(family).filter(keep) : null;
  if (givenWords || familyWords) {
    return {
      words: words.length > 0 ? words : [...(givenWords ?? []), ...(familyWords ?? [])],
      given: givenWords?.[0] ?? '',
      family: familyWords?.join(' ') ?? '',
      generation,
    };
  }
  return {
    words,
    given: words.length > 1 ? (words[0] ?? '') : '',
    family: words.length > 1 ? words.slice(1).join(' ') : (words[0] ?? ''),
    generation,
  };
}

/**
 * The primary Double Metaphone code of a folded name ("" for none): "Meyer", "Maier" and "Mayer"
 * share one. Callers keep it per distinct name (record-features.ts).
 */
export function phoneticCode(name: string): string {
  return name === '' ? '' : doubleMetaphone(name.replace(/ /g, ''))[0];
}

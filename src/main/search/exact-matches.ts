import { isCjkWord } from './cjk-pairs';

/**
 * The ranking bonus for matching words whole, in tiers, each larger than everything the tiers
 * below it can add up to (partial matches of name, email and address reach 170 + 60 + 40 in
 * hit-scoring): the whole name as typed (in its order first, then in any order; a CJK name with
 * or without its spaces), every typed word a whole word of the name, every typed word a whole
 * word somewhere in the record.
 */
export function exactness(
  typed: readonly string[],
  nameWords: readonly string[],
  recordWords: readonly string[],
  corrections: ReadonlyMap<string, string[]>,
): number {
  if (typed.length === 0) return 0;
  // A corrected word counts as the word it was corrected to ("mray" as "mary").
  const inName = typed.map((word) => resolve(word, nameWords, corrections));
  // The words in the order of the name, ahead of the same words in another order.
  if (isWholeName(inName, nameWords)) return inName.join(' ') === nameWords.join(' ') ? 720 : 700;
  if (inName.every((word) => nameWords.includes(word))) return 450;
  const inRecord = typed.map((word) => resolve(word, recordWords, corrections));
  return inRecord.every((word) => recordWords.includes(word)) ? 300 : 0;
}

function resolve(
  word: string,
  words: readonly string[],
  corrections: ReadonlyMap<string, string[]>,
): string {
  if (words.includes(word)) return word;
  return corrections.get(word)?.find((c) => words.includes(c)) ?? word;
}

function isWholeName(typed: readonly string[], nameWords: readonly string[]): boolean {
  if (typed.every(isCjkWord) && nameWords.every(isCjkWord)) {
    return typed.join('') === nameWords.join('');
  }
  if (typed.length !== nameWords.length) return false;
  const sortedName = [...nameWords].sort();
  return [...typed].sort().every((word, i) => word === sortedName[i]);
}

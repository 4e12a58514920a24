/**
 * Chinese, Japanese and Korean names are often two characters long ("王芳", "佐藤", "민준"), too
 * short for the trigram index, and written without spaces ("王小明" holds family and given name).
 * So the word index also holds every pair of neighbouring characters of such a run: a
 * two-character query is then one word lookup, wherever in the name the pair stands.
 */

// Han, kana (hiragana after folding), the long-vowel mark, Hangul syllables.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30fc';
const CJK_RUN = new RegExp(`[${CJK}]{2,}`, 'gu');
const CJK_WORD = new RegExp(`^[${CJK}]+$`, 'u');
const BEYOND_ALPHABETS = /[\u1100-\uffff]/;

/** The character pairs of the word's CJK runs, except the word itself when it is one pair. */
export function cjkPairs(word: string): string[] {
  // Nearly every word is in a script far below these (U+1100 and up): skip the regex.
  if (!BEYOND_ALPHABETS.test(word)) return [];
  const pairs: string[] = [];
  for (const [run] of word.matchAll(CJK_RUN)) {
    const chars = Array.from(run);
    if (chars.length === 2 && run === word) continue;
    for (let i = 0; i + 1 < chars.length; i += 1) {
      pairs.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
    }
  }
  return pairs;
}

/** A word wholly in Chinese, Japanese or Korean characters. */
export function isCjkWord(word: string): boolean {
  return CJK_WORD.test(word);
}

/**
 * A CJK name written in several words ("佐藤 花子", "김 민준") as one word too: people type it
 * with or without the space. Null when the name is one word or not all CJK.
 */
export function joinedCjkName(words: readonly string[]): string | null {
  if (words.length < 2 || !words.every(isCjkWord)) return null;
  return words.join('');
}

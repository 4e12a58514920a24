/**
 * The tables behind `foldText`: what compatibility decomposition (NFKD) leaves undone. Kept apart
 * so the rules can be read in one place; the function that applies them is in text-folding.ts.
 */

/**
 * Letters with no decomposition, written as people type them without the special key. Mostly the
 * conventions of search folding elsewhere (Lucene's ASCII folding, library catalogues).
 */
export const LETTER_FOLDS: ReadonlyMap<string, string> = new Map([
  // Latin letters that are not a base letter plus a mark.
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ø', 'o'],
  ['đ', 'd'],
  ['ð', 'd'],
  ['þ', 'th'],
  ['ł', 'l'],
  ['ı', 'i'],
  ['ħ', 'h'],
  ['ŧ', 't'],
  ['ŋ', 'n'],
  ['ĸ', 'k'],
  ['ƒ', 'f'],
  ['ə', 'e'],
  ['ɛ', 'e'],
  ['ɔ', 'o'],
  ['ʒ', 'z'],
  ['ƶ', 'z'],
  ['ȥ', 'z'],
  ['ɨ', 'i'],
  ['ʉ', 'u'],
  ['ƀ', 'b'],
  ['ɓ', 'b'],
  ['ɗ', 'd'],
  ['ɖ', 'd'],
  ['ƙ', 'k'],
  ['ƴ', 'y'],
  // Apostrophes however typed (typographic, Ukrainian, Hawaiian, transliterations) are the
  // typewriter one: "O’Brien" and "O'Brien", "Мар’яна" and "Мар'яна" fold alike.
  ['’', "'"],
  ['‘', "'"],
  ['′', "'"],
  ['ʼ', "'"],
  ['ʻ', "'"],
  ['ʹ', "'"],
  ['ʾ', "'"],
  ['ʿ', "'"],
  // Greek: the final form of sigma is the same letter.
  ['ς', 'σ'],
  // Arabic: the letter forms everyday writing uses interchangeably, and the stretching stroke.
  ['ٱ', 'ا'],
  ['ى', 'ي'],
  ['ة', 'ه'],
  ['ی', 'ي'],
  ['ک', 'ك'],
  ['ـ', ''],
]);

/**
 * Marks dropped after decomposition, as code point ranges: accents of Latin, Greek and Cyrillic
 * letters, Hebrew points, Arabic vowel signs, the Devanagari nukta, variation selectors. Marks that
 * are part of the spelling stay (Devanagari and Thai vowel signs, Japanese voicing marks): without
 * them different names would become one.
 */
const DROPPED_MARKS: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], // combining diacritical marks
  [0x1ab0, 0x1aff], // ... extended
  [0x1dc0, 0x1dff], // ... supplement
  [0x20d0, 0x20ff], // ... for symbols
  [0xfe20, 0xfe2f], // half marks
  [0x0591, 0x05bd], // Hebrew cantillation and points
  [0x05bf, 0x05bf],
  [0x05c1, 0x05c2],
  [0x05c4, 0x05c5],
  [0x05c7, 0x05c7],
  [0x0610, 0x061a], // Arabic honorific and Quranic signs
  [0x064b, 0x065f], // Arabic vowel signs, shadda, sukun, hamza above and below
  [0x0670, 0x0670], // superscript alef
  [0x06d6, 0x06dc],
  [0x06df, 0x06e4],
  [0x06e7, 0x06e8],
  [0x06ea, 0x06ed],
  [0x093c, 0x093c], // Devanagari nukta, often left out in typing
  [0xfe00, 0xfe0f], // variation selectors
];

export function isDroppedMark(code: number): boolean {
  return DROPPED_MARKS.some(([from, to]) => code >= from && code <= to);
}

/**
 * Cyrillic letters that decompose but are letters of their own, on their own key of the keyboards
 * that write them (Russian й, Ukrainian ї, Belarusian ў, Macedonian ѓ ќ): kept. Russian ё is not
 * here on purpose: everyday Russian writes it as е.
 */
export const KEPT_CYRILLIC: ReadonlyMap<string, string> = new Map([
  ['и\u0306', 'й'],
  ['і\u0308', 'ї'],
  ['у\u0306', 'ў'],
  ['г\u0301', 'ѓ'],
  ['к\u0301', 'ќ'],
]);

/** Digits of other scripts, by the code point of their zero, so phone numbers read alike. */
export const DIGIT_ZEROS: readonly number[] = [
  0x0660, // Arabic-Indic
  0x06f0, // Extended Arabic-Indic (Persian, Urdu)
  0x0966, // Devanagari
  0x09e6, // Bengali
  0x0e50, // Thai
];

/** Katakana letters fold to hiragana: a Japanese name is written in either. */
export const KATAKANA = { first: 0x30a1, last: 0x30f6, offset: 0x60 } as const;

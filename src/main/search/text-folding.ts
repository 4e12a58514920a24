/**
 * Text as search compares it: compatibility-decomposed, combining marks dropped, lower case. The
 * FTS5 trigram tokenizer folds the same way (remove_diacritics, case-insensitive), so words found
 * here agree with what the index matches.
 */
export function foldText(text: string): string {
  // Plain ASCII has nothing to decompose: most names, addresses and postcodes skip the
  // normalisation, which is most of the cost over a million records.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The folded text with, for every folded character, the index of the original character it came
 * from: highlights are found in folded text and drawn on the original.
 */
export function foldWithOffsets(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    // Plain ASCII needs no Unicode normalisation, and is most of what is folded.
    const piece = char.charCodeAt(0) < 128 ? char.toLowerCase() : foldText(char);
    folded += piece;
    for (let i = 0; i < piece.length; i += 1) origin.push(index);
    index += char.length;
  }
  origin.push(index);
  return { folded, origin };
}

/** Words of letters and digits (apostrophes and hyphens split), folded. */
export function foldedWords(text: string): string[] {
  if (ASCII.test(text)) {
    return text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 0);
  }
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

import { foldedWords, foldText, foldWithOffsets } from '../search/text-folding';

export const ERASED_MARK = '[erased]';

/**
 * The pieces of text that name a person: each word of their names of three letters or more (so
 * "de" or "Li" does not blank every path), each email and the part before its "@". Folded as
 * search folds, so "Müller" is found in "MULLER-export" too.
 */
export function identityNeedles(names: Iterable<string>, emails: Iterable<string>): string[] {
  const needles = new Set<string>();
  for (const name of names) {
    for (const word of foldedWords(name))
      if (word.length >= 3 && /\D/.test(word)) needles.add(word);
  }
  for (const email of emails) {
    const folded = foldText(email.trim());
    if (folded.length >= 3) needles.add(folded);
    const local = folded.split('@')[0] ?? '';
    if (local.length >= 3) needles.add(local);
  }
  // Longest first, so an email is replaced whole rather than word by word.
  return [...needles].sort((a, b) => b.length - a.length);
}

/** The text with every occurrence of a needle (folded, anywhere in a word) replaced by a mark. */
export function scrubText(text: string, needles: readonly string[]): string {
  if (needles.length === 0) return text;
  const { folded, origin } = foldWithOffsets(text);
  const ranges: [number, number][] = [];
  for (const needle of needles) {
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
      ranges.push([origin[at] ?? 0, origin[at + needle.length] ?? text.length]);
    }
  }
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [start, end] of ranges) {
    if (end <= from) continue;
    out += text.slice(from, Math.max(from, start)) + (start >= from ? ERASED_MARK : '');
    from = end;
  }
  return out + text.slice(from);
}

/** Every string inside a JSON value scrubbed, the structure kept. */
export function scrubJson(value: unknown, needles: readonly string[]): unknown {
  if (typeof value === 'string') return scrubText(value, needles);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, needles));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, scrubJson(item, needles)]),
  );
}

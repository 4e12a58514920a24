/**
 * How much of a search query is read. Nobody types more; a pasted document is cut here rather
 * than refused, and must not cost seconds. Shared so the IPC boundary and the search engine cut
 * alike.
 */
export const MAX_SEARCH_TEXT = 200;

/** The first MAX_SEARCH_TEXT UTF-16 units, never ending in half a character. */
export function cutSearchText(text: string): string {
  if (text.length <= MAX_SEARCH_TEXT) return text;
  const cut = text.slice(0, MAX_SEARCH_TEXT);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

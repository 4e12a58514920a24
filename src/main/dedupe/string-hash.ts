/**
 * FNV-1a over UTF-16 code units, as a non-zero 32-bit integer (0 means "no value" in the feature
 * columns). Detection compares and groups these instead of strings, so a million records fit in a
 * few typed arrays; two different values share a hash about once in four billion comparisons.
 */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}

/**
 * Blocking: every record is filed under a few keys (see FeatureTable.add), and only records
 * sharing a key are compared. Keys are hashed and radix-sorted in typed arrays, so a million
 * records and their five or six million keys need no string maps.
 */

/** A key shared by more records than this says little (a household phone, a common name in a big
 * postcode) and would cost its square in comparisons; it is skipped and counted. */
export const MAX_BLOCK = 64;
/** Pair (i, j), i < j, packed into one double: i * 2^26 + j. */
const PAIR_SHIFT = 2 ** 26;
export const MAX_RECORDS = PAIR_SHIFT;

export const packPair = (i: number, j: number): number => i * PAIR_SHIFT + j;
export const firstOf = (pair: number): number => Math.floor(pair / PAIR_SHIFT);
export const secondOf = (pair: number): number => pair % PAIR_SHIFT;

/** Keys as parallel (hash, record index) columns that grow by doubling. */
export class KeyColumns {
  hashes = new Uint32Array(1024);
  records = new Uint32Array(1024);
  length = 0;

  push(hash: number, record: number): void {
    if (this.length === this.hashes.length) {
      const hashes = new Uint32Array(this.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const records = new Uint32Array(this.length * 2);
      records.set(this.records);
      this.records = records;
    }
    this.hashes[this.length] = hash;
    this.records[this.length] = record;
    this.length++;
  }

  /** Positions ordered by hash: two 16-bit counting passes (LSD radix sort), stable. */
  sortedOrder(): Uint32Array {
    const n = this.length;
    let order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let scratch = new Uint32Array(n);
    for (const shift of [0, 16]) {
      const counts = new Uint32Array(65_537);
      for (let i = 0; i < n; i++) {
        const digit = ((this.hashes[order[i] ?? 0] ?? 0) >>> shift) & 0xffff;
        counts[digit + 1] = (counts[digit + 1] ?? 0) + 1;
      }
      for (let d = 0; d < 65_536; d++) counts[d + 1] = (counts[d + 1] ?? 0) + (counts[d] ?? 0);
      for (let i = 0; i < n; i++) {
        const position = order[i] ?? 0;
        const digit = ((this.hashes[position] ?? 0) >>> shift) & 0xffff;
        scratch[counts[digit] ?? 0] = position;
        counts[digit] = (counts[digit] ?? 0) + 1;
      }
      [order, scratch] = [scratch, order];
    }
    return order;
  }
}

/** A growable Float64Array of packed pairs. */
export class PairList {
  pairs = new Float64Array(4096);
  length = 0;

  push(i: number, j: number): void {
    if (this.length === this.pairs.length) {
      const grown = new Float64Array(this.length * 2);
      grown.set(this.pairs);
      this.pairs = grown;
    }
    this.pairs[this.length++] = i < j ? packPair(i, j) : packPair(j, i);
  }

  /** Sorted and without repeats: a pair sharing three keys is compared once. */
  unique(): Float64Array {
    const sorted = this.pairs.subarray(0, this.length).sort();
    let out = 0;
    for (let k = 0; k < sorted.length; k++) {
      if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[out++] = sorted[k] ?? 0;
    }
    return sorted.slice(0, out);
  }
}

export interface BlockStats {
  keys: number;
  blocks: number;
  oversizedBlocks: number;
  /** Pairs generated before repeats were removed. */
  pairsGenerated: number;
}

/** Every pair of records that share a key, once each. */
export function pairsFromKeys(keys: KeyColumns): {
  pairs: Float64Array;
  stats: BlockStats;
  /** Key positions by hash, so the key index is written in its own order. */
  order: Uint32Array;
} {
  const order = keys.sortedOrder();
  const list = new PairList();
  const stats: BlockStats = { keys: keys.length, blocks: 0, oversizedBlocks: 0, pairsGenerated: 0 };
  let start = 0;
  while (start < order.length) {
    const hash = keys.hashes[order[start] ?? 0];
    let end = start + 1;
    while (end < order.length && keys.hashes[order[end] ?? 0] === hash) end++;
    const size = end - start;
    if (size > MAX_BLOCK) stats.oversizedBlocks++;
    else if (size > 1) {
      stats.blocks++;
      for (let a = start; a < end; a++) {
        const i = keys.records[order[a] ?? 0] ?? 0;
        for (let b = a + 1; b < end; b++) {
          const j = keys.records[order[b] ?? 0] ?? 0;
          if (i !== j) list.push(i, j);
        }
      }
    }
    start = end;
  }
  stats.pairsGenerated = list.length;
  return { pairs: list.unique(), stats, order };
}

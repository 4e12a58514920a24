import type { SqliteDatabase } from '../db/open';
import { F, GIVEN_SWAPPED } from './comparison';
import type { NameFrequencies } from './match-model';
import type { FeatureTable } from './record-features';

/**
 * How many records carry each name (by hash), for term-frequency adjustment: counted over the
 * whole replica by a full check and kept for the incremental ones, which look names up one at a
 * time. Given and family names count together: "Thomas" or "Martin" is as common whichever
 * place it takes, and a family name written first must not pass for a rare given name.
 */
export class NameCounts {
  private constructor(
    private readonly lookup: (hash: number) => number,
    private readonly records: number,
    private readonly counted?: Map<number, number>,
  ) {}

  static of(table: FeatureTable): NameCounts {
    const counts = new Map<number, number>();
    for (const hashes of [table.givenHashes, table.familyHashes]) {
      for (let i = 0; i < table.size; i++) {
        const hash = hashes[i] ?? 0;
        if (hash !== 0) counts.set(hash, (counts.get(hash) ?? 0) + 1);
      }
    }
    return new NameCounts((hash) => counts.get(hash) ?? 1, Math.max(table.size, 1), counts);
  }

  static load(db: SqliteDatabase, records: number): NameCounts {
    const statement = db.prepare('SELECT records FROM dedupe_name_counts WHERE hash = ?').pluck();
    return new NameCounts(
      (hash) => (statement.get(hash) as number | undefined) ?? 1,
      Math.max(records, 1),
    );
  }

  /**
   * The shares of records carrying the names the pair shares exactly (null where not shared);
   * for names in another order, the chance of that given and family name together, on the
   * given name's field (the family's counts nothing then).
   */
  sharesOf(table: FeatureTable, i: number, j: number, levels: ArrayLike<number>): NameFrequencies {
    // Both records carry a shared name, whatever the counts say (an incremental check's new one).
    const shareOf = (hash: number): number => Math.max(this.lookup(hash), 2) / this.records;
    const exact = (hashes: Uint32Array, f: number): number | null => {
      const hash = hashes[i] ?? 0;
      return levels[f] === 0 && hash !== 0 && hash === hashes[j] ? shareOf(hash) : null;
    };
    if (levels[F.given] === GIVEN_SWAPPED) {
      const given = table.givenHashes[i] ?? 0;
      const family = table.familyHashes[i] ?? 0;
      return {
        given: given && family ? shareOf(given) * shareOf(family) : null,
        family: null,
      };
    }
    return {
      given: exact(table.givenHashes, F.given),
      family: exact(table.familyHashes, F.family),
    };
  }

  /** Replaces the stored counts with a full check's (only names carried by two records or more). */
  save(db: SqliteDatabase): void {
    if (!this.counted) throw new Error('Only counts of a full check are saved.');
    db.exec('DELETE FROM dedupe_name_counts');
    const insert = db.prepare('INSERT INTO dedupe_name_counts (hash, records) VALUES (?, ?)');
    for (const [hash, records] of this.counted) if (records > 1) insert.run(hash, records);
  }
}

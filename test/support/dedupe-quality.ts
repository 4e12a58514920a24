import type { SqliteDatabase } from '../../src/main/db/open';
import type { DuplicateTruth } from '../../src/main/demo/synthetic-data';

export interface Quality {
  threshold: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
  /** Recall per duplicate kind: which edits detection copes with worst. */
  recallByKind: Record<string, number>;
}

/** Precision and recall of the stored candidate pairs at or above `threshold` against the truth. */
export function measureQuality(
  db: SqliteDatabase,
  truth: readonly DuplicateTruth[],
  threshold: number,
): Quality {
  const predicted = new Set(
    (
      db
        .prepare('SELECT a, b FROM dedupe_candidates WHERE probability >= ?')
        .raw()
        .all(threshold) as [number, number][]
    ).map(([a, b]) => `${a}:${b}`),
  );
  let truePositives = 0;
  const byKind = new Map<string, { found: number; all: number }>();
  for (const t of truth) {
    const key = `${Math.min(t.original_id, t.duplicate_id)}:${Math.max(t.original_id, t.duplicate_id)}`;
    const found = predicted.has(key);
    if (found) truePositives++;
    for (const kind of t.kinds) {
      const entry = byKind.get(kind) ?? { found: 0, all: 0 };
      entry.all++;
      if (found) entry.found++;
      byKind.set(kind, entry);
    }
  }
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    threshold,
    predicted: predicted.size,
    truePositives,
    precision: round(predicted.size === 0 ? 1 : truePositives / predicted.size),
    recall: round(truth.length === 0 ? 1 : truePositives / truth.length),
    recallByKind: Object.fromEntries(
      [...byKind].map(([kind, e]) => [kind, round(e.found / e.all)]),
    ),
  };
}

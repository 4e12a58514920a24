import type { DedupeProgress, DedupeRunSummary } from '../../shared/dedupe';
import type { SqliteDatabase } from '../db/open';
import {
  compareRecords,
  F,
  FIELDS,
  levelsOf,
  MISSING,
  PATTERN_COUNT,
  patternOf,
} from './comparison';
import {
  firstOf,
  KeyColumns,
  MAX_BLOCK,
  MAX_RECORDS,
  pairsFromKeys,
  secondOf,
  type BlockStats,
} from './candidate-pairs';
import {
  estimateModel,
  frequencyBits,
  LIKELY,
  MEstimator,
  patternScore,
  POSSIBLE,
  probabilityOf,
  uFromCounts,
  weightFor,
  type MatchModel,
  type NameFrequencies,
  type PatternScore,
} from './match-model';
import { NameCounts } from './name-counts';
import { PairInserter } from './batched-insert';
import { FeatureTable } from './record-features';
import { countSources, readAllSources, readSources } from './record-reader';
import { hash32 } from './string-hash';
import { latestModel, saveRun } from './dedupe-runs';

type Progress = (progress: DedupeProgress) => void;

/** Random record pairs compared to learn u: how often unrelated records agree by chance. */
const RANDOM_PAIRS = 200_000;
/** An incremental check of more than this share of the records is slower than a full one. */
const INCREMENTAL_LIMIT = 0.2;
const PROGRESS_EVERY = 50_000;

/**
 * Checks every unmerged record: features and blocking keys in one pass over the replica, the
 * candidate pairs from shared keys, u from random pairs, m from the sure pairs among the
 * candidates, lambda by EM over their patterns, name counts for term frequency, then the pairs at
 * or above "possible" saved with their patterns and name shares (the explanation).
 */
export function runFullDetection(
  db: SqliteDatabase,
  onProgress: Progress,
  now: () => Date,
): DedupeRunSummary {
  const started = now();
  const clock = performance.now();
  db.exec('BEGIN');
  let table: FeatureTable;
  let keys: KeyColumns;
  let upTo: number;
  try {
    upTo = dirtyHighWater(db);
    const total = countSources(db);
    if (total >= MAX_RECORDS)
      throw new RangeError(`At most ${MAX_RECORDS} records can be checked.`);
    table = new FeatureTable(total);
    keys = new KeyColumns();
    onProgress({ phase: 'reading', done: 0, total });
    for (const source of readAllSources(db)) {
      const index = table.add(source, (key, record) => keys.push(hash32(key), record));
      if (index % PROGRESS_EVERY === 0) onProgress({ phase: 'reading', done: index, total });
    }
    onProgress({ phase: 'reading', done: table.size, total });
  } finally {
    db.exec('COMMIT');
  }
  onProgress({ phase: 'blocking', done: 0, total: keys.length });
  const { pairs, stats, order } = pairsFromKeys(keys);
  onProgress({ phase: 'blocking', done: keys.length, total: keys.length });

  const u = uFromCounts(randomPairCounts(table));
  const patterns = new Uint32Array(pairs.length);
  const histogram = new Float64Array(PATTERN_COUNT);
  const sure = new MEstimator();
  const levels = new Uint8Array(FIELDS.length);
  for (let k = 0; k < pairs.length; k++) {
    const pair = pairs[k] ?? 0;
    compareRecords(table, firstOf(pair), secondOf(pair), levels);
    const pattern = patternOf(levels);
    patterns[k] = pattern;
    histogram[pattern] = (histogram[pattern] ?? 0) + 1;
    sure.observe(levels);
    if (k % PROGRESS_EVERY === 0) onProgress({ phase: 'comparing', done: k, total: pairs.length });
  }
  onProgress({ phase: 'estimating', done: 0, total: 1 });
  const model = estimateModel(histogram, u, sure.estimate(), {
    randomPairs: Math.min(RANDOM_PAIRS, pairCount(table.size)),
    allPairs: Math.max(pairCount(table.size), 1),
    records: table.size,
  });
  const names = NameCounts.of(table);
  const scored = new PatternScores(model);

  onProgress({ phase: 'saving', done: 0, total: keys.length });
  const found = now().toISOString();
  let likely = 0;
  let possible = 0;
  db.transaction(() => {
    db.exec('DELETE FROM dedupe_keys; DELETE FROM dedupe_candidates;');
    const insertKey = new PairInserter(db, KEY_INSERT);
    // In key order: B-tree appends instead of random page writes (a hundred times less I/O).
    for (const k of order)
      insertKey.add(keys.hashes[k] ?? 0, table.customerIds[keys.records[k] ?? 0] ?? 0);
    insertKey.flush();
    const insertPair = db.prepare(INSERT_CANDIDATE);
    for (let k = 0; k < pairs.length; k++) {
      const pattern = patterns[k] ?? 0;
      const pair = pairs[k] ?? 0;
      const i = firstOf(pair);
      const j = secondOf(pair);
      const p = scored.probability(pattern, (levels) => names.sharesOf(table, i, j, levels));
      if (p < POSSIBLE) continue;
      if (p >= LIKELY) likely++;
      else possible++;
      const shares = names.sharesOf(table, i, j, scored.levels(pattern));
      const [a, b] = ordered(table.customerIds[i] ?? 0, table.customerIds[j] ?? 0);
      insertPair.run(a, b, p, pattern, found, shares.given, shares.family);
    }
    names.save(db);
    db.prepare('DELETE FROM dedupe_dirty WHERE seq <= ?').run(upTo);
  })();
  const summary = summaryOf(
    'full',
    started,
    now(),
    clock,
    table.size,
    stats,
    pairs.length,
    likely,
    possible,
  );
  saveRun(db, summary, model);
  return summary;
}

/**
 * Re-checks only the records changed since the last check (by sync, a merge or an undo): each
 * against the records it shares a key with in the stored key index, under the last full run's
 * model. Falls back to a full run when there is no model yet or most records changed.
 */
export function runIncrementalDetection(
  db: SqliteDatabase,
  onProgress: Progress,
  now: () => Date,
): DedupeRunSummary {
  const model = latestModel(db);
  const upTo = dirtyHighWater(db);
  const changed = db
    .prepare('SELECT DISTINCT customer_id FROM dedupe_dirty WHERE seq <= ? ORDER BY customer_id')
    .pluck()
    .all(upTo) as number[];
  if (!model || changed.length > INCREMENTAL_LIMIT * Math.max(countSources(db), 1)) {
    return runFullDetection(db, onProgress, now);
  }
  const started = now();
  const clock = performance.now();
  onProgress({ phase: 'reading', done: 0, total: changed.length });
  const dirty = readSources(db, changed);
  const dirtyTable = new FeatureTable(dirty.length);
  const dirtyKeys = new Map<number, number[]>();
  const dirtyByHash = new Map<number, number[]>();
  for (const source of dirty) {
    const hashes = new Set<number>();
    dirtyTable.add(source, (key) => hashes.add(hash32(key)));
    dirtyKeys.set(source.customerId, [...hashes]);
    for (const hash of hashes) {
      const ids = dirtyByHash.get(hash);
      if (ids) ids.push(source.customerId);
      else dirtyByHash.set(hash, [source.customerId]);
    }
  }
  const mates = db.prepare('SELECT customer_id FROM dedupe_keys WHERE hash = ? LIMIT ?').pluck();
  const wanted = new Map<number, Set<number>>();
  let oversizedBlocks = 0;
  // Looked up in hash order, and the records read in id order: neighbouring lookups share the
  // index pages already decrypted, which took the lookups of 1,000 changed records at a million
  // from most of the incremental check to a fraction of it.
  const byHash = [...dirtyByHash].sort((x, y) => x[0] - y[0]);
  for (const [hash, changedHere] of byHash) {
    const members = new Set([...(mates.all(hash, MAX_BLOCK + 1) as number[]), ...changedHere]);
    if (members.size > MAX_BLOCK) {
      oversizedBlocks++;
      continue;
    }
    for (const id of changedHere) {
      for (const other of members) {
        if (other === id) continue;
        const [a, b] = ordered(id, other);
        let set = wanted.get(a);
        if (!set) wanted.set(a, (set = new Set()));
        set.add(b);
      }
    }
  }
  const ids = new Set<number>(changed);
  for (const [a, bs] of wanted) {
    ids.add(a);
    for (const b of bs) ids.add(b);
  }
  const sources = readSources(
    db,
    [...ids].sort((x, y) => x - y),
  );
  const table = new FeatureTable(sources.length);
  const indexOf = new Map<number, number>();
  for (const source of sources) indexOf.set(source.customerId, table.add(source));

  onProgress({ phase: 'comparing', done: 0, total: wanted.size });
  const scored = new PatternScores(model);
  const names = NameCounts.load(db, model.records);
  const levels = new Uint8Array(FIELDS.length);
  const found = now().toISOString();
  let compared = 0;
  let likely = 0;
  let possible = 0;
  const results: [number, number, number, number, number | null, number | null][] = [];
  for (const [a, bs] of wanted) {
    const i = indexOf.get(a);
    for (const b of bs) {
      const j = indexOf.get(b);
      // A mate merged away since the key was stored is no longer a record of its own.
      if (i === undefined || j === undefined) continue;
      compareRecords(table, i, j, levels);
      compared++;
      const pattern = patternOf(levels);
      const shares = names.sharesOf(table, i, j, levels);
      const p = scored.probability(pattern, () => shares);
      if (p < POSSIBLE) continue;
      if (p >= LIKELY) likely++;
      else possible++;
      results.push([a, b, p, pattern, shares.given, shares.family]);
    }
  }
  onProgress({ phase: 'saving', done: 0, total: results.length });
  db.transaction(() => {
    const forget = db.prepare('DELETE FROM dedupe_candidates WHERE a = ? OR b = ?');
    for (const id of changed) forget.run(id, id);
    const insertPair = db.prepare(INSERT_CANDIDATE);
    for (const [a, b, p, pattern, given, family] of results) {
      insertPair.run(a, b, p, pattern, found, given, family);
    }
    // Old keys of a changed record stay: at worst they bring a candidate that is compared and
    // dropped. The next full run rebuilds the index.
    const insertKey = new PairInserter(db, KEY_INSERT);
    for (const [id, hashes] of dirtyKeys) for (const hash of hashes) insertKey.add(hash, id);
    insertKey.flush();
    db.prepare('DELETE FROM dedupe_dirty WHERE seq <= ?').run(upTo);
  })();
  const stats: BlockStats = {
    keys: [...dirtyKeys.values()].reduce((n, h) => n + h.length, 0),
    blocks: dirtyByHash.size,
    oversizedBlocks,
    pairsGenerated: compared,
  };
  const summary = summaryOf(
    'incremental',
    started,
    now(),
    clock,
    changed.length,
    stats,
    compared,
    likely,
    possible,
  );
  saveRun(db, summary, model);
  return summary;
}

const KEY_INSERT = 'INSERT OR IGNORE INTO dedupe_keys (hash, customer_id)';

const INSERT_CANDIDATE = `INSERT OR REPLACE INTO dedupe_candidates
  (a, b, probability, pattern, found_at, given_share, family_share) VALUES (?, ?, ?, ?, ?, ?, ?)`;

/**
 * Scores pairs by pattern: each distinct pattern of a run is decoded and scored once (a million
 * records show a few thousand), and a pair is read for its names' frequencies only when its
 * pattern could reach "possible" with them.
 */
class PatternScores {
  private readonly cache = new Map<number, { levels: number[]; score: PatternScore }>();
  private readonly possibleWeight: number;

  constructor(private readonly model: MatchModel) {
    this.possibleWeight = weightFor(POSSIBLE, model.lambda);
  }

  levels(pattern: number): number[] {
    return this.entry(pattern).levels;
  }

  probability(pattern: number, frequencies: (levels: number[]) => NameFrequencies): number {
    const { levels, score } = this.entry(pattern);
    if (score.weight + score.maxFrequencyBits < this.possibleWeight) return 0;
    const shares = frequencies(levels);
    const weight =
      score.weight +
      frequencyBits(this.model, F.given, levels[F.given] ?? MISSING, shares.given) +
      frequencyBits(this.model, F.family, levels[F.family] ?? MISSING, shares.family);
    return Math.min(probabilityOf(weight, this.model.lambda), score.cap);
  }

  private entry(pattern: number): { levels: number[]; score: PatternScore } {
    let entry = this.cache.get(pattern);
    if (!entry) {
      const levels = levelsOf(pattern);
      entry = { levels, score: patternScore(this.model, levels) };
      this.cache.set(pattern, entry);
    }
    return entry;
  }
}

function dirtyHighWater(db: SqliteDatabase): number {
  return db.prepare('SELECT coalesce(max(seq), 0) FROM dedupe_dirty').pluck().get() as number;
}

const ordered = (x: number, y: number): [number, number] => (x < y ? [x, y] : [y, x]);

const pairCount = (n: number): number => (n * (n - 1)) / 2;

/**
 * Level counts per field over random distinct pairs, from a fixed-seed generator so a run over the
 * same replica gives the same model.
 */
function randomPairCounts(table: FeatureTable): number[][] {
  const counts = FIELDS.map((f) => f.levels.map(() => 0));
  const n = table.size;
  if (n < 2) return counts;
  const samples = Math.min(RANDOM_PAIRS, pairCount(n));
  const levels = new Uint8Array(FIELDS.length);
  let state = 0x9e3779b9;
  const next = (): number => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(next() * n);
    let j = Math.floor(next() * (n - 1));
    if (j >= i) j++;
    compareRecords(table, i, j, levels);
    levels.forEach((level, f) => {
      const row = counts[f];
      if (level !== MISSING && row) row[level] = (row[level] ?? 0) + 1;
    });
  }
  return counts;
}

function summaryOf(
  kind: 'full' | 'incremental',
  started: Date,
  finished: Date,
  clock: number,
  checked: number,
  stats: BlockStats,
  pairsCompared: number,
  likely: number,
  possible: number,
): DedupeRunSummary {
  return {
    kind,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    checked,
    keys: stats.keys,
    blocks: stats.blocks,
    oversizedBlocks: stats.oversizedBlocks,
    pairsCompared,
    likely,
    possible,
    ms: Math.round(performance.now() - clock),
  };
}

export type { MatchModel };

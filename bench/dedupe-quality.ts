/**
 * bench/dedupe-quality: how well duplicate detection does on data this project did not make
 * (FEBRL 1-4, the public record-linkage benchmark, vendored in bench/data/febrl) and on the
 * project's generator extended with the shapes that make it hard (households, Jr/Sr, namesakes,
 * nicknames, married names, slipped birth dates, shared family contacts). Precision, recall and
 * F1 per data set at both thresholds, recall per duplicate kind, the blocking recall ceiling,
 * and how many pairs of different people reach each band.
 *
 *   npm run bench:dedupe-quality
 *   npm run bench:dedupe-quality -- --customers 50000
 *
 * Prints one JSON object.
 */
import { parseArgs } from 'node:util';
import { runFullDetection } from '../src/main/dedupe/detection-job';
import { LIKELY, POSSIBLE } from '../src/main/dedupe/match-model';
import type { SqliteDatabase } from '../src/main/db/open';
import { generateFamilyCases, type DifferentPeople } from '../src/main/demo/family-cases';
import {
  duplicateTruth,
  generateCustomers,
  type CustomerBundle,
  type DuplicateTruth,
} from '../src/main/demo/synthetic-data';
import { blockingCeiling, replicaOf } from '../test/support/dedupe-bench-replica';
import { measureQuality, type Quality } from '../test/support/dedupe-quality';
import { FEBRL_SETS, loadFebrl, type FebrlSet } from '../test/support/febrl';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '42' },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);

const round = (x: number) => Math.round(x * 10_000) / 10_000;

function band(q: Quality) {
  const f1 =
    q.precision + q.recall === 0 ? 0 : (2 * q.precision * q.recall) / (q.precision + q.recall);
  return {
    precision: q.precision,
    recall: q.recall,
    f1: round(f1),
    predicted: q.predicted,
    recallByKind: Object.keys(q.recallByKind).length > 0 ? q.recallByKind : undefined,
  };
}

/** Of the pairs of different people, the share that reached each band, per kind. */
function differentPeople(db: SqliteDatabase, pairs: readonly DifferentPeople[]) {
  const probability = db
    .prepare('SELECT probability FROM dedupe_candidates WHERE a = ? AND b = ?')
    .pluck();
  const kinds = new Map<string, { pairs: number; possible: number; likely: number }>();
  for (const pair of pairs) {
    const p = probability.get(Math.min(pair.a, pair.b), Math.max(pair.a, pair.b)) as
      number | undefined;
    const entry = kinds.get(pair.kind) ?? { pairs: 0, possible: 0, likely: 0 };
    entry.pairs++;
    if (p !== undefined && p >= POSSIBLE) entry.possible++;
    if (p !== undefined && p >= LIKELY) entry.likely++;
    kinds.set(pair.kind, entry);
  }
  return Object.fromEntries(
    [...kinds].map(([kind, e]) => [
      kind,
      {
        pairs: e.pairs,
        atPossible: round(e.possible / e.pairs),
        atLikely: round(e.likely / e.pairs),
      },
    ]),
  );
}

async function measure(
  bundles: CustomerBundle[],
  truth: DuplicateTruth[],
  different: readonly DifferentPeople[] = [],
) {
  const { raw, dispose } = await replicaOf(bundles);
  try {
    const started = performance.now();
    const run = runFullDetection(
      raw,
      () => undefined,
      () => new Date(),
    );
    return {
      records: bundles.length,
      truePairs: truth.length,
      checkMs: Math.round(performance.now() - started),
      pairsCompared: run.pairsCompared,
      blockingCeiling: blockingCeiling(raw, truth),
      possible: band(measureQuality(raw, truth, POSSIBLE)),
      likely: band(measureQuality(raw, truth, LIKELY)),
      ...(different.length > 0 ? { differentPeople: differentPeople(raw, different) } : {}),
    };
  } finally {
    dispose();
  }
}

const results: Record<string, unknown> = {};
for (const set of Object.keys(FEBRL_SETS) as FebrlSet[]) {
  const { bundles, truth } = loadFebrl(set);
  results[set] = await measure(bundles, truth);
}
const family = generateFamilyCases({ seed, firstId: customers + 1, groups: customers / 10 });
results.extendedGenerator = {
  customers,
  familyGroups: customers / 10,
  ...(await measure(
    [...generateCustomers({ customers, seed }), ...family.bundles],
    [...duplicateTruth({ customers, seed }), ...family.truth],
    family.different,
  )),
};
console.log(JSON.stringify(results, null, 2));

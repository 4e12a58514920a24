import type { FieldEvidence } from '../../shared/dedupe';
import { FIELDS, levelsOf, MISSING, PATTERN_COUNT } from './comparison';

/**
 * A Fellegi-Sunter model: per field and level, m (how often a true duplicate pair shows that
 * level) and u (how often two unrelated records do), and lambda, the share of duplicates among
 * all pairs of records. A pair's match weight is the sum of log2(m/u) over the
 * fields it has on both sides; its probability follows from the weight and lambda.
 */
export interface MatchModel {
  m: number[][];
  u: number[][];
  /** The chance that two records drawn at random are the same person. */
  lambda: number;
  /** What the figures were estimated from, for the record kept with a run. */
  estimatedFrom: {
    randomPairs: number;
    candidatePairs: number;
    allPairs: number;
    iterations: number;
  };
}

/** Probability at or above which a pair is a likely duplicate, and a possible one. */
export const LIKELY = 0.95;
export const POSSIBLE = 0.5;
/** Fewer candidate pairs than this and estimation is noise: DEFAULT_LAMBDA stands. */
const MIN_PAIRS_FOR_EM = 200;
/** One duplicate per ten thousand pairs: a small file with a few percent duplicates. */
const DEFAULT_LAMBDA = 1e-4;
const MAX_ITERATIONS = 200;

/** u from level counts over random pairs, with one pseudo-count per level. */
export function uFromCounts(counts: number[][]): number[][] {
  return counts.map((levels) => {
    const total = levels.reduce((a, b) => a + b, 0);
    return levels.map((c) => (c + 1) / (total + levels.length));
  });
}

/**
 * m stays at the priors in FIELDS (how often a true duplicate shows each level: what record
 * linkage practice reports for hand-typed contact data), u comes from random pairs of this
 * replica, and lambda, the chance that two records drawn at random are the same person, is
 * estimated by expectation-maximisation: the expected number of duplicates among the candidate
 * pairs over all pairs (pairs blocking never formed are taken as different people). Lambda is
 * a prior over all pairs, not over candidates, because blocking selected candidates on the very
 * fields the weights already count. Learning m by EM as well was tried and collapses here:
 * blocking on postcodes makes "same postcode" the dominant pattern, and EM takes it for the
 * matches.
 */
export function estimateModel(
  histogram: Float64Array,
  u: number[][],
  randomPairs: number,
  allPairs: number,
): MatchModel {
  const m = FIELDS.map((f) => [...f.mPrior]);
  const total = histogram.reduce((a, b) => a + b, 0);
  const weights: { weight: number; count: number }[] = [];
  for (let p = 0; p < PATTERN_COUNT; p++) {
    const count = histogram[p] ?? 0;
    if (count > 0) weights.push({ weight: weightOf({ m, u }, levelsOf(p)), count });
  }
  let lambda = DEFAULT_LAMBDA;
  let iterations = 0;
  if (total >= MIN_PAIRS_FOR_EM) {
    for (; iterations < MAX_ITERATIONS; iterations++) {
      let matches = 0;
      for (const { weight, count } of weights) matches += count * probabilityOf(weight, lambda);
      const next = Math.min(Math.max(matches / allPairs, 1e-12), 0.5);
      const settled = Math.abs(next - lambda) < 1e-9;
      lambda = next;
      if (settled) break;
    }
  }
  return {
    m,
    u,
    lambda,
    estimatedFrom: { randomPairs, candidatePairs: total, allPairs, iterations },
  };
}

export function weightOf(model: Pick<MatchModel, 'm' | 'u'>, levels: readonly number[]): number {
  let weight = 0;
  levels.forEach((level, f) => {
    if (level === MISSING) return;
    weight += Math.log2((model.m[f]?.[level] ?? 1) / (model.u[f]?.[level] ?? 1));
  });
  return weight;
}

export function probabilityOf(weight: number, lambda: number): number {
  const logOdds = weight + Math.log2(lambda / (1 - lambda));
  return 1 / (1 + 2 ** -logOdds);
}

export function explainLevels(model: MatchModel, levels: readonly number[]): FieldEvidence[] {
  return FIELDS.map((spec, f) => {
    const level = levels[f] ?? MISSING;
    if (level === MISSING) {
      return { field: spec.field, level: null, label: `no ${spec.field} on one side`, weight: 0 };
    }
    return {
      field: spec.field,
      level,
      label: spec.levels[level] ?? '',
      weight: Math.log2((model.m[f]?.[level] ?? 1) / (model.u[f]?.[level] ?? 1)),
    };
  });
}

/** The probability of every pattern, computed once per run instead of once per pair. */
export function patternProbabilities(model: MatchModel): Float64Array {
  const table = new Float64Array(PATTERN_COUNT);
  for (let p = 0; p < PATTERN_COUNT; p++) {
    table[p] = probabilityOf(weightOf(model, levelsOf(p)), model.lambda);
  }
  return table;
}

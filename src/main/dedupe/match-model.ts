import type { FieldEvidence } from '../../shared/dedupe';
import { F, FIELDS, GIVEN_SWAPPED, levelsOf, MISSING, PATTERN_COUNT } from './comparison';

const GIVEN_DIFFERENT = 6;
const BIRTH_DIFFERENT = 3;
const EMAIL_DIFFERENT = 4;
/** The email level that says nothing beyond the name: its weight is held at zero. */
const EMAIL_NAME_ONLY = 3;

/**
 * A Fellegi-Sunter model: per field and level, m (how often a true duplicate pair shows that
 * level) and u (how often two unrelated records do), and lambda, the share of duplicates among
 * all pairs of records. A pair's match weight is the sum of log2(m/u) over the fields it has on
 * both sides, with the exact name agreements adjusted by how common the name is; its probability
 * follows from the weight and lambda, then the household guard may cap it.
 */
export interface MatchModel {
  m: number[][];
  u: number[][];
  /** Per field: how many sure pairs m was estimated from (0: the prior stands). */
  mFrom: number[];
  /** The chance that two records drawn at random are the same person. */
  lambda: number;
  /** Records the name frequencies were counted over. */
  records: number;
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
/** Sure pairs needed before m is estimated for a field, and the prior's weight in pseudo-pairs. */
const MIN_SURE_PAIRS = 30;
const PRIOR_PAIRS = 50;
/**
 * A name shared by fewer than one record in this many counts as that rare: a name seen once in a
 * million records says a lot, but not more than its spelling can be trusted to.
 */
const RAREST_NAME = 1e-4;
/** Where the household guard caps a pair: just inside "possible", or out of the list. */
export const GUARD_POSSIBLE = 0.9;
export const GUARD_OUT = 0.3;

/** u from level counts over random pairs, with one pseudo-count per level. */
export function uFromCounts(counts: number[][]): number[][] {
  return counts.map((levels) => {
    const total = levels.reduce((a, b) => a + b, 0);
    return levels.map((c) => (c + 1) / (total + levels.length));
  });
}

/**
 * m from the data where it can be: pairs that agree exactly on at least two strong identifiers
 * (identification number, date of birth, email address, whole name) other than the field being
 * estimated are as good as sure duplicates, so the levels they show on that field are what
 * duplicates look like there. Identifiers that do not involve the field keep the estimate free
 * of the selection. The prior counts as PRIOR_PAIRS pairs, so a thin sample moves it a little.
 */
export class MEstimator {
  readonly counts = FIELDS.map((f) => f.levels.map(() => 0));

  observe(levels: Uint8Array): void {
    const id = levels[F.id] === 0;
    const birth = levels[F.birth] === 0;
    const email = levels[F.email] === 0;
    const name = levels[F.given] === 0 && levels[F.family] === 0;
    if ((id ? 1 : 0) + (birth ? 1 : 0) + (email ? 1 : 0) + (name ? 1 : 0) < 2) return;
    for (let f = 0; f < FIELDS.length; f++) {
      const level = levels[f] ?? MISSING;
      if (level === MISSING) continue;
      const strong =
        (id && f !== F.id ? 1 : 0) +
        (birth && f !== F.birth ? 1 : 0) +
        (email && f !== F.email ? 1 : 0) +
        (name && f !== F.given && f !== F.family ? 1 : 0);
      const row = this.counts[f];
      if (strong >= 2 && row) row[level] = (row[level] ?? 0) + 1;
    }
  }

  estimate(): { m: number[][]; mFrom: number[] } {
    const m: number[][] = [];
    const mFrom: number[] = [];
    FIELDS.forEach((spec, f) => {
      const row = this.counts[f] ?? [];
      const n = row.reduce((a, b) => a + b, 0);
      if (n < MIN_SURE_PAIRS || spec.field === 'generation') {
        m.push([...spec.mPrior]);
        mFrom.push(0);
        return;
      }
      m.push(
        spec.mPrior.map((prior, l) => ((row[l] ?? 0) + PRIOR_PAIRS * prior) / (n + PRIOR_PAIRS)),
      );
      mFrom.push(n);
    });
    return { m, mFrom };
  }
}

/**
 * Lambda, the chance that two records drawn at random are the same person, by
 * expectation-maximisation: the expected number of duplicates among the candidate pairs over all
 * pairs (pairs blocking never formed are taken as different people). Lambda is a prior over all
 * pairs, not over candidates, because blocking selected candidates on the very fields the
 * weights already count. Learning m by EM as well collapses here: blocking on postcodes makes
 * "same postcode" the dominant pattern, and EM takes it for the matches; m comes from sure pairs
 * instead (MEstimator).
 */
export function estimateModel(
  histogram: Float64Array,
  u: number[][],
  estimated: { m: number[][]; mFrom: number[] },
  counts: { randomPairs: number; allPairs: number; records: number },
): MatchModel {
  const { mFrom } = estimated;
  const m = estimated.m.map((row) => [...row]);
  // A mailbox that is only the name agrees whenever the names do: it must not count twice.
  const emailRow = m[F.email];
  if (emailRow) emailRow[EMAIL_NAME_ONLY] = u[F.email]?.[EMAIL_NAME_ONLY] ?? 1;
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
      const next = Math.min(Math.max(matches / counts.allPairs, 1e-12), 0.5);
      const settled = Math.abs(next - lambda) < 1e-9;
      lambda = next;
      if (settled) break;
    }
  }
  return {
    m,
    u,
    mFrom,
    lambda,
    records: counts.records,
    estimatedFrom: {
      randomPairs: counts.randomPairs,
      candidatePairs: total,
      allPairs: counts.allPairs,
      iterations,
    },
  };
}

export function weightOf(model: Pick<MatchModel, 'm' | 'u'>, levels: ArrayLike<number>): number {
  let weight = 0;
  for (let f = 0; f < levels.length; f++) {
    const level = levels[f] ?? MISSING;
    if (level === MISSING) continue;
    weight += Math.log2((model.m[f]?.[level] ?? 1) / (model.u[f]?.[level] ?? 1));
  }
  return weight;
}

export function probabilityOf(weight: number, lambda: number): number {
  const logOdds = weight + Math.log2(lambda / (1 - lambda));
  return 1 / (1 + 2 ** -logOdds);
}

/**
 * Term frequency: an exact agreement on a name shared by a share `frequency` of all records is
 * as likely by chance as that share, not as the average name's (u). The adjustment in bits is
 * added to the field's weight: a shared "Smith" says less than a shared "Wąsowska".
 */
export function frequencyBits(
  model: MatchModel,
  field: number,
  level: number,
  frequency: number | null,
): number {
  if (frequency === null || (level !== 0 && !(field === F.given && level === GIVEN_SWAPPED))) {
    return 0;
  }
  const u = model.u[field]?.[level] ?? 1;
  const rarest = level === 0 ? RAREST_NAME : RAREST_NAME * RAREST_NAME;
  return Math.log2(u / Math.max(frequency, rarest));
}

/** Name frequencies of the two records' shared names (null where the names are not the same). */
export interface NameFrequencies {
  given: number | null;
  family: number | null;
}

export const NO_FREQUENCIES: NameFrequencies = { given: null, family: null };

export interface Guard {
  cap: number;
  reason: string;
}

/**
 * The household guard. Family members share a family name, an address, a phone and often an
 * email: the very fields that make a pair look like one person, and not independent of one
 * another as the model assumes. So, unless the two share an identification number: a different
 * date of birth, or a different given name without the same date of birth, keeps a pair out of
 * the list whatever else matches, and so does Jr against Sr; a different given name with the
 * same date of birth (twins), a Jr/Sr suffix on one side only, or neither email nor phone the
 * same keeps it out of "likely", and two of these keep it out of the list. A false merge discloses one person's data to another; a missed pair is only
 * a duplicate left.
 */
export function guardOf(levels: ArrayLike<number>): Guard | null {
  // Family members do not share an identification number: agreeing on one lifts the guard.
  if (levels[F.id] === 0 || levels[F.id] === 1) return null;
  const givenDiffers = levels[F.given] === GIVEN_DIFFERENT;
  const birthDiffers = levels[F.birth] === BIRTH_DIFFERENT;
  const birthSame = levels[F.birth] === 0;
  const generation = levels[F.generation] ?? MISSING;
  const contactsDiffer = levels[F.email] === EMAIL_DIFFERENT && levels[F.phone] === 1;
  const decisive: string[] = [];
  const doubtful: string[] = [];
  if (givenDiffers) (birthSame ? doubtful : decisive).push('the given names differ');
  if (birthDiffers) decisive.push('the dates of birth differ');
  if (generation === 2) decisive.push('one is Jr and the other Sr');
  if (generation === 1) doubtful.push('only one carries Jr, Sr or II');
  if (contactsDiffer) doubtful.push('neither the email nor the phone is the same');
  const reasons = [...decisive, ...doubtful];
  if (reasons.length === 0) return null;
  const out = decisive.length > 0 || doubtful.length >= 2;
  const why = `${capitalise(reasons.join(' and '))}: ${
    out ? 'family members or namesakes, not one person' : 'possibly family members'
  }, whatever else they share.`;
  return { cap: out ? GUARD_OUT : GUARD_POSSIBLE, reason: why };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A pattern's fixed part of the score, worked out once per pattern of a run: its weight, the most
 * that name frequencies could add to it, and the guard's cap (1 when there is none). A pair whose
 * pattern cannot reach "possible" even with the rarest names is passed over unscored.
 */
export interface PatternScore {
  weight: number;
  maxFrequencyBits: number;
  cap: number;
}

export function patternScore(model: MatchModel, levels: ArrayLike<number>): PatternScore {
  const given = levels[F.given] ?? MISSING;
  const family = levels[F.family] ?? MISSING;
  return {
    weight: weightOf(model, levels),
    maxFrequencyBits:
      Math.max(0, frequencyBits(model, F.given, given, 0)) +
      Math.max(0, frequencyBits(model, F.family, family, 0)),
    cap: guardOf(levels)?.cap ?? 1,
  };
}

/** The weight at which a pair's probability reaches `threshold`. */
export function weightFor(threshold: number, lambda: number): number {
  return Math.log2(threshold / (1 - threshold)) - Math.log2(lambda / (1 - lambda));
}

export interface PairScore {
  weight: number;
  probability: number;
  guard: Guard | null;
}

export function scoreLevels(
  model: MatchModel,
  levels: ArrayLike<number>,
  frequencies: NameFrequencies,
  patternWeight = weightOf(model, levels),
): PairScore {
  const weight =
    patternWeight +
    frequencyBits(model, F.given, levels[F.given] ?? MISSING, frequencies.given) +
    frequencyBits(model, F.family, levels[F.family] ?? MISSING, frequencies.family);
  const guard = guardOf(levels);
  const probability = probabilityOf(weight, model.lambda);
  return { weight, probability: guard ? Math.min(probability, guard.cap) : probability, guard };
}

export function explainLevels(
  model: MatchModel,
  levels: readonly number[],
  frequencies: NameFrequencies = NO_FREQUENCIES,
): FieldEvidence[] {
  return FIELDS.map((spec, f) => {
    const level = levels[f] ?? MISSING;
    if (level === MISSING) {
      const why =
        f === F.family && levels[F.given] === GIVEN_SWAPPED
          ? 'counted with the given name (the same words in another order)'
          : f === F.generation
            ? 'no Jr/Sr suffix on either record'
            : `no ${spec.noun} on one side`;
      return { field: spec.field, level: null, label: why, weight: 0 };
    }
    const m = model.m[f]?.[level] ?? 1;
    const u = model.u[f]?.[level] ?? 1;
    const frequency =
      f === F.given ? frequencies.given : f === F.family ? frequencies.family : null;
    const tf = frequencyBits(model, f, level, frequency);
    return {
      field: spec.field,
      level,
      label: spec.levels[level] ?? '',
      weight: Math.log2(m / u) + tf,
      m,
      u,
      mFrom: model.mFrom[f] ?? 0,
      ...(frequency !== null
        ? { sharedBy: Math.max(frequency, RAREST_NAME), frequencyBits: tf }
        : {}),
    };
  });
}

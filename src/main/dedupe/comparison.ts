import { jaroWinkler } from '../search/string-similarity';
import { ADDRESSES_PER_RECORD, type FeatureTable } from './record-features';

/**
 * How two records compare, field by field, as a level per field. Levels run from the strongest
 * agreement down to "different"; MISSING means one side has no value, which Fellegi-Sunter treats
 * as no evidence either way.
 */
export const MISSING = 255;

export interface FieldSpec {
  field: 'name' | 'email' | 'phone' | 'address';
  /** What each level means, for the explanation beside a candidate pair. */
  levels: readonly string[];
  /** Prior share of true duplicates at each level, before estimation from the data. */
  mPrior: readonly number[];
}

export const FIELDS: readonly FieldSpec[] = [
  {
    field: 'name',
    levels: [
      'same name',
      'same words in another order',
      'nearly the same name (one slip)',
      'similar name',
      'different name',
    ],
    mPrior: [0.8, 0.06, 0.1, 0.02, 0.02],
  },
  {
    field: 'email',
    levels: [
      'same email address',
      'same mailbox (+tag differs)',
      'same name before @, other provider',
      'different email address',
    ],
    mPrior: [0.8, 0.03, 0.04, 0.13],
  },
  {
    field: 'phone',
    levels: ['same phone number', 'different phone number'],
    mPrior: [0.9, 0.1],
  },
  {
    field: 'address',
    levels: ['same street address', 'same postcode', 'same city', 'different address'],
    mPrior: [0.8, 0.03, 0.04, 0.13],
  },
];

/** Jaro-Winkler over folded names at or above which a name counts as one slip away. */
export const NEAR_NAME = 0.94;
export const SIMILAR_NAME = 0.85;

export function compareRecords(t: FeatureTable, i: number, j: number, out: Uint8Array): void {
  out[0] = compareNames(t, i, j);
  out[1] = compareEmails(t, i, j);
  out[2] = t.phones[i] === 0 || t.phones[j] === 0 ? MISSING : t.phones[i] === t.phones[j] ? 0 : 1;
  out[3] = compareAddresses(t, i, j);
}

function compareNames(t: FeatureTable, i: number, j: number): number {
  const a = t.names[i] ?? '';
  const b = t.names[j] ?? '';
  if (a === '' || b === '') return MISSING;
  if (a === b) return 0;
  const sortedA = t.sortedNames[i] ?? '';
  const sortedB = t.sortedNames[j] ?? '';
  if (sortedA === sortedB) return 1;
  const similarity = Math.max(jaroWinkler(a, b), jaroWinkler(sortedA, sortedB));
  return similarity >= NEAR_NAME ? 2 : similarity >= SIMILAR_NAME ? 3 : 4;
}

function compareEmails(t: FeatureTable, i: number, j: number): number {
  if (t.emails[i] === 0 || t.emails[j] === 0) return MISSING;
  if (t.emails[i] === t.emails[j]) return 0;
  if (t.mailboxes[i] === t.mailboxes[j]) return 1;
  return t.localParts[i] === t.localParts[j] ? 2 : 3;
}

/** The best agreement between any address of one and any address of the other. */
function compareAddresses(t: FeatureTable, i: number, j: number): number {
  let best = MISSING;
  for (let x = 0; x < ADDRESSES_PER_RECORD; x++) {
    const a = i * ADDRESSES_PER_RECORD + x;
    if (t.cities[a] === 0) break;
    for (let y = 0; y < ADDRESSES_PER_RECORD; y++) {
      const b = j * ADDRESSES_PER_RECORD + y;
      if (t.cities[b] === 0) break;
      const level =
        t.streets[a] === t.streets[b]
          ? 0
          : t.postcodes[a] !== 0 && t.postcodes[a] === t.postcodes[b]
            ? 1
            : t.cities[a] === t.cities[b]
              ? 2
              : 3;
      if (level < best) best = level;
    }
  }
  return best;
}

/** The levels of all fields as one small integer: the cell of the pattern histogram. */
export const PATTERN_COUNT = FIELDS.reduce((n, f) => n * (f.levels.length + 1), 1);

export function patternOf(levels: Uint8Array): number {
  let pattern = 0;
  FIELDS.forEach((field, f) => {
    const level = levels[f] ?? MISSING;
    pattern =
      pattern * (field.levels.length + 1) + (level === MISSING ? field.levels.length : level);
  });
  return pattern;
}

export function levelsOf(pattern: number): number[] {
  const levels: number[] = [];
  for (let f = FIELDS.length - 1; f >= 0; f--) {
    const size = (FIELDS[f]?.levels.length ?? 0) + 1;
    const cell = pattern % size;
    pattern = Math.floor(pattern / size);
    levels.unshift(cell === size - 1 ? MISSING : cell);
  }
  return levels;
}

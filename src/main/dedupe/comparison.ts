import { editDistanceWithin, jaroWinkler } from '../search/string-similarity';
import { areNicknames } from './nicknames';
import { ADDRESSES_PER_RECORD, type FeatureTable } from './record-features';

/**
 * How two records compare, field by field, as a level per field. Levels run from the strongest
 * agreement down to "different"; MISSING means one side has no value, which Fellegi-Sunter treats
 * as no evidence either way.
 */
export const MISSING = 255;

export type ComparedField =
  | 'given_name'
  | 'family_name'
  | 'date_of_birth'
  | 'id_number'
  | 'email'
  | 'phone'
  | 'address'
  | 'generation';

export interface FieldSpec {
  field: ComparedField;
  /** The field in words, for "no … on one side". */
  noun: string;
  /** What each level means, for the explanation beside a candidate pair. */
  levels: readonly string[];
  /**
   * Prior share of true duplicates at each level: what record-linkage practice reports for
   * hand-typed person data, used as it is when the data offers too few sure pairs to estimate
   * from, and as pseudo-counts when it does (see match-model.ts).
   */
  mPrior: readonly number[];
}

export const FIELDS: readonly FieldSpec[] = [
  {
    field: 'given_name',
    noun: 'given name',
    levels: [
      'same given name',
      'a given name and its short form (as Bob and Robert)',
      'same name words in another order',
      'nearly the same given name (one slip)',
      'similar given name',
      'an initial that fits the given name',
      'different given name',
    ],
    mPrior: [0.8, 0.03, 0.02, 0.08, 0.04, 0.01, 0.02],
  },
  {
    field: 'family_name',
    noun: 'family name',
    levels: [
      'same family name',
      'nearly the same family name (one slip)',
      'similar or same-sounding family name',
      'different family name',
    ],
    mPrior: [0.82, 0.09, 0.05, 0.04],
  },
  {
    field: 'date_of_birth',
    noun: 'date of birth',
    levels: [
      'same date of birth',
      'same date of birth, day and month swapped',
      'date of birth differs in day, month or year only',
      'different date of birth',
    ],
    mPrior: [0.85, 0.02, 0.1, 0.03],
  },
  {
    field: 'id_number',
    noun: 'ID number',
    levels: [
      'same identification number',
      'identification number one slip apart',
      'different identification number',
    ],
    mPrior: [0.9, 0.07, 0.03],
  },
  {
    field: 'email',
    noun: 'email address',
    levels: [
      'same email address',
      'same mailbox (+tag differs)',
      'same name before @, other provider',
      "only the person's name before @, other provider (namesakes share that)",
      'different email address',
    ],
    mPrior: [0.8, 0.03, 0.03, 0.01, 0.13],
  },
  {
    field: 'phone',
    noun: 'phone number',
    levels: ['same phone number', 'different phone number'],
    mPrior: [0.9, 0.1],
  },
  {
    field: 'address',
    noun: 'address',
    levels: [
      'same street address',
      'same house number and street, other postcode or city',
      'same street, other house number',
      'same postcode',
      'same city',
      'different address',
    ],
    mPrior: [0.75, 0.05, 0.03, 0.04, 0.03, 0.1],
  },
  {
    field: 'generation',
    noun: 'Jr/Sr suffix',
    levels: [
      'same generation suffix (Jr, Sr, II)',
      'a generation suffix (Jr, Sr, II) on one record only',
      'different generation (Jr and Sr)',
    ],
    mPrior: [0.9, 0.08, 0.02],
  },
];

export const F = {
  given: 0,
  family: 1,
  birth: 2,
  id: 3,
  email: 4,
  phone: 5,
  address: 6,
  generation: 7,
} as const;

export const GIVEN_SWAPPED = 2;
/** Jaro-Winkler over folded names at or above which a name counts as one slip away. */
export const NEAR_NAME = 0.92;
export const SIMILAR_NAME = 0.8;

export function compareRecords(t: FeatureTable, i: number, j: number, out: Uint8Array): void {
  compareNames(t, i, j, out);
  out[F.birth] = compareBirths(t.births[i] ?? 0, t.births[j] ?? 0);
  out[F.id] = compareIds(t.nationalIds[i] ?? '', t.nationalIds[j] ?? '');
  out[F.email] = compareEmails(t, i, j);
  out[F.phone] = comparePhones(t, i, j);
  out[F.address] = compareAddresses(t, i, j);
  // Unlike other fields, no suffix is a value: most people have none, so a suffix on one
  // record only (a son's "Jr") is evidence, and two records without one say nothing.
  const gi = t.generations[i] ?? 0;
  const gj = t.generations[j] ?? 0;
  out[F.generation] = gi === 0 && gj === 0 ? MISSING : gi === gj ? 0 : gi === 0 || gj === 0 ? 1 : 2;
}

function compareNames(t: FeatureTable, i: number, j: number, out: Uint8Array): void {
  const givenA = t.givens[i] ?? '';
  const givenB = t.givens[j] ?? '';
  const familyA = t.families[i] ?? '';
  const familyB = t.families[j] ?? '';
  const straightFamily = compareFamilies(t, i, j, familyA, familyB);
  const straightGiven = compareGivens(givenA, givenB);
  // Words in another order: the whole name's words, or given and family crossed over.
  const sortedA = t.sortedNames[i] ?? '';
  const reordered =
    (t.names[i] !== t.names[j] && sortedA !== '' && sortedA === t.sortedNames[j]) ||
    (givenA !== '' &&
      familyA !== '' &&
      givenA !== familyA &&
      givenA === familyB &&
      familyA === givenB);
  if (reordered && (straightGiven !== 0 || straightFamily !== 0)) {
    // One piece of evidence about the whole name: the family field must not count it again.
    out[F.given] = GIVEN_SWAPPED;
    out[F.family] = MISSING;
    return;
  }
  out[F.given] = straightGiven;
  out[F.family] = straightFamily;
}

function compareGivens(a: string, b: string): number {
  if (a === '' || b === '') return MISSING;
  if (a === b) return 0;
  if (areNicknames(a, b)) return 1;
  if (a.length === 1 || b.length === 1) return a.charAt(0) === b.charAt(0) ? 5 : 6;
  const similarity = jaroWinkler(a, b);
  return similarity >= NEAR_NAME ? 3 : similarity >= SIMILAR_NAME ? 4 : 6;
}

function compareFamilies(t: FeatureTable, i: number, j: number, a: string, b: string): number {
  if (a === '' || b === '') return MISSING;
  if (a === b) return 0;
  const similarity = jaroWinkler(a, b);
  if (similarity >= NEAR_NAME) return 1;
  const sounds = t.familyPhonetics[i] !== 0 && t.familyPhonetics[i] === t.familyPhonetics[j];
  // A double surname against one of its parts ("García López", "García").
  const sharesWord =
    (a.includes(' ') || b.includes(' ')) && a.split(' ').some((w) => b.split(' ').includes(w));
  return similarity >= SIMILAR_NAME || sounds || sharesWord ? 2 : 3;
}

/** Dates as YYYYMMDD numbers: equal, day and month swapped, one of the three parts off, or not. */
export function compareBirths(a: number, b: number): number {
  if (a === 0 || b === 0) return MISSING;
  if (a === b) return 0;
  // Plain arithmetic, no arrays: this runs for every candidate pair.
  const ya = Math.floor(a / 10_000);
  const ma = Math.floor(a / 100) % 100;
  const da = a % 100;
  const yb = Math.floor(b / 10_000);
  const mb = Math.floor(b / 100) % 100;
  const db = b % 100;
  if (ya === yb && ma === db && da === mb) return 1;
  const agreeing = (ya === yb ? 1 : 0) + (ma === mb ? 1 : 0) + (da === db ? 1 : 0);
  return agreeing === 2 ? 2 : 3;
}

function compareIds(a: string, b: string): number {
  if (a === '' || b === '') return MISSING;
  if (a === b) return 0;
  return editDistanceWithin(a, b, 1) !== null ? 1 : 2;
}

function comparePhones(t: FeatureTable, i: number, j: number): number {
  if (t.phones[i] === 0 || t.phones[j] === 0) return MISSING;
  if (t.phones[i] !== t.phones[j]) return 1;
  const a = t.phoneTenths[i] ?? 0;
  const b = t.phoneTenths[j] ?? 0;
  return a !== 0 && b !== 0 && a !== b ? 1 : 0;
}

function compareEmails(t: FeatureTable, i: number, j: number): number {
  if (t.emails[i] === 0 || t.emails[j] === 0) return MISSING;
  if (t.emails[i] === t.emails[j]) return 0;
  if (t.mailboxes[i] === t.mailboxes[j]) return 1;
  if (t.localParts[i] !== t.localParts[j]) return 4;
  return t.nameOnlyLocals[i] || t.nameOnlyLocals[j] ? 3 : 2;
}

/** The best agreement between any address of one and any address of the other. */
function compareAddresses(t: FeatureTable, i: number, j: number): number {
  let best = MISSING;
  for (let x = 0; x < ADDRESSES_PER_RECORD; x++) {
    const a = i * ADDRESSES_PER_RECORD + x;
    if (!hasAddress(t, a)) continue;
    for (let y = 0; y < ADDRESSES_PER_RECORD; y++) {
      const b = j * ADDRESSES_PER_RECORD + y;
      if (!hasAddress(t, b)) continue;
      const level = compareAddressSlots(t, a, b);
      if (level < best) best = level;
    }
  }
  return best;
}

const hasAddress = (t: FeatureTable, slot: number): boolean =>
  t.cities[slot] !== 0 || t.postcodes[slot] !== 0 || t.streetNames[slot] !== 0;

function compareAddressSlots(t: FeatureTable, a: number, b: number): number {
  const samePostcode = t.postcodes[a] !== 0 && t.postcodes[a] === t.postcodes[b];
  const sameCity = t.cities[a] !== 0 && t.cities[a] === t.cities[b];
  const sameStreet = t.streetNames[a] !== 0 && t.streetNames[a] === t.streetNames[b];
  const sameNumber = t.houseNumbers[a] === t.houseNumbers[b];
  if (sameStreet && sameNumber) return samePostcode || sameCity ? 0 : 1;
  if (sameStreet && (samePostcode || sameCity)) return 2;
  if (samePostcode) return 3;
  return sameCity ? 4 : 5;
}

/** The levels of all fields as one integer: the cell of the pattern histogram. */
export const PATTERN_COUNT = FIELDS.reduce((n, f) => n * (f.levels.length + 1), 1);

/** Each field's cell count (its levels and MISSING), looked up per pair instead of per field spec. */
const CELLS = Uint8Array.from(FIELDS, (field) => field.levels.length + 1);

export function patternOf(levels: Uint8Array): number {
  let pattern = 0;
  for (let f = 0; f < CELLS.length; f++) {
    const cells = CELLS[f] ?? 1;
    const level = levels[f] ?? MISSING;
    pattern = pattern * cells + (level === MISSING ? cells - 1 : level);
  }
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

import {
  ASCII_FOLDING,
  EMAIL_DOMAINS,
  LOCALES,
  type CityEntry,
  type CountryCode,
  type Locale,
  type PhoneBlock,
} from './vocabulary';

/**
 * sfc32: small, fast, and integer-only, so every engine on every machine yields the same stream.
 * Each customer gets its own keyed streams, which makes any customer's identity computable from
 * the seed and its id alone: a duplicate re-derives its original instead of remembering it.
 */
export class Rng {
  private constructor(
    private a: number,
    private b: number,
    private c: number,
    private d: number,
  ) {}

  static keyed(streamKey: number, id: number): Rng {
    const a = mix32(streamKey ^ mix32(id));
    const rng = new Rng(a, mix32(a + 0x6d2b79f5), mix32(a + 0x3c6ef372), 1);
    // A few rounds spread the seed through the state, so neighbouring ids are unrelated.
    for (let i = 0; i < 12; i++) rng.next();
    return rng;
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) + t;
    this.c |= 0;
    return t >>> 0;
  }

  /** In [0, 1). Division by 2^32 is exact, so this is as portable as the integers. */
  float(): number {
    return this.next() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  between(low: number, high: number): number {
    return low + this.int(high - low + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, this.int(items.length));
  }

  /** Counts of successes before the first failure: mean `mean`, skewed like real activity. */
  geometric(mean: number): number {
    const p = mean / (1 + mean);
    let count = 0;
    while (this.float() < p) count++;
    return count;
  }
}

/** The item at `index` modulo the length; lists here are constant and never empty. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new RangeError('Cannot take an item from an empty list.');
  return item;
}

/** murmur3's finaliser: a bijective 32-bit mix. */
export function mix32(input: number): number {
  let h = input | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The streams a seed fans out into; adding draws to one never shifts the others. */
export enum Stream {
  Identity = 1,
  Activity = 2,
  Plan = 3,
  Perturb = 4,
  Birth = 5,
  Family = 6,
}

export function streamKey(seed: number, stream: Stream): number {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  return mix32(mix32(low ^ 0x9e3779b9) ^ mix32(high + stream * 0x61c88647));
}

export interface PhoneNumber {
  readonly block: PhoneBlock;
  /** National significant number: digits after the country code, no trunk 0. */
  readonly nsn: string;
  readonly format: number;
}

export interface PostalAddress {
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postcode: string | null;
  country: CountryCode;
}

/** Who a customer is; a pure function of (seed, id) so it can be re-derived for duplicates. */
export interface Identity {
  readonly id: number;
  readonly locale: Locale;
  readonly given: string;
  readonly family: string;
  readonly email: string | null;
  readonly phone: PhoneNumber | null;
  readonly address: PostalAddress;
  /** YYYY-MM-DD, between 1940 and 2006; whether a record shows it is the record's own draw. */
  readonly birthDate: string;
}

export interface ContactPresence {
  hasEmail: boolean;
  hasPhone: boolean;
}

const EMAIL_SHARE = 0.97;
const PHONE_SHARE = 0.96;
const TOTAL_WEIGHT = LOCALES.reduce((sum, locale) => sum + locale.weight, 0);

/** The first draws of the identity stream, so duplicate planning can read them cheaply. */
function drawPresence(rng: Rng): ContactPresence {
  return { hasEmail: rng.chance(EMAIL_SHARE), hasPhone: rng.chance(PHONE_SHARE) };
}

export function contactPresence(identityKey: number, id: number): ContactPresence {
  return drawPresence(Rng.keyed(identityKey, id));
}

export function identityOf(identityKey: number, id: number): Identity {
  const rng = Rng.keyed(identityKey, id);
  const presence = drawPresence(rng);
  const locale = pickLocale(rng);
  const given = rng.pick(locale.givenNames);
  const family = familyName(rng, locale);
  const person = { id, locale, given, family };
  const email = presence.hasEmail
    ? emailAddress(rng, emailNameParts(person), emailToken(identityKey, id))
    : null;
  const phone = presence.hasPhone ? phoneNumber(rng, locale, identityKey, id) : null;
  return {
    ...person,
    email,
    phone,
    address: postalAddress(rng, locale),
    birthDate: birthDateOf(identityKey, id),
  };
}

/** From a stream of its own, so adding birth dates shifted no other identity draw. */
function birthDateOf(identityKey: number, id: number): string {
  const rng = Rng.keyed(mix32(identityKey + Stream.Birth * 0x61c88647), id);
  return dateAfter(Date.UTC(1940, 0, 1), rng.int(DAYS_1940_TO_2006));
}

const DAY_MS = 86_400_000;
const DAYS_1940_TO_2006 = Math.round((Date.UTC(2007, 0, 1) - Date.UTC(1940, 0, 1)) / DAY_MS);

/** The ISO date `days` days after the UTC midnight `fromMs`. */
export function dateAfter(fromMs: number, days: number): string {
  return new Date(fromMs + days * DAY_MS).toISOString().slice(0, 10);
}

function pickLocale(rng: Rng): Locale {
  let roll = rng.int(TOTAL_WEIGHT);
  for (const locale of LOCALES) {
    if (roll < locale.weight) return locale;
    roll -= locale.weight;
  }
  throw new Error('Locale weights are inconsistent.');
}

function familyName(rng: Rng, locale: Locale): string {
  const first = rng.pick(locale.familyNames);
  if (!locale.twoSurnames || rng.chance(0.15)) return first;
  let second = rng.pick(locale.familyNames);
  while (second === first) second = rng.pick(locale.familyNames);
  return `${first} ${second}`;
}

export function fullName(identity: Identity): string {
  return `${identity.given} ${identity.family}`;
}

/** ASCII as typed into an email form: marks folded, spaces and apostrophes dropped. */
export function emailSafe(text: string): string {
  let out = '';
  for (const char of text.toLowerCase()) {
    if ((char >= 'a' && char <= 'z') || (char >= '0' && char <= '9') || char === '-') out += char;
    else out += ASCII_FOLDING[char] ?? '';
  }
  return out;
}

const TOKEN_BITS = 24;
const TOKEN_MASK = (1 << TOKEN_BITS) - 1;
export const MAX_CUSTOMERS = TOKEN_MASK;

/**
 * A number unique to each customer id (a bijection on 24 bits, keyed by the seed), ending every
 * local part: two people who share a name never share an address, so only deliberate duplicates
 * collide on email. Scrambled so the id cannot be read back from it.
 */
export function emailToken(identityKey: number, id: number): string {
  let x = (id ^ identityKey) & TOKEN_MASK;
  x = Math.imul(x, 0x2c1b3c6d) & TOKEN_MASK;
  x ^= x >>> 12;
  x = Math.imul(x, 0x297a2d39) & TOKEN_MASK;
  x ^= x >>> 11;
  return String(x);
}

const LOCAL_PARTS: readonly ((given: string, family: string) => string)[] = [
  (g, f) => `${g}.${f}`,
  (g, f) => `${g}${f}`,
  (g, f) => `${g.slice(0, 1)}.${f}`,
  (g, f) => `${g}_${f}`,
  (g, f) => `${f}.${g}`,
  (g, f) => `${g}.${f}.`,
  (g, f) => `${g.slice(0, 1)}${f}`,
];

/**
 * The name people put in their address: the first given name and, for Spanish double surnames,
 * the first surname only ("José María García López" → jose, garcia); particles stay ("delafontaine").
 */
export function emailNameParts(identity: Pick<Identity, 'locale' | 'given' | 'family'>): {
  given: string;
  family: string;
} {
  const given = identity.given.split(' ')[0] ?? identity.given;
  const family = identity.locale.twoSurnames
    ? (identity.family.split(' ')[0] ?? identity.family)
    : identity.family;
  return { given: emailSafe(given), family: emailSafe(family) };
}

/** Name-based local part, in the style `style` picks, ending in the customer's token. */
export function emailLocalPart(
  name: { given: string; family: string },
  token: string,
  style: number,
): string {
  return at(LOCAL_PARTS, style)(name.given, name.family) + token;
}

export const LOCAL_PART_STYLES = LOCAL_PARTS.length;

function emailAddress(rng: Rng, name: { given: string; family: string }, token: string): string {
  const local = emailLocalPart(name, token, rng.int(LOCAL_PART_STYLES));
  const domain = rng.pick(EMAIL_DOMAINS);
  // A few people typed their address capitalised; mail is case-insensitive, the database is not.
  const written = rng.chance(0.03) ? capitalise(local) : local;
  return `${written}@${domain}`;
}

function capitalise(text: string): string {
  return text.slice(0, 1).toUpperCase() + text.slice(1);
}

/**
 * Numbers come from each country's fictional ranges, which are small (GB 16,000, DE 5,000): the
 * id is mapped through an affine permutation of the country's range, so numbers are unique while
 * ids span less than the range, and shared by unrelated customers (as households share one)
 * beyond it.
 */
function phoneNumber(rng: Rng, locale: Locale, identityKey: number, id: number): PhoneNumber {
  const space = phoneSpace(locale);
  const index = (space.multiplier * ((id + identityKey) % space.size) + space.offset) % space.size;
  const perBlock = space.size / locale.phoneBlocks.length;
  const block = at(locale.phoneBlocks, Math.floor(index / perBlock));
  const subscriber = String(index % perBlock).padStart(block.free, '0');
  return { block, nsn: block.prefix + subscriber, format: rng.int(locale.phoneFormats.length) };
}

interface PhoneSpace {
  size: number;
  multiplier: number;
  offset: number;
}

const phoneSpaces = new Map<CountryCode, PhoneSpace>();

function phoneSpace(locale: Locale): PhoneSpace {
  const cached = phoneSpaces.get(locale.country);
  if (cached) return cached;
  const first = locale.phoneBlocks[0];
  if (!first || locale.phoneBlocks.some((block) => block.free !== first.free)) {
    throw new Error(`Phone blocks of ${locale.country} must share one size.`);
  }
  const size = locale.phoneBlocks.length * 10 ** first.free;
  // Any multiplier coprime with the size permutes the range; products stay below 2^53.
  let multiplier = 1_000_003;
  while (gcd(multiplier, size) !== 1) multiplier += 2;
  const space = { size, multiplier, offset: Math.floor(size / 3) };
  phoneSpaces.set(locale.country, space);
  return space;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export function formatPhone(locale: Locale, phone: PhoneNumber, format: number): string {
  const groups: string[] = [];
  let start = 0;
  for (const size of phone.block.groups) {
    groups.push(phone.nsn.slice(start, start + size));
    start += size;
  }
  return at(locale.phoneFormats, format)(phone.nsn, groups);
}

export function postalAddress(rng: Rng, locale: Locale): PostalAddress {
  const city = rng.pick(locale.cities);
  // Low numbers are the most common on any street.
  const [low, high] = locale.houseNumbers;
  const houseNumber = low + Math.floor(rng.float() * rng.float() * (high - low + 1));
  return {
    line1: locale.streetLine(rng.pick(locale.streets), houseNumber),
    line2: rng.chance(0.25) ? rng.pick(locale.line2s) : null,
    city: city.name,
    // The central database is messy: regions were optional on most forms.
    region: rng.chance(0.6) ? city.region : null,
    postcode: rng.chance(0.98) ? postcode(rng, city) : null,
    country: locale.country,
  };
}

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function postcode(rng: Rng, city: CityEntry): string {
  if (typeof city.postcode === 'string') {
    const district = rng.between(1, 20);
    const letter = (): string => INWARD_LETTERS.charAt(rng.int(INWARD_LETTERS.length));
    const inward = `${rng.int(10)}${letter()}${letter()}`;
    return `${city.postcode}${district} ${inward}`;
  }
  const [low, high, step] = city.postcode;
  const value = low + step * rng.int(Math.floor((high - low) / step) + 1);
  return String(value).padStart(5, '0');
}

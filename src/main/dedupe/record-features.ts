import { foldText, foldedWords } from '../search/text-folding';
import { nameParts, phoneticCode, type NameParts } from './name-parts';
import { hash32 } from './string-hash';

/** A customer as detection reads it: the identifying fields and up to three addresses. */
export interface DedupeSource {
  customerId: number;
  name: string;
  email: string | null;
  phone: string | null;
  /** Given and family name where the record keeps them apart. */
  givenName?: string | null;
  familyName?: string | null;
  /** ISO date (YYYY-MM-DD) or YYYYMMDD. */
  dateOfBirth?: string | null;
  /** A national or customer identification number. */
  nationalId?: string | null;
  addresses: { line1: string; city: string; postcode: string | null; country: string }[];
}

export const ADDRESSES_PER_RECORD = 3;

/**
 * What detection compares, per record, in columns: names as folded text (for Jaro-Winkler) and
 * everything else as numbers or hashes, so a million records take a few typed arrays instead of
 * millions of strings. Index i is the i-th record added. 0 (or "") is "no value": a blank field
 * is never hashed as a value, so two records without a city do not agree on one.
 */
export class FeatureTable {
  readonly customerIds: Float64Array;
  readonly names: string[] = [];
  /** The name's words sorted: equal for "Anna Berg" and "Berg Anna". */
  readonly sortedNames: string[] = [];
  readonly givens: string[] = [];
  readonly families: string[] = [];
  readonly givenHashes: Uint32Array;
  readonly familyHashes: Uint32Array;
  readonly familyPhonetics: Uint32Array;
  readonly generations: Uint8Array;
  /** Date of birth as the number YYYYMMDD. */
  readonly births: Uint32Array;
  readonly nationalIds: string[] = [];
  readonly emails: Uint32Array;
  /** The address with any "+tag" dropped: the mailbox mail is delivered to. */
  readonly mailboxes: Uint32Array;
  /** The part before "@" without its "+tag": the same person at another provider. */
  readonly localParts: Uint32Array;
  /** 1 when the part before "@" is only the person's name ("anna.berg"), as namesakes' are. */
  readonly nameOnlyLocals: Uint8Array;
  readonly phones: Uint32Array;
  /** The digit before the phone's last nine, plus one (0: none), to tell area codes apart. */
  readonly phoneTenths: Uint8Array;
  /** Per address slot: the house number, the street's name, the postcode and the city. */
  readonly houseNumbers: Uint32Array;
  readonly streetNames: Uint32Array;
  readonly postcodes: Uint32Array;
  readonly cities: Uint32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.customerIds = new Float64Array(capacity);
    this.givenHashes = new Uint32Array(capacity);
    this.familyHashes = new Uint32Array(capacity);
    this.familyPhonetics = new Uint32Array(capacity);
    this.generations = new Uint8Array(capacity);
    this.births = new Uint32Array(capacity);
    this.emails = new Uint32Array(capacity);
    this.mailboxes = new Uint32Array(capacity);
    this.localParts = new Uint32Array(capacity);
    this.nameOnlyLocals = new Uint8Array(capacity);
    this.phones = new Uint32Array(capacity);
    this.phoneTenths = new Uint8Array(capacity);
    const slots = capacity * ADDRESSES_PER_RECORD;
    this.houseNumbers = new Uint32Array(slots);
    this.streetNames = new Uint32Array(slots);
    this.postcodes = new Uint32Array(slots);
    this.cities = new Uint32Array(slots);
  }

  get size(): number {
    return this.count;
  }

  add(source: DedupeSource, keys?: (key: string, index: number) => void): number {
    if (this.count >= this.capacity) throw new RangeError('The feature table is full.');
    const i = this.count++;
    this.customerIds[i] = source.customerId;
    const parts = nameFeatures(source);
    this.names.push(parts.name);
    this.sortedNames.push(parts.sorted);
    this.givens.push(parts.given);
    this.families.push(parts.family);
    this.givenHashes[i] = parts.givenHash;
    this.familyHashes[i] = parts.familyHash;
    this.familyPhonetics[i] = parts.familyPhonetic;
    this.generations[i] = parts.generation;
    const birth = birthNumber(source.dateOfBirth);
    this.births[i] = birth;
    const nationalId = idKey(source.nationalId);
    this.nationalIds.push(nationalId);

    const email = emailParts(source.email);
    if (email) {
      this.emails[i] = hash32(email.address);
      this.mailboxes[i] = hash32(email.mailbox);
      this.localParts[i] = hash32(email.local);
      if (isNameOnly(email.local, () => wordsForEmail(source.name, parts.words))) {
        this.nameOnlyLocals[i] = 1;
      }
    }
    const phone = phoneKey(source.phone);
    if (phone) {
      this.phones[i] = hash32(phone);
      this.phoneTenths[i] = phoneTenth(source.phone);
    }

    const localities = new Set<string>();
    source.addresses.slice(0, ADDRESSES_PER_RECORD).forEach((address, slot) => {
      const at = i * ADDRESSES_PER_RECORD + slot;
      const postcode = address.postcode ? postcodeKey(address.postcode) : '';
      const cityName = foldedCity(address.city);
      const street = streetParts(address.line1);
      if (street.number) this.houseNumbers[at] = hash32(street.number);
      if (street.name) this.streetNames[at] = hash32(street.name);
      if (postcode) {
        this.postcodes[at] = hash32(`${address.country}|${postcode}`);
      }
      if (cityName) this.cities[at] = hash32(`${address.country}|${cityName}`);
      if (postcode || cityName) {
        localities.add(
          postcode ? `${address.country}|${postcode}` : `${address.country}|${cityName}`,
        );
      }
    });

    if (keys) {
      // Each key is a way a duplicate stays findable when other fields were edited or are
      // missing. The mailbox name survives a change of provider; a phone with a name word
      // survives a new address and email; a name word with the other words' initials and the
      // postcode survives a typo in another word (typists rarely miss a first letter) and
      // swapped parts; the date of birth with either name's initial and the identification
      // number work without any contact detail at all. A phone, a date of birth or a name alone
      // would put households, namesakes and people born on one day in huge blocks. A key on the
      // family name's sound in the postcode's area was measured and left out: it found 0.05% more
      // of FEBRL's true pairs and tripled the pairs compared at a million records.
      if (email) keys(email.local.length >= 5 ? `l:${email.local}` : `e:${email.mailbox}`, i);
      const tokens = parts.tokens;
      const firstLetters = tokens.map((t) => t.charAt(0));
      for (let t = 0; t < tokens.length; t++) {
        const token = tokens[t] ?? '';
        if (phone) keys(`p:${phone}|${token}`, i);
        const initials =
          tokens.length === 2
            ? (firstLetters[1 - t] ?? '')
            : firstLetters
                .filter((_, k) => k !== t)
                .sort()
                .join('');
        for (const locality of localities) keys(`n:${token}|${initials}|${locality}`, i);
      }
      if (birth) {
        if (parts.given) keys(`d:${birth}|g${parts.given.charAt(0)}`, i);
        if (parts.family) keys(`d:${birth}|f${parts.family.charAt(0)}`, i);
      }
      if (nationalId.length >= 4) keys(`i:${nationalId}`, i);
    }
    return i;
  }
}

interface NameFeatures extends NameParts {
  name: string;
  sorted: string;
  givenHash: number;
  familyHash: number;
  familyPhonetic: number;
  /** Distinct words of two letters or more, the blocking keys' tokens. */
  tokens: string[];
}

const nameCache = new Map<string, NameFeatures>();

/**
 * A name's comparable parts, worked out once per distinct name: names repeat across a replica
 * (a million records hold far fewer names), and splitting, folding and sounding them out was a
 * third of reading.
 */
function nameFeatures(source: DedupeSource): NameFeatures {
  const key =
    source.givenName || source.familyName
      ? `${source.name}\u0000${source.givenName ?? ''}\u0000${source.familyName ?? ''}`
      : source.name;
  let features = nameCache.get(key);
  if (features) return features;
  const parts = nameParts(source.name, source.givenName, source.familyName);
  const name = parts.words.join(' ');
  const code = phoneticCode(parts.family);
  features = {
    ...parts,
    name,
    sorted: parts.words.length > 1 ? [...parts.words].sort().join(' ') : name,
    givenHash: parts.given ? hash32(parts.given) : 0,
    familyHash: parts.family ? hash32(parts.family) : 0,
    familyPhonetic: parts.family && code ? hash32(code) : 0,
    tokens: [...new Set(parts.words.filter((w) => w.length >= 2))],
  };
  if (nameCache.size > 200_000) nameCache.clear();
  nameCache.set(key, features);
  return features;
}

export function emailParts(
  email: string | null,
): { address: string; mailbox: string; local: string } | null {
  if (!email) return null;
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at).replace(/\+.*$/, '');
  return { address, mailbox: `${local}${address.slice(at)}`, local };
}

/**
 * The last nine digits. A number written nationally ("020 7946 0958"), internationally
 * ("+44 20 7946 0958") or with the "00" prefix differs only in what comes before them, and nine
 * digits are the national number in most plans. Full parsing with libphonenumber would be exact
 * but costs about twenty seconds over a million records; this is the blocking key and one field
 * of a score, where a rare cross-country collision only adds a candidate to compare.
 */
export function phoneKey(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D+/g, '');
  return digits.length >= 7 ? digits.slice(-9) : null;
}

/**
 * The digit before the last nine, plus one, or 0 when there is none or it is a trunk 0. Ten-digit
 * national numbers (the US, Canada, Germany) differ there when their last nine agree ("614" and
 * "214" area codes); written with a country code or a trunk 0 instead, the same number shows the
 * code's last digit or 0 there, so only two different non-zero digits tell numbers apart.
 */
export function phoneTenth(phone: string | null): number {
  const digits = phone?.replace(/\D+/g, '') ?? '';
  const tenth = digits.length >= 10 ? digits.charCodeAt(digits.length - 10) - 48 : 0;
  return tenth > 0 ? tenth + 1 : 0;
}

export function postcodeKey(postcode: string): string {
  return foldText(postcode).replace(/[^a-z0-9]+/g, '');
}

/**
 * The house number and the street's name of an address line, in either order ("12 Main
 * Street", "Hauptstraße 12a"): a move within the street keeps the name, a new postcode keeps
 * both.
 */
export function streetParts(line1: string): { number: string; name: string } {
  const words = foldedWords(line1);
  const number = words.find((w) => /\d/.test(w)) ?? '';
  return { number, name: words.filter((w) => !/\d/.test(w)).join(' ') };
}

/**
 * Whether a mailbox name says no more than the name does: made only of the name's words and
 * initials, in any order, with or without separators ("anna.berg", "aberg", "berganna"). Two
 * namesakes at different providers share such a local part by chance; a digit or a word of its
 * own makes it the person's.
 */
export function isNameOnly(local: string, nameWords: () => readonly string[]): boolean {
  const letters = local.replace(/[._-]+/g, '');
  if (letters === '' || /[^a-z]/.test(letters)) return false;
  const pieces = new Set<string>();
  for (const word of nameWords()) {
    for (const form of [word, transliterated(word)]) {
      const ascii = form.replace(/[^a-z]+/g, '');
      if (ascii) pieces.add(ascii).add(ascii.charAt(0));
    }
  }
  // Can the letters be cut into pieces of the name? reachable[k]: the first k letters can.
  const reachable = [true, ...Array<boolean>(letters.length).fill(false)];
  for (let k = 0; k < letters.length; k++) {
    if (!reachable[k]) continue;
    for (const piece of pieces)
      if (letters.startsWith(piece, k)) reachable[k + piece.length] = true;
  }
  return reachable[letters.length] === true;
}

/** German umlauts as email addresses write them ("müller" is also "mueller"). */
function transliterated(word: string): string {
  return word.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}

const cityCache = new Map<string, string>();

/** Cities repeat across a replica: each is folded once. */
function foldedCity(city: string): string {
  let folded = cityCache.get(city);
  if (folded === undefined) {
    if (cityCache.size > 100_000) cityCache.clear();
    folded = foldedWords(city).join(' ');
    cityCache.set(city, folded);
  }
  return folded;
}

/** The name's words folded, and lower-cased with their marks kept so umlauts can be written out. */
function wordsForEmail(name: string, folded: readonly string[]): string[] {
  return [
    ...name
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter(Boolean),
    ...folded,
  ];
}

/** A date of birth as YYYYMMDD, or 0 when missing or not a plausible date. */
export function birthNumber(value: string | null | undefined): number {
  if (!value) return 0;
  // YYYY-MM-DD or YYYYMMDD at the start, read digit by digit: a regular expression per record
  // was a measurable part of reading a million.
  const text = value.trim();
  let at = 0;
  const digits = (count: number): number => {
    let n = 0;
    for (let k = 0; k < count; k++, at++) {
      const d = text.charCodeAt(at) - 48;
      if (!(d >= 0 && d <= 9)) return -1;
      n = n * 10 + d;
    }
    return n;
  };
  const year = digits(4);
  if (year < 0) return 0;
  if (text.charCodeAt(at) === 45) at++;
  const month = digits(2);
  if (month < 0) return 0;
  if (text.charCodeAt(at) === 45) at++;
  const day = digits(2);
  if (day < 0) return 0;
  // A month above 12 stays: day and month typed the wrong way round are still evidence.
  if (year < 1850 || month < 1 || month > 31 || day < 1 || day > 31) return 0;
  return year * 10_000 + month * 100 + day;
}

/** An identification number as compared: letters and digits only, upper case. */
export function idKey(value: string | null | undefined): string {
  return value ? value.replace(/[^0-9A-Za-z]+/g, '').toUpperCase() : '';
}

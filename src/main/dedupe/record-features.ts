import { foldText, foldedWords } from '../search/text-folding';
import { hash32 } from './string-hash';

/** A customer as detection reads it: the identifying fields and up to three addresses. */
export interface DedupeSource {
  customerId: number;
  name: string;
  email: string | null;
  phone: string | null;
  addresses: { line1: string; city: string; postcode: string | null; country: string }[];
}

export const ADDRESSES_PER_RECORD = 3;

/**
 * What detection compares, per record, in columns: the folded name as text (for Jaro-Winkler)
 * and everything else as hashes, so a million records take a few typed arrays instead of
 * millions of strings. Index i is the i-th record added.
 */
export class FeatureTable {
  readonly customerIds: Float64Array;
  readonly names: string[] = [];
  /** The name's words sorted: equal for "Anna Berg" and "Berg Anna". */
  readonly sortedNames: string[] = [];
  readonly emails: Uint32Array;
  /** The address with any "+tag" dropped: the mailbox mail is delivered to. */
  readonly mailboxes: Uint32Array;
  /** The part before "@" without its "+tag": the same person at another provider. */
  readonly localParts: Uint32Array;
  readonly phones: Uint32Array;
  /** Per address slot: the street address, the postcode and the city. */
  readonly streets: Uint32Array;
  readonly postcodes: Uint32Array;
  readonly cities: Uint32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.customerIds = new Float64Array(capacity);
    this.emails = new Uint32Array(capacity);
    this.mailboxes = new Uint32Array(capacity);
    this.localParts = new Uint32Array(capacity);
    this.phones = new Uint32Array(capacity);
    this.streets = new Uint32Array(capacity * ADDRESSES_PER_RECORD);
    this.postcodes = new Uint32Array(capacity * ADDRESSES_PER_RECORD);
    this.cities = new Uint32Array(capacity * ADDRESSES_PER_RECORD);
  }

  get size(): number {
    return this.count;
  }

  add(source: DedupeSource, keys?: (key: string, index: number) => void): number {
    if (this.count >= this.capacity) throw new RangeError('The feature table is full.');
    const i = this.count++;
    this.customerIds[i] = source.customerId;
    const words = foldedWords(source.name);
    const name = words.join(' ');
    const sorted = words.length > 1 ? [...words].sort().join(' ') : name;
    this.names.push(name);
    this.sortedNames.push(sorted);

    const email = emailParts(source.email);
    if (email) {
      this.emails[i] = hash32(email.address);
      this.mailboxes[i] = hash32(email.mailbox);
      this.localParts[i] = hash32(email.local);
    }
    const phone = phoneKey(source.phone);
    if (phone) this.phones[i] = hash32(phone);

    const localities = new Set<string>();
    source.addresses.slice(0, ADDRESSES_PER_RECORD).forEach((address, slot) => {
      const at = i * ADDRESSES_PER_RECORD + slot;
      const postcode = address.postcode ? postcodeKey(address.postcode) : '';
      const city = `${address.country}|${foldedWords(address.city).join(' ')}`;
      const line1 = foldedWords(address.line1).join(' ');
      this.streets[at] = hash32(`${postcode || city}|${line1}`);
      if (postcode) this.postcodes[at] = hash32(`${address.country}|${postcode}`);
      this.cities[at] = hash32(city);
      localities.add(postcode ? `${address.country}|${postcode}` : city);
    });

    if (keys) {
      // Each key is a way a duplicate stays findable when other fields were edited. The mailbox
      // name survives a change of provider; a phone with a name word survives a new address and
      // email; a name word with the other words' initials and the postcode survives a typo in
      // another word (typists rarely miss a first letter) and swapped parts. A phone or a given
      // name alone would put households and namesakes in huge blocks.
      if (email) keys(email.local.length >= 5 ? `l:${email.local}` : `e:${email.mailbox}`, i);
      const tokens = [...new Set(words.filter((w) => w.length >= 2))];
      for (const token of tokens) {
        if (phone) keys(`p:${phone}|${token}`, i);
        const initials = tokens
          .filter((t) => t !== token)
          .map((t) => t.charAt(0))
          .sort()
          .join('');
        for (const locality of localities) keys(`n:${token}|${initials}|${locality}`, i);
      }
    }
    return i;
  }
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

export function postcodeKey(postcode: string): string {
  return foldText(postcode).replace(/[^a-z0-9]+/g, '');
}

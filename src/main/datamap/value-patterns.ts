/**
 * The shapes a sampled value can have. Discovery counts how many of a column's sampled values
 * have each shape and forgets the values: only these counts leave the sampler.
 */
export const VALUE_SHAPES = [
  'email',
  'phone',
  'iban',
  'card_number',
  'date',
  'person_name',
  'free_text',
  'url',
  'ip_address',
] as const;
export type ValueShape = (typeof VALUE_SHAPES)[number];

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@.]{2,63}$/u;
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]{6,24}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const CARD = /^\d{13,19}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DAY_MONTH_YEAR = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;
const PERSON_NAME = /^\p{Lu}[\p{L}\p{M}'’-]{0,30}(?: (?:\p{L}[\p{L}\p{M}'’.-]{0,30})){0,3}$/u;
const URL = /^https?:\/\/\S+$/i;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV6 = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}$/i;

/** Every shape a value has (a value can have none, or, rarely, two). */
export function shapesOf(value: string): ValueShape[] {
  const v = value.trim();
  if (v.length === 0) return [];
  const shapes: ValueShape[] = [];
  if (EMAIL.test(v)) shapes.push('email');
  const compact = v.replace(/[\s-]/g, '');
  if (IBAN.test(compact.toUpperCase()) && ibanChecks(compact.toUpperCase())) shapes.push('iban');
  else if (CARD.test(compact) && luhn(compact)) shapes.push('card_number');
  else if (looksLikePhone(v)) shapes.push('phone');
  if (ISO_DATE.test(v) || DAY_MONTH_YEAR.test(v)) shapes.push('date');
  if (PERSON_NAME.test(v)) shapes.push('person_name');
  if (URL.test(v)) shapes.push('url');
  if (IPV4.test(v) || (v.includes(':') && IPV6.test(v) && v.length >= 7)) shapes.push('ip_address');
  if (v.length >= 40 && /\s\S+\s/.test(v) && !URL.test(v)) shapes.push('free_text');
  return shapes;
}

/**
 * A phone number is written with separators or a leading + or 0; a bare run of digits is more
 * often an id, and is not counted as a phone.
 */
function looksLikePhone(v: string): boolean {
  if (!PHONE_CHARACTERS.test(v)) return false;
  const digits = v.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  return v.startsWith('+') || v.startsWith('0') || /[\s().\-/]/.test(v);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616: the country and check digits moved to the end, letters as numbers, mod 97 is 1. */
function ibanChecks(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const n = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of n) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** What the sampler keeps of a column: counts, never values. */
export interface ColumnSample {
  /** Sampled rows where the column was not null. */
  present: number;
  /** Distinct values among them (a low share means a code or a category). */
  distinct: number;
  shapes: Partial<Record<ValueShape, number>>;
}

/** Counts the shapes of a column's sampled values. */
export function summariseValues(values: Iterable<string>): ColumnSample {
  let present = 0;
  const distinct = new Set<string>();
  const shapes: Partial<Record<ValueShape, number>> = {};
  for (const value of values) {
    present++;
    if (distinct.size < 10_000) distinct.add(value);
    for (const shape of shapesOf(value)) shapes[shape] = (shapes[shape] ?? 0) + 1;
  }
  return { present, distinct: distinct.size, shapes };
}

/** The share of a column's present values with a shape (0 when none were sampled). */
export function shareOf(sample: ColumnSample | undefined, shape: ValueShape): number {
  if (!sample || sample.present === 0) return 0;
  return (sample.shapes[shape] ?? 0) / sample.present;
}

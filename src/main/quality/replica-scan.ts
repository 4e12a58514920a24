import type { SqliteDatabase } from '../db/open';
import { hash32 } from '../dedupe/string-hash';
import { CRITICAL_FIELDS, type CriticalField } from '../../shared/quality';
import { isValidEmail, isValidPhone } from './contact-validity';

/** Records read per statement: each batch is one short read, and the owner answers others between. */
export const SCAN_BATCH = 1000;

/**
 * Given and family names and the date of birth live in the attributes in the reference schema
 * (as duplicate detection reads them); the address counts when a street line is there. Merged
 * records are left out: they are no longer anyone's record.
 */
const SELECT = `SELECT c.customer_id, c.name, c.email, c.phone,
    CASE WHEN instr(c.attributes, '_name"') OR instr(c.attributes, 'birth')
      THEN json_extract(c.attributes, '$.given_name', '$.family_name', '$.date_of_birth', '$.birth_date') END,
    (SELECT a.country FROM addresses a WHERE a.customer_id = c.customer_id ORDER BY a.address_id LIMIT 1),
    (SELECT group_concat(a.line1, '') FROM addresses a WHERE a.customer_id = c.customer_id)
  FROM customers c
  WHERE c.merged_into IS NULL AND c.customer_id > ? ORDER BY c.customer_id LIMIT ${SCAN_BATCH}`;

type Row = [
  number,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];

/** What one pass over the replica found: per figure, the records behind it, in id order. */
export interface ScanResult {
  customers: number;
  missing: Record<CriticalField, number[]>;
  invalidEmail: number[];
  emailsChecked: number;
  invalidPhone: number[];
  phonesChecked: number;
}

/**
 * Phone checks remembered per record between passes, by a hash of the number and the region it
 * was read in: parsing is what makes a pass slow (tens of microseconds a number), and most
 * numbers do not change between two passes. Holds no value; dropped with the connection.
 */
const phoneChecks = new WeakMap<SqliteDatabase, Map<number, number>>();

/**
 * Counts missing critical fields and invalid emails and phones, batch by batch, calling `pause`
 * between batches (the owner yields there, so other calls are answered meanwhile).
 */
export async function scanReplica(
  db: SqliteDatabase,
  options: {
    /** Where a number without a country code is read when the record has no address country. */
    defaultRegion: string | null;
    pause: (done: number) => Promise<void>;
  },
): Promise<ScanResult> {
  const statement = db.prepare(SELECT).raw();
  const remembered = phoneChecks.get(db) ?? new Map<number, number>();
  phoneChecks.set(db, remembered);
  const result: ScanResult = {
    customers: 0,
    missing: Object.fromEntries(CRITICAL_FIELDS.map((f) => [f, []])) as unknown as Record<
      CriticalField,
      number[]
    >,
    invalidEmail: [],
    emailsChecked: 0,
    invalidPhone: [],
    phonesChecked: 0,
  };
  let after = 0;
  for (;;) {
    const rows = statement.all(after) as Row[];
    for (const [id, name, email, phone, identity, country, lines] of rows) {
      result.customers += 1;
      const [given, family, birth, birthOther] = parseIdentity(identity);
      const gaps: [CriticalField, boolean][] = [
        ['full_name', blank(name)],
        ['given_name', blank(given)],
        ['family_name', blank(family)],
        ['email', blank(email)],
        ['phone', blank(phone)],
        ['birth_date', blank(birth) && blank(birthOther)],
        ['postal_address', blank(lines)],
      ];
      for (const [field, isMissing] of gaps) if (isMissing) result.missing[field].push(id);
      if (!blank(email)) {
        result.emailsChecked += 1;
        if (!isValidEmail(email ?? '')) result.invalidEmail.push(id);
      }
      if (!blank(phone)) {
        result.phonesChecked += 1;
        const region = country ?? options.defaultRegion;
        if (!phoneIsValid(remembered, id, phone ?? '', region)) result.invalidPhone.push(id);
      }
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < SCAN_BATCH) break;
    after = last[0];
    await options.pause(result.customers);
  }
  return result;
}

function phoneIsValid(
  remembered: Map<number, number>,
  id: number,
  phone: string,
  region: string | null,
): boolean {
  // 29 bits of hash and one of answer stay a small integer, so a million entries stay small.
  const key = (hash32(`${region ?? ''}|${phone}`) & 0x1fffffff) * 2;
  const known = remembered.get(id);
  if (known !== undefined && (known & ~1) === key) return (known & 1) === 1;
  const valid = isValidPhone(phone, region);
  remembered.set(id, key + (valid ? 1 : 0));
  return valid;
}

/** Blank, or only whitespace of any script (JavaScript's trim knows U+3000 and no-break space). */
function blank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  // A number or a nested object held where a name or date belongs is there, if oddly so.
  return false;
}

function parseIdentity(identity: string | null): unknown[] {
  if (identity === null) return [];
  try {
    const values: unknown = JSON.parse(identity);
    return Array.isArray(values) ? values : [];
  } catch {
    return [];
  }
}

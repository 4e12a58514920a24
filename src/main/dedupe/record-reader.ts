import type { SqliteDatabase } from '../db/open';
import type { DedupeSource } from './record-features';

/**
 * Given and family names, date of birth and an identification number live in the record's
 * attributes in the reference schema, read in one pass over the JSON (the first key present wins).
 */
const SELECT = `SELECT c.customer_id, c.name, c.email, c.phone, a.line1, a.city, a.postcode, a.country,
    CASE WHEN instr(c.attributes, '_name"') OR instr(c.attributes, 'birth')
      OR instr(c.attributes, 'national_id"') OR instr(c.attributes, 'customer_number"')
    THEN json_extract(c.attributes, '$.given_name', '$.family_name', '$.date_of_birth',
      '$.birth_date', '$.national_id', '$.customer_number') END
  FROM customers c LEFT JOIN addresses a ON a.customer_id = c.customer_id`;

type Row = [
  number,
  string,
  string | null,
  string | null,
  string | null,
  string,
  string | null,
  string,
  string | null,
];

/**
 * Streams the records that can still be duplicates (not merged away) with their addresses, one
 * customer at a time, in id order. One statement, so the whole read is one consistent snapshot.
 */
export function* readAllSources(db: SqliteDatabase): Generator<DedupeSource> {
  yield* grouped(
    db
      .prepare(`${SELECT} WHERE c.merged_into IS NULL ORDER BY c.customer_id`)
      .raw()
      .iterate() as IterableIterator<Row>,
  );
}

/**
 * The given records (those still unmerged), for an incremental check or one cluster: a few
 * hundred ids per statement, in id order, so neighbouring records share the pages read.
 */
export function readSources(db: SqliteDatabase, ids: readonly number[]): DedupeSource[] {
  const statement = db
    .prepare(
      `${SELECT} WHERE c.customer_id IN (SELECT value FROM json_each(?)) AND c.merged_into IS NULL
       ORDER BY c.customer_id`,
    )
    .raw();
  const sorted = [...new Set(ids)].sort((x, y) => x - y);
  const sources: DedupeSource[] = [];
  for (let k = 0; k < sorted.length; k += IDS_PER_READ) {
    const chunk = JSON.stringify(sorted.slice(k, k + IDS_PER_READ));
    sources.push(...grouped(statement.all(chunk) as Row[]));
  }
  return sources;
}

const IDS_PER_READ = 500;

/**
 * All records less the merged ones: both counts come from indexes, where "merged_into IS NULL"
 * would read the whole table (a quarter of a second per 100,000 records, cold).
 */
export function countSources(db: SqliteDatabase): number {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM customers)
         - (SELECT count(*) FROM customers WHERE merged_into IS NOT NULL)`,
    )
    .pluck()
    .get() as number;
}

function* grouped(rows: Iterable<Row>): Generator<DedupeSource> {
  const pending: DedupeSource[] = [];
  for (const [customerId, name, email, phone, line1, city, postcode, country, identity] of rows) {
    let current = pending[0];
    if (current?.customerId !== customerId) {
      if (current) yield current;
      current = { customerId, name, email, phone, addresses: [], ...identityOf(identity) };
      pending[0] = current;
    }
    if (line1 !== null) current.addresses.push({ line1, city, postcode, country });
  }
  if (pending[0]) yield pending[0];
}

/** The attributes' identity fields, as the SELECT gathers them: text only, anything else unread. */
function identityOf(json: string | null): Partial<DedupeSource> {
  if (json === null) return {};
  const [givenName, familyName, birth, birthDate, nationalId, customerNumber] = (
    JSON.parse(json) as unknown[]
  ).map((value) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null,
  );
  return {
    givenName,
    familyName,
    dateOfBirth: birth ?? birthDate,
    nationalId: nationalId ?? customerNumber,
  };
}

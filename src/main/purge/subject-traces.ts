import type { SqliteDatabase } from '../db/open';
import { readSources } from '../dedupe/record-reader';
import type { DedupeSource } from '../dedupe/record-features';

/** JSON keys under which operations, conflicts and merge snapshots name a customer. */
const CUSTOMER_KEYS = ['customer_id', 'survivor_id', 'merged_ids', 'merged_into'] as const;

/**
 * Everything the desk held about the customers being purged, gathered before their rows go: the
 * texts (to find which words of the typo vocabulary nobody else uses), the names and emails that
 * identify them (to find free text that names them, such as an export's path), and the records
 * as duplicate detection read them (to remove their blocking keys and name counts).
 */
export class SubjectTraces {
  readonly texts = new Set<string>();
  readonly names = new Set<string>();
  readonly emails = new Set<string>();
  readonly sources: DedupeSource[];

  constructor(
    db: SqliteDatabase,
    private readonly ids: ReadonlySet<number>,
  ) {
    const list = JSON.stringify([...ids]);
    const rows = (table: string, columns: string) =>
      db
        .prepare(
          `SELECT ${columns} FROM ${table} WHERE customer_id IN (SELECT value FROM json_each(?))`,
        )
        .all(list) as Record<string, unknown>[];
    for (const customer of rows('customers', 'customer_id, name, email, phone, attributes')) {
      this.collect({ ...customer, attributes: parseJson(customer.attributes) });
    }
    for (const row of rows('addresses', 'line1, line2, city, region, postcode')) this.collect(row);
    for (const row of rows('interactions', 'summary')) this.collect(row);
    for (const row of rows('events', 'metadata')) this.collect(parseJson(row.metadata));
    this.sources = readSources(db, [...ids]);
  }

  /** Takes in a stored value about the customers: every text it holds, and who it names. */
  collect(value: unknown): void {
    if (typeof value === 'string') {
      this.texts.add(value);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (namesCustomer(record, this.ids, false)) {
      // A customer row, an operation's payload or its changes: their name and email identify.
      for (const source of [record, record.changes, record.fields]) {
        if (typeof source !== 'object' || source === null) continue;
        const { name, email } = source as { name?: unknown; email?: unknown };
        if (typeof name === 'string') this.names.add(name);
        if (typeof email === 'string') this.emails.add(email);
      }
    }
    for (const item of Object.values(record)) this.collect(item);
  }
}

/** Whether a value names one of the ids under a customer key; `deep` looks inside nested values. */
export function namesCustomer(value: unknown, ids: ReadonlySet<number>, deep = true): boolean {
  if (Array.isArray(value)) return deep && value.some((v) => namesCustomer(v, ids));
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  for (const key of CUSTOMER_KEYS) {
    const named = record[key];
    const list = Array.isArray(named) ? named : [named];
    if (list.some((id) => typeof id === 'number' && ids.has(id))) return true;
  }
  return deep && Object.values(record).some((v) => namesCustomer(v, ids));
}

export function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

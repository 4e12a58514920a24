import { createHash } from 'node:crypto';
import type Sqlite from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from '../db/open';
import { ErasedSubjects } from '../purge/erased-subjects';
import {
  REPLICA_TABLES,
  toReplicaValue,
  type ReplicaTable,
  type RowKey,
  type SqliteValue,
} from './replica-tables';

/** Tables whose rows belong to a customer through `customer_id`, the column after the key. */
const CUSTOMER_CHILDREN = new Set(['addresses', 'orders', 'interactions', 'events', 'consents']);

/**
 * Writes central rows into the replica with prepared statements (the Kysely layer is too slow for
 * millions of rows). Three rules hold on every write: a row with an unpushed local operation is
 * not overwritten (the desk's change wins until central has answered), an erased subject is never
 * written back, and neither is a row that belongs to one (an address or order arriving after the
 * erasure would be an orphan holding the person's data). Erased subjects are recognised by
 * central's tombstones where the desk may read them, and by the desk's own record of the
 * deletions it applied (see ErasedSubjects), which needs nothing from central.
 */
export class ReplicaWriter {
  private readonly upserts = new Map<string, (values: SqliteValue[]) => void>();
  private readonly updates = new Map<string, (values: SqliteValue[]) => void>();
  private readonly deletes = new Map<string, (pk: RowKey) => void>();
  private readonly sweeps = new Map<string, Sqlite.Statement>();
  private readonly isTombstoned: (hash: string) => boolean;
  private readonly customerExists: (customerId: number) => boolean;
  private readonly absentCustomers: Sqlite.Statement;
  private readonly anyErasure: () => boolean;
  private readonly erased: ErasedSubjects;
  private salt: string | null = null;

  constructor(private readonly db: SqliteDatabase) {
    for (const table of REPLICA_TABLES) {
      this.upserts.set(table.name, this.prepareUpsert(table));
      this.updates.set(table.name, this.prepareChangedColumnsUpdate(table));
      const remove = db.prepare(
        `DELETE FROM ${table.name} WHERE ${table.pk} = ?
           AND NOT EXISTS (SELECT 1 FROM outbox_rows o WHERE o.table_name = '${table.name}' AND o.pk = ?)`,
      );
      this.deletes.set(table.name, (pk) => remove.run(pk, pk));
      this.sweeps.set(
        table.name,
        db.prepare(
          `DELETE FROM ${table.name}
           WHERE (@after IS NULL OR ${table.pk} > @after) AND (@upTo IS NULL OR ${table.pk} <= @upTo)
             AND ${table.pk} NOT IN (SELECT value FROM json_each(@present))
             AND NOT EXISTS (SELECT 1 FROM outbox_rows o WHERE o.table_name = '${table.name}' AND o.pk = ${table.pk})`,
        ),
      );
    }
    const tombstone = db.prepare('SELECT 1 FROM tombstones WHERE subject_hash = ?').pluck();
    this.isTombstoned = (hash) => tombstone.get(hash) !== undefined;
    const customer = db.prepare('SELECT 1 FROM customers WHERE customer_id = ?').pluck();
    this.customerExists = (id) => customer.get(id) !== undefined;
    this.absentCustomers = db
      .prepare(
        `SELECT value FROM json_each(?) WHERE value NOT IN (SELECT customer_id FROM customers)`,
      )
      .pluck();
    const erasures = db
      .prepare(`SELECT EXISTS (SELECT 1 FROM erased_subjects) OR EXISTS (SELECT 1 FROM tombstones)`)
      .pluck();
    // Tombstones and the desk's own record only ever grow: once there is one, there always is.
    let known = false;
    this.anyErasure = () => (known ||= erasures.get() === 1);
    this.erased = new ErasedSubjects(db);
  }

  /** The central install's salt, needed to recognise tombstoned subjects. */
  useTombstoneSalt(salt: string): void {
    this.salt = salt;
  }

  upsert(table: ReplicaTable, row: Record<string, unknown>): void {
    this.upsertValues(
      table,
      table.columns.map((column) => row[column]),
    );
  }

  /**
   * A row as values in the table's column order, the primary key first. `changesOnly` (replay)
   * writes just the columns that differ, so an update that leaves indexed columns alone does not
   * rewrite their index entries: in a large replica that is most of the cost of a change.
   */
  upsertValues(table: ReplicaTable, values: readonly unknown[], changesOnly = false): void {
    this.upsertRows(table, [values], changesOnly);
  }

  /** Many rows of one table (a snapshot page, a replay batch): the erasure checks run once for all. */
  upsertRows(
    table: ReplicaTable,
    rows: readonly (readonly unknown[])[],
    changesOnly = false,
  ): void {
    const write = (changesOnly ? this.updates : this.upserts).get(table.name);
    if (!write) throw new Error(`No writer for ${table.name}`);
    const child = CUSTOMER_CHILDREN.has(table.name);
    const owner = child ? 1 : 0;
    const erased = table.name === 'customers' || child ? this.erasedAmong(rows, owner) : null;
    for (const values of rows) {
      if (erased?.has(values[owner] as number)) {
        // A child's key may hold an older row, from before it belonged to the erased customer.
        if (child) this.delete(table, values[0] as RowKey);
        continue;
      }
      write(values.map(toReplicaValue));
    }
  }

  delete(table: ReplicaTable, pk: RowKey): void {
    this.deletes.get(table.name)?.(pk);
  }

  /**
   * Deletes the rows with a key after `after` and up to `upTo` (null: no bound) that are not in
   * `present`, except rows with an unpushed local operation.
   */
  deleteAbsent(
    table: ReplicaTable,
    after: RowKey | null,
    upTo: RowKey | null,
    present: readonly RowKey[],
  ): void {
    this.sweeps.get(table.name)?.run({ after, upTo, present: JSON.stringify(present) });
  }

  isErased(customerId: number): boolean {
    return (
      (this.salt !== null && this.isTombstoned(subjectHash(this.salt, customerId))) ||
      this.erased.has(customerId)
    );
  }

  /**
   * The customers named in column `owner` of the rows that are erased. Only customers absent
   * from the replica can be (an erased one is never stored), so the hashes are computed for
   * those alone, and only when there is any erasure to recognise.
   */
  private erasedAmong(rows: readonly (readonly unknown[])[], owner: number): Set<number> {
    const ids = new Set<number>();
    for (const values of rows) {
      const id = values[owner];
      if (typeof id === 'number') ids.add(id);
    }
    if (ids.size === 0 || !this.anyErasure()) return new Set();
    const [only] = ids;
    const absent =
      ids.size === 1 && only !== undefined
        ? this.customerExists(only)
          ? []
          : [only]
        : (this.absentCustomers.all(JSON.stringify([...ids])) as number[]);
    return new Set(absent.filter((id) => this.isErased(id)));
  }
  private prepareChangedColumnsUpdate(table: ReplicaTable): (values: SqliteValue[]) => void {
    const current = this.db
      .prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} WHERE ${table.pk} = ?`)
      .raw();
    const upsert = this.prepareUpsert(table);
    const statements = new Map<string, Sqlite.Statement>();
    const protectedRow = `NOT EXISTS (SELECT 1 FROM outbox_rows o WHERE o.table_name = '${table.name}' AND o.pk = ?)`;
    return (values) => {
      const existing = current.get(values[0]) as SqliteValue[] | undefined;
      if (!existing) {
        upsert(values);
        return;
      }
      const changed = table.columns.filter((_, i) => i > 0 && existing[i] !== values[i]);
      if (changed.length === 0) return;
      const key = changed.join(',');
      let statement = statements.get(key);
      if (!statement) {
        statement = this.db.prepare(
          `UPDATE ${table.name} SET ${changed.map((c) => `${c} = ?`).join(', ')}
           WHERE ${table.pk} = ? AND ${protectedRow}`,
        );
        statements.set(key, statement);
      }
      const changedValues = table.columns.flatMap((c, i) =>
        changed.includes(c) ? [values[i]] : [],
      );
      statement.run(...changedValues, values[0], values[0]);
    };
  }

  private prepareUpsert(table: ReplicaTable): (values: SqliteValue[]) => void {
    const columns = table.columns.join(', ');
    const placeholders = table.columns.map(() => '?').join(', ');
    const updates = table.columns
      .filter((c) => c !== table.pk)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    const statement = this.db.prepare(
      `INSERT INTO ${table.name} (${columns}) VALUES (${placeholders})
       ON CONFLICT (${table.pk}) DO UPDATE SET ${updates}
       WHERE NOT EXISTS (
         SELECT 1 FROM outbox_rows o WHERE o.table_name = '${table.name}' AND o.pk = excluded.${table.pk})`,
    );
    return (values) => statement.run(values);
  }
}

/** Must match reflect.subject_hash in central/migrations/003-operations.ts. */
export function subjectHash(salt: string, customerId: number): string {
  return createHash('sha256').update(`${salt}:customer:${customerId}`, 'utf8').digest('hex');
}

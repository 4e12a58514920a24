import { migrate } from '../../src/main/db/migrate';
import type { SqliteDatabase } from '../../src/main/db/open';
import { generateCustomers, type CustomerBundle } from '../../src/main/demo/synthetic-data';
import { REPLICA_TABLES } from '../../src/main/sync/replica-tables';
import { ReplicaWriter } from '../../src/main/sync/replica-writer';
import { freshEncryptedDatabase } from './replica';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/main/db/schema';

/**
 * Writes synthetic customers straight into a replica, as a snapshot would, without a central
 * database: for tests and benchmarks of what reads the replica (search, profiles, duplicates).
 */
export function writeBundles(raw: SqliteDatabase, bundles: Iterable<CustomerBundle>): number {
  const writer = new ReplicaWriter(raw);
  const tables = Object.fromEntries(REPLICA_TABLES.map((t) => [t.name, t]));
  let written = 0;
  let batch: CustomerBundle[] = [];
  const flush = raw.transaction((items: CustomerBundle[]) => {
    for (const bundle of items) {
      writer.upsert(tables.customers!, { ...bundle.customer, version: 1, restricted: false });
      for (const [name, rows] of [
        ['addresses', bundle.addresses],
        ['orders', bundle.orders],
        ['interactions', bundle.interactions],
        ['events', bundle.events],
        ['consents', bundle.consents],
      ] as const) {
        for (const row of rows) writer.upsert(tables[name]!, { ...row, version: 1 });
      }
    }
  });
  for (const bundle of bundles) {
    batch.push(bundle);
    written += 1;
    if (batch.length === 1000) {
      flush(batch);
      batch = [];
    }
  }
  flush(batch);
  return written;
}

/** A migrated encrypted replica holding `customers` synthetic customers of the given seed. */
export async function syntheticReplica(
  customers: number,
  seed = 7,
): Promise<{ db: Kysely<Database>; raw: SqliteDatabase; path: string; key: Buffer }> {
  const replica = freshEncryptedDatabase();
  await migrate(replica.db);
  writeBundles(replica.raw, generateCustomers({ customers, seed }));
  return replica;
}

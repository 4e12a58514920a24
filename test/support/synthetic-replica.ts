import { migrate } from '../../src/main/db/migrate';
import type { SqliteDatabase } from '../../src/main/db/open';
import { generateCustomers, type CustomerBundle } from '../../src/main/demo/synthetic-data';
import { replicaTable } from '../../src/main/sync/replica-tables';
import { ReplicaWriter } from '../../src/main/sync/replica-writer';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { onTestFinished } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/db/open';
import type { Database } from '../../src/main/db/schema';

type ChildTable = 'addresses' | 'orders' | 'interactions' | 'events' | 'consents';

/**
 * Writes synthetic customers straight into a replica, as a snapshot would, without a central
 * database: for tests and benchmarks of what reads the replica (search, profiles, duplicates).
 */
export function writeBundles(
  raw: SqliteDatabase,
  bundles: Iterable<CustomerBundle>,
  /** Child tables to write; all by default. */
  children: readonly ChildTable[] = ['addresses', 'orders', 'interactions', 'events', 'consents'],
): number {
  const writer = new ReplicaWriter(raw);
  const table = (name: string) => replicaTable(name);
  let written = 0;
  let batch: CustomerBundle[] = [];
  const flush = raw.transaction((items: CustomerBundle[]) => {
    for (const bundle of items) {
      writer.upsert(table('customers'), { ...bundle.customer, version: 1, restricted: false });
      for (const name of children) {
        for (const row of bundle[name]) writer.upsert(table(name), { ...row, version: 1 });
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

/**
 * A migrated encrypted replica holding `customers` synthetic customers of the given seed. Made in
 * a test it is removed when the test ends; made for a whole suite (beforeAll), call `dispose`.
 */
export async function syntheticReplica(
  customers: number,
  seed = 7,
  children?: readonly ChildTable[],
): Promise<{ db: Kysely<Database>; raw: SqliteDatabase; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'reflect-replica-'));
  const raw = openEncryptedDatabase(join(dir, 'replica.db'), randomBytes(32), { create: true });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const dispose = async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  if (inTest()) onTestFinished(dispose);
  await migrate(db);
  writeBundles(raw, generateCustomers({ customers, seed }), children);
  return { db, raw, dispose };
}

function inTest(): boolean {
  try {
    onTestFinished(() => undefined);
    return true;
  } catch {
    return false;
  }
}

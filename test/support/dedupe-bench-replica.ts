import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../../src/main/db/migrate';
import { openEncryptedDatabase, type SqliteDatabase } from '../../src/main/db/open';
import { MAX_BLOCK } from '../../src/main/dedupe/candidate-pairs';
import type { CustomerBundle, DuplicateTruth } from '../../src/main/demo/synthetic-data';
import { writeBundles } from './synthetic-replica';

/** A migrated encrypted replica in a temporary folder holding the given customers and addresses. */
export async function replicaOf(
  bundles: Iterable<CustomerBundle>,
): Promise<{ raw: SqliteDatabase; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'reflect-dedupe-'));
  const raw = openEncryptedDatabase(join(dir, 'replica.db'), randomBytes(32), { create: true });
  const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
  await migrate(db);
  writeBundles(raw, bundles, ['addresses']);
  return {
    raw,
    dispose: () => {
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The blocking recall ceiling: the share of true pairs that share at least one blocking key of a
 * block small enough to be compared. No threshold can find a pair blocking never formed.
 */
export function blockingCeiling(db: SqliteDatabase, truth: readonly DuplicateTruth[]): number {
  if (truth.length === 0) return 1;
  const shared = db
    .prepare(
      `SELECT EXISTS (
         SELECT 1 FROM dedupe_keys k1 JOIN dedupe_keys k2 ON k2.hash = k1.hash AND k2.customer_id = ?
         WHERE k1.customer_id = ?
           AND (SELECT count(*) FROM dedupe_keys k3 WHERE k3.hash = k1.hash) <= ?)`,
    )
    .pluck();
  let formed = 0;
  for (const t of truth) if (shared.get(t.duplicate_id, t.original_id, MAX_BLOCK) === 1) formed++;
  return Math.round((formed / truth.length) * 10_000) / 10_000;
}

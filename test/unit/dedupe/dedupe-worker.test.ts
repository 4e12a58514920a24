import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { openEncryptedDatabase } from '../../../src/main/db/open';
import { detectionWorkerRunner } from '../../../src/main/dedupe/dedupe-runners';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import type { DedupeProgress } from '../../../src/shared/dedupe';
import { writeBundles } from '../../support/synthetic-replica';
import { tempDir } from '../../support/temp-dir';

describe('duplicate checks in a worker thread', () => {
  it('checks the replica through its own connection and reports progress to the end', async () => {
    const key = randomBytes(32);
    const path = join(tempDir(), 'replica.db');
    const raw = openEncryptedDatabase(path, key, { create: true });
    const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
    await migrate(db);
    writeBundles(raw, generateCustomers({ customers: 3000, seed: 4 }), ['addresses']);

    const run = detectionWorkerRunner(pathToFileURL(resolve('out/main/dedupe-worker.js')));
    const progress: DedupeProgress[] = [];
    const summary = await run(
      { databasePath: path, keyHex: key.toString('hex'), kind: 'full' },
      (p) => progress.push(p),
    );
    expect(summary).toMatchObject({ kind: 'full', checked: 3000 });
    expect(summary.likely).toBeGreaterThan(50);
    expect(progress.at(0)).toMatchObject({ phase: 'reading', done: 0, total: 3000 });
    expect(progress.at(-1)?.phase).toBe('saving');
    // What the worker saved is on the desk's own connection at once.
    expect(raw.prepare('SELECT count(*) FROM dedupe_candidates').pluck().get()).toBe(
      summary.likely + summary.possible,
    );

    // A wrong key fails inside the worker and comes back as a failure saying so.
    await expect(
      run(
        { databasePath: path, keyHex: randomBytes(32).toString('hex'), kind: 'full' },
        () => undefined,
      ),
    ).rejects.toThrow(/cannot be read/);
    await db.destroy();
  });
});

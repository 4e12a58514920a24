import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { parseCentralUrl } from '../../../src/main/sync/connection-settings';
import type { PullProgress } from '../../../src/main/sync/pull';
import { workerRunner } from '../../../src/main/sync/sync-runners';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { freshEncryptedDatabase } from '../../support/replica';

describe('sync in a worker thread', () => {
  it('fills the replica through its own connection and reports progress to the caller', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 600);
    const { db, raw, path, key } = freshEncryptedDatabase();
    await migrate(db);
    const { connection, password } = parseCentralUrl(`${database.url}?sslmode=disable`);

    const progress: PullProgress[] = [];
    const run = workerRunner(pathToFileURL(resolve('out/main/sync-worker.js')));
    await run(
      { databasePath: path, keyHex: key.toString('hex'), connection, password, pageSize: 250 },
      raw,
      (p) => progress.push(p),
    );

    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
    expect(progress.filter((p) => p.table === 'customers').map((p) => p.rowsDone)).toEqual([
      250, 500, 600,
    ]);
  });

  it('passes a failure back with its code, so offline can be told apart', async () => {
    const { db, raw, path, key } = freshEncryptedDatabase();
    await migrate(db);
    const run = workerRunner(pathToFileURL(resolve('out/main/sync-worker.js')));
    const job = {
      databasePath: path,
      keyHex: key.toString('hex'),
      connection: {
        host: '127.0.0.1',
        port: 1,
        database: 'x',
        user: 'x',
        sslMode: 'disable' as const,
      },
      password: null,
    };
    await expect(run(job, raw, () => undefined)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

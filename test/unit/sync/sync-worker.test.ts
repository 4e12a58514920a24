import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/main/audit/audit-trail';
import { migrate } from '../../../src/main/db/migrate';
import { parseCentralUrl } from '../../../src/main/sync/connection-settings';
import type { PullProgress } from '../../../src/main/sync/pull';
import { workerRunner } from '../../../src/main/sync/sync-runners';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { freshEncryptedDatabase } from '../../support/replica';

describe('sync in a worker thread', () => {
  it('fills the replica, indexes it and pushes the audit trail through its own connection', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 600);
    const replica = freshEncryptedDatabase();
    const { db, raw, path, key } = replica;
    await migrate(db);
    new AuditTrail(replica).record({
      actor: 'officer.a',
      action: 'customer.viewed',
      subject: 'customer:7',
    });
    const { connection, password } = parseCentralUrl(`${database.url}?sslmode=disable`);
    const deskId = randomUUID();

    const progress: PullProgress[] = [];
    const run = workerRunner(pathToFileURL(resolve('out/main/sync-worker.js')));
    const job = { databasePath: path, keyHex: key.toString('hex'), connection, password };
    await run({ ...job, pageSize: 250, deskId }, raw, (p) => progress.push(p));

    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
    expect(progress.filter((p) => p.table === 'customers').map((p) => p.rowsDone)).toEqual([
      250, 500, 600,
    ]);
    expect(progress.at(-1)).toMatchObject({ phase: 'indexing', rowsDone: 600, rowsTotal: 600 });
    expect(raw.prepare('SELECT count(*) FROM search_documents').pluck().get()).toBe(600);
    expect(raw.prepare('SELECT count(*) FROM search_stale').pluck().get()).toBe(0);

    const pushed = await central.query(
      'SELECT action, subject, desk_seq::int AS desk_seq FROM reflect.audit_log WHERE desk_id = $1',
      [deskId],
    );
    expect(pushed.rows).toEqual([
      { action: 'customer.viewed', subject: 'customer:7', desk_seq: 1 },
    ]);
    expect(
      raw.prepare('SELECT count(*) FROM audit_log WHERE pushed_at IS NULL').pluck().get(),
    ).toBe(0);

    // A second run sends nothing again and finds nothing to index.
    progress.length = 0;
    await run({ ...job, deskId }, raw, (p) => progress.push(p));
    expect(progress.filter((p) => p.phase === 'indexing')).toEqual([]);
    const again = await central.query(
      'SELECT count(*)::int AS n FROM reflect.audit_log WHERE desk_id = $1',
      [deskId],
    );
    expect(again.rows[0]).toEqual({ n: 1 });
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
      deskId: randomUUID(),
    };
    await expect(run(job, raw, () => undefined)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

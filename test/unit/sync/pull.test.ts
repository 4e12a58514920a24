import { eraseThroughCase } from '../../support/central-cases';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { Puller, type PullProgress } from '../../../src/main/sync/pull';
import { replicaTable } from '../../../src/main/sync/replica-tables';
import { ReplicaWriter } from '../../../src/main/sync/replica-writer';
import { readSyncState } from '../../../src/main/sync/sync-state';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { freshEncryptedDatabase } from '../../support/replica';

async function freshReplica() {
  const replica = freshEncryptedDatabase();
  await migrate(replica.db);
  return replica;
}

describe('pull', () => {
  it('copies central into the encrypted replica in pages, reporting progress', async () => {
    const { central } = await centralWithClient();
    await seedCentral(central, 1200);
    await central.query('ANALYZE');
    const { raw } = await freshReplica();
    const progress: PullProgress[] = [];
    const result = await new Puller(central, raw, {
      pageSize: 500,
      onProgress: (p) => progress.push(p),
    }).pull();

    expect(result.snapshotRows).toBe(1200 + 1200 + 2400 + 1200);
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
    const customers = progress.filter((p) => p.table === 'customers');
    expect(customers.map((p) => p.rowsDone)).toEqual([500, 1000, 1200]);
    expect(customers[0]).toMatchObject({ phase: 'snapshot', rowsTotal: 1200 });
    expect(customers[0]?.secondsLeft).toBeGreaterThanOrEqual(0);
  });

  it('converges exactly with concurrent writers and a transaction held open across pulls', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 800);
    const writer = await database.connect();
    const holder = await database.connect();

    // A transaction that starts before the first pull and commits only after several.
    await holder.query('BEGIN');
    await holder.query(`UPDATE reflect.customers SET name = 'Held Open' WHERE customer_id = 5`);
    await holder.query(
      `INSERT INTO reflect.customers (customer_id, name, status) VALUES (100000, 'Late Arrival', 'active')`,
    );

    const { raw } = await freshReplica();
    let pages = 0;
    // Chained, so the writer runs one statement at a time, as a pg client must.
    let writes: Promise<unknown> = Promise.resolve();
    const puller = new Puller(central, raw, {
      pageSize: 100,
      onProgress: (progress) => {
        if (progress.phase !== 'snapshot') return;
        pages += 1;
        // Writes land between pages: behind the snapshot cursor, ahead of it, and deletes.
        writes = writes.then(() =>
          writer.query(
            `UPDATE reflect.customers SET email = 'changed${pages}@example.org' WHERE customer_id = $1`,
            [((pages * 37) % 800) + 1],
          ),
        );
        writes = writes.then(() =>
          writer.query(`DELETE FROM reflect.events WHERE event_id = $1`, [pages * 3]),
        );
      },
    });
    await puller.pull();
    await writer.query(`INSERT INTO reflect.orders (customer_id, placed_at, status, total_cents, currency)
                        VALUES (7, now(), 'placed', 4200, 'EUR')`);
    await puller.pull();
    expect(raw.prepare('SELECT name FROM customers WHERE customer_id = 5').pluck().get()).toBe(
      'Person 5',
    );
    expect(
      raw.prepare('SELECT count(*) FROM customers WHERE customer_id = 100000').pluck().get(),
    ).toBe(0);

    await holder.query('COMMIT');
    await writes;
    await puller.pull();
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
    expect(raw.prepare('SELECT name FROM customers WHERE customer_id = 5').pluck().get()).toBe(
      'Held Open',
    );
  });

  it('resumes an interrupted snapshot and replay without losing or repeating work', async () => {
    const { central } = await centralWithClient();
    await seedCentral(central, 1000);
    const { raw } = await freshReplica();
    let calls = 0;
    const crashing = new Puller(central, raw, {
      pageSize: 250,
      onProgress: () => {
        calls += 1;
        if (calls === 6) throw new Error('power cut');
      },
    });
    await expect(crashing.pull()).rejects.toThrow('power cut');
    const copiedBeforeCrash = raw.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    expect(copiedBeforeCrash).toBe(1000);

    await central.query(`UPDATE reflect.orders SET status = 'refunded' WHERE order_id <= 10`);
    const resumed = await new Puller(central, raw, { pageSize: 250 }).pull();
    // Pages already committed are not copied again.
    expect(resumed.snapshotRows).toBeLessThan(1000 + 1000 + 2000 + 1000);
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
  });

  it('catches up with central after resuming a replay window a crash interrupted', async () => {
    const { central } = await centralWithClient();
    await seedCentral(central, 400);
    const { raw } = await freshReplica();
    await new Puller(central, raw, { pageSize: 100 }).pull();
    await central.query(`UPDATE reflect.customers SET status = 'inactive'`);
    const crashing = new Puller(central, raw, {
      pageSize: 100,
      onProgress: (p) => {
        if (p.phase === 'replay') throw new Error('power cut');
      },
    });
    await expect(crashing.pull()).rejects.toThrow('power cut');
    const interrupted = readSyncState(raw, 'pull') as { replay?: { to: string } };
    expect(interrupted.replay?.to).toMatch(/^\d+$/);

    // Committed while the desk was down, so after the end of the interrupted window.
    await central.query(
      `UPDATE reflect.customers SET name = 'After The Crash' WHERE customer_id = 7`,
    );
    const resumed = await new Puller(central, raw, { pageSize: 100 }).pull();

    expect(raw.prepare('SELECT name FROM customers WHERE customer_id = 7').pluck().get()).toBe(
      'After The Crash',
    );
    expect(BigInt(resumed.horizon)).toBeGreaterThan(BigInt(interrupted.replay?.to ?? 0));
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
  });

  it('applies deletes and never brings an erased subject back', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 50);
    const { raw } = await freshReplica();
    const puller = new Puller(central, raw);
    await puller.pull();

    await eraseThroughCase(database, [9]);
    await central.query('DELETE FROM reflect.consents WHERE customer_id = 10');
    await puller.pull();

    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
    expect(raw.prepare('SELECT count(*) FROM customers WHERE customer_id = 9').pluck().get()).toBe(
      0,
    );
    expect(raw.prepare('SELECT count(*) FROM events WHERE customer_id = 9').pluck().get()).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM tombstones').pluck().get()).toBe(1);

    // A stale copy of the erased record (an old snapshot page, a restored backup) is refused.
    const writer = new ReplicaWriter(raw);
    const salt = await central.query<{ value: string }>(
      `SELECT value FROM reflect.settings WHERE key = 'tombstone_salt'`,
    );
    writer.useTombstoneSalt(salt.rows[0]?.value ?? '');
    writer.upsert(replicaTable('customers'), {
      customer_id: 9,
      name: 'Person 9',
      status: 'active',
      created_at: '2024-01-01T00:00:00.000Z',
      tags: [],
      attributes: {},
      restricted: false,
      version: 1,
    });
    expect(raw.prepare('SELECT count(*) FROM customers WHERE customer_id = 9').pluck().get()).toBe(
      0,
    );
  });

  it('does not overwrite a row that has an unpushed local operation', async () => {
    const { central } = await centralWithClient();
    await seedCentral(central, 20);
    const { raw } = await freshReplica();
    const puller = new Puller(central, raw);
    await puller.pull();

    raw.prepare(`UPDATE customers SET email = 'local@example.org' WHERE customer_id = 3`).run();
    raw
      .prepare(
        `INSERT INTO outbox (op_id, seq, operation, payload, created_at) VALUES ('op-1', 1, 'customer.rectify', '{}', 'now')`,
      )
      .run();
    raw
      .prepare(`INSERT INTO outbox_rows (op_id, table_name, pk) VALUES ('op-1', 'customers', 3)`)
      .run();
    await central.query(
      `UPDATE reflect.customers SET email = 'central@example.org' WHERE customer_id IN (3, 4)`,
    );
    await puller.pull();

    expect(raw.prepare('SELECT email FROM customers WHERE customer_id = 3').pluck().get()).toBe(
      'local@example.org',
    );
    expect(raw.prepare('SELECT email FROM customers WHERE customer_id = 4').pluck().get()).toBe(
      'central@example.org',
    );
  });
});

describe('pull across transaction ids of different lengths', () => {
  it('pages the change log in transaction order, not in the order of their text', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 5);
    const { raw } = await freshReplica();
    const puller = new Puller(central, raw, { pageSize: 1 });
    await puller.pull();

    // Spend transaction ids until the next one gains a digit (e.g. 9998 -> 10003).
    const writer = await database.connect();
    const current = Number(
      (await writer.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]?.x,
    );
    const nextPower = 10 ** String(current).length;
    for (let xid = current; xid < nextPower - 3; xid++)
      await writer.query('SELECT pg_current_xact_id()');
    for (let i = 1; i <= 5; i++) {
      await writer.query(
        `UPDATE reflect.customers SET name = 'Renamed ' || $1 WHERE customer_id = $1`,
        [i],
      );
    }
    const last = Number(
      (await writer.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]?.x,
    );
    expect(String(last).length).toBeGreaterThan(String(current).length);

    await puller.pull();
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
  });
});

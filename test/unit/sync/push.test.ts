import { describe, expect, it } from 'vitest';
import { applyOperation } from '../../../src/main/central/operations';
import { migrate } from '../../../src/main/db/migrate';
import type { SqliteDatabase } from '../../../src/main/db/open';
import { listConflicts, resolveConflict } from '../../../src/main/sync/conflicts';
import { createCentralClient } from '../../../src/main/sync/central-client';
import { listOutbox } from '../../../src/main/sync/outbox';
import { Puller } from '../../../src/main/sync/pull';
import { backoffMs, pushOutbox } from '../../../src/main/sync/push';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { createLoginRole } from '../../support/postgres-database';
import { queueEmailRectify } from '../../support/queued-rectify';
import { freshEncryptedDatabase } from '../../support/replica';

const NOW = new Date('2026-03-02T10:00:00Z');

/** A local change and its operation in one transaction. */
const rectifyLocally = (db: SqliteDatabase, customerId: number, email: string): string =>
  queueEmailRectify(db, customerId, email, { applyLocally: true });

async function setup() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 30);
  const officer = await database.connect(await createLoginRole(database, 'reflect_officer'));
  const replica = freshEncryptedDatabase();
  await migrate(replica.db);
  const puller = new Puller(central, replica.raw);
  await puller.pull();
  return { database, central, officer, raw: replica.raw, puller };
}

const email = async (
  central: { query: (q: string) => Promise<{ rows: { email: string }[] }> },
  id: number,
) =>
  (await central.query(`SELECT email FROM reflect.customers WHERE customer_id = ${id}`)).rows[0]
    ?.email;

describe('push', () => {
  it('sends a queued change once; the replica and central then agree', async () => {
    const { central, officer, raw, puller } = await setup();
    rectifyLocally(raw, 4, 'new.address@example.org');
    expect(listOutbox(raw)).toHaveLength(1);

    expect(await pushOutbox(officer, raw, () => NOW)).toEqual({
      applied: 1,
      conflicts: 0,
      deferred: null,
      lostConnection: null,
    });
    expect(listOutbox(raw)).toEqual([]);
    expect(await email(central, 4)).toBe('new.address@example.org');
    await puller.pull();
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
  });

  it('applies an operation whose acknowledgement was lost only once', async () => {
    const { central, officer, raw } = await setup();
    const opId = rectifyLocally(raw, 5, 'once@example.org');
    const [entry] = listOutbox(raw);
    // The first attempt reached central, but the desk never heard back.
    await applyOperation(officer, {
      opId,
      kind: 'customer.rectify',
      payload: entry?.payload ?? {},
    });
    expect(await pushOutbox(officer, raw, () => NOW)).toMatchObject({ applied: 1 });
    const version = await central.query(
      `SELECT version FROM reflect.customers WHERE customer_id = 5`,
    );
    expect(version.rows[0]).toEqual({ version: 2 });
    const audit = await central.query(
      `SELECT count(*)::int AS n FROM reflect.audit_log WHERE op_id = $1`,
      [opId],
    );
    expect(audit.rows[0]).toEqual({ n: 1 });
  });

  it('raises a conflict with both values, and re-applies it on the new base when asked', async () => {
    const { central, officer, raw, puller } = await setup();
    rectifyLocally(raw, 6, 'desk@example.org');
    await central.query(
      `UPDATE reflect.customers SET email = 'central@example.org' WHERE customer_id = 6`,
    );

    expect(await pushOutbox(officer, raw, () => NOW)).toMatchObject({ applied: 0, conflicts: 1 });
    const [conflict] = listConflicts(raw);
    expect(conflict).toMatchObject({
      kind: 'customer.rectify',
      table: 'customers',
      pk: 6,
      local: { changes: { email: 'desk@example.org' }, base_version: 1 },
      central: { email: 'central@example.org', version: 2 },
    });
    // Until it is resolved, pull keeps the desk's value on screen.
    await puller.pull();
    expect(raw.prepare('SELECT email FROM customers WHERE customer_id = 6').pluck().get()).toBe(
      'desk@example.org',
    );

    resolveConflict(raw, conflict?.conflictId ?? 0, 'reapply', NOW);
    expect(listConflicts(raw)).toEqual([]);
    expect(await pushOutbox(officer, raw, () => NOW)).toMatchObject({ applied: 1, conflicts: 0 });
    expect(await email(central, 6)).toBe('desk@example.org');
    await puller.pull();
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
  });

  it('discarding a conflict restores the central value at the next pull', async () => {
    const { central, officer, raw, puller } = await setup();
    rectifyLocally(raw, 7, 'desk@example.org');
    await central.query(
      `UPDATE reflect.customers SET email = 'central@example.org' WHERE customer_id = 7`,
    );
    await pushOutbox(officer, raw, () => NOW);
    const [conflict] = listConflicts(raw);
    resolveConflict(raw, conflict?.conflictId ?? 0, 'discard', NOW);
    await puller.pull();
    expect(raw.prepare('SELECT email FROM customers WHERE customer_id = 7').pluck().get()).toBe(
      'central@example.org',
    );
    expect(listOutbox(raw)).toEqual([]);
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
  });

  it('keeps operations when central is unreachable and retries with backoff', async () => {
    const { central, officer, raw } = await setup();
    rectifyLocally(raw, 8, 'later@example.org');
    const unreachable = createCentralClient({
      host: '127.0.0.1',
      port: 1,
      user: 'nobody',
      connectionTimeoutMillis: 2000,
    });
    unreachable.on('error', () => undefined);
    await unreachable.connect().catch(() => undefined);

    const first = await pushOutbox(unreachable, raw, () => NOW);
    expect(first.applied).toBe(0);
    expect(first.deferred).toBeTruthy();
    const [waiting] = listOutbox(raw);
    expect(waiting).toMatchObject({ attempts: 1, state: 'pending' });
    expect(waiting?.nextAttemptAt).toBe(new Date(NOW.getTime() + backoffMs(1)).toISOString());

    // Before the retry time nothing is sent, even with central back.
    expect(await pushOutbox(officer, raw, () => NOW)).toMatchObject({ applied: 0 });
    const later = new Date(NOW.getTime() + backoffMs(1) + 1);
    expect(await pushOutbox(officer, raw, () => later)).toMatchObject({ applied: 1 });
    expect(await email(central, 8)).toBe('later@example.org');
    expect([backoffMs(1), backoffMs(2), backoffMs(3), backoffMs(30)]).toEqual([
      2000, 4000, 8000, 300_000,
    ]);
  });

  it('turns a refusal for lack of privilege into a conflict that says why', async () => {
    const { database, raw } = await setup();
    const viewer = await database.connect(await createLoginRole(database, 'reflect_viewer'));
    rectifyLocally(raw, 9, 'nope@example.org');
    expect(await pushOutbox(viewer, raw, () => NOW)).toMatchObject({ conflicts: 1 });
    expect(listConflicts(raw)[0]?.central).toEqual({
      reason: expect.stringMatching(/needs the role "reflect_officer".*Ask an administrator/),
    });
  });
});

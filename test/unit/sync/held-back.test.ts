import { describe, expect, it } from 'vitest';
import { describeHeldBack } from '../../../src/shared/sync-held-back';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { testServices } from '../../support/workspace';

async function syncedDesk() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 20);
  const officerUrl = await createLoginRole(database, 'reflect_officer');
  const services = testServices();
  await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
  await services.sync.connect({ url: `${officerUrl}?sslmode=disable` });
  await services.sync.run();
  const { raw } = services.workspace.requireOpen().replica;
  const nameOf = (id: number) =>
    raw.prepare('SELECT name FROM customers WHERE customer_id = ?').pluck().get(id);
  return { services, central, database, officerUrl, nameOf };
}

/** A transaction that holds an id and stays open: a long write, as far as the horizon cares. */
async function openTransaction(client: {
  query: (q: string) => Promise<{ rows: { pid: number; started: string }[] }>;
}) {
  await client.query('BEGIN');
  const { rows } = await client.query(
    `SELECT pg_backend_pid() AS pid, to_char(xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started
     FROM pg_stat_activity, pg_current_xact_id() WHERE pid = pg_backend_pid()`,
  );
  const row = rows[0];
  if (!row) throw new Error('no session row');
  return row;
}

describe('a pull held back by a long transaction on central', () => {
  it('says so, with the session and its age, instead of "up to date"; and catches up once it ends', async () => {
    const { services, central, database, officerUrl, nameOf } = await syncedDesk();
    // The same login as the desk's, so central shows when the transaction began.
    const holder = await database.connect(officerUrl);
    const held = await openTransaction(holder);
    await central.query(
      `UPDATE reflect.customers SET name = 'Committed Behind' WHERE customer_id = 3`,
    );

    const overview = await services.sync.run();
    expect(overview.state).toBe('idle');
    expect(overview.heldBack).toMatchObject({
      waitingChanges: 1,
      since: held.started,
      sinceObserved: false,
      holder: { pid: held.pid, user: new URL(officerUrl).username, prepared: null },
    });
    expect(nameOf(3)).toBe('Person 3');
    const later = new Date(Date.parse(held.started) + 2 * 3600_000 + 5 * 60_000);
    const text = describeHeldBack(overview.heldBack ?? fail(), later);
    expect(text).toContain('1 central change is committed but cannot arrive yet');
    expect(text).toContain(`open for 2 h 5 min, held by session ${held.pid} of user`);
    expect(text).toContain('ask the database administrator');

    await holder.query('COMMIT');
    const after = await services.sync.run();
    expect(after.heldBack).toBeNull();
    expect(nameOf(3)).toBe('Committed Behind');
  });

  it('counts the age from when the desk first saw it where central hides when it began', async () => {
    const { services, central, database, nameOf } = await syncedDesk();
    // Another login (the superuser): an officer sees its pid and user, not its start.
    const holder = await database.connect();
    const held = await openTransaction(holder);
    await central.query(`UPDATE reflect.customers SET name = 'Behind Again' WHERE customer_id = 4`);

    const before = Date.now();
    const first = await services.sync.run();
    expect(first.heldBack).toMatchObject({
      waitingChanges: 1,
      sinceObserved: true,
      holder: { pid: held.pid, user: 'postgres' },
    });
    const firstSeen = Date.parse(first.heldBack?.since ?? '');
    expect(firstSeen).toBeGreaterThanOrEqual(before - 1000);
    expect(describeHeldBack(first.heldBack ?? fail(), new Date(firstSeen + 600_000))).toContain(
      'open for at least 10 min (central does not show this login when it began)',
    );

    // The same session still holding: the age keeps counting from the first sighting.
    await central.query(`UPDATE reflect.customers SET name = 'Behind Twice' WHERE customer_id = 5`);
    const second = await services.sync.run();
    expect(second.heldBack).toMatchObject({ waitingChanges: 2, since: first.heldBack?.since });

    await holder.query('ROLLBACK');
    expect((await services.sync.run()).heldBack).toBeNull();
    expect([nameOf(4), nameOf(5)]).toEqual(['Behind Again', 'Behind Twice']);
  });
});

function fail(): never {
  throw new Error('expected a held-back status');
}

describe('the held-back message', () => {
  const heldBack = (waitingChanges: number) => ({
    waitingChanges,
    since: '2026-03-02T08:00:00.000Z',
    sinceObserved: false,
    holder: {
      pid: null,
      user: null,
      database: null,
      application: 'nightly import',
      prepared: null,
    },
  });

  it('counts changes and ages in words a person reads', () => {
    expect(describeHeldBack(heldBack(12), new Date('2026-03-02T08:00:40Z'))).toMatch(
      /^12 central changes are committed .* open for less than a minute, held by a session \(application "nightly import"\)\./,
    );
    expect(describeHeldBack(heldBack(10_000), new Date('2026-03-04T11:30:00Z'))).toMatch(
      /^At least 10000 central changes are committed .* open for 2 d 3 h,/,
    );
  });

  it('names a prepared transaction by its name', () => {
    const prepared = { ...heldBack(1), holder: { ...heldBack(1).holder, prepared: 'tx-42' } };
    expect(describeHeldBack(prepared, new Date('2026-03-02T08:07:00Z'))).toContain(
      'open for 7 min, held by the prepared transaction "tx-42".',
    );
  });
});

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { centralMigrations } from '../../../central/migrations';
import { pruneChangeLog } from '../../../src/main/central/change-log';
import { installCentral } from '../../../src/main/central/install';
import { migrate } from '../../../src/main/db/migrate';
import { createCentralClient } from '../../../src/main/sync/central-client';
import { syncOnce, syncStatus } from '../../../src/main/sync/sync-service';
import { writeSyncState } from '../../../src/main/sync/sync-state';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import {
  createLoginRole,
  createTestDatabase,
  type TestDatabase,
} from '../../support/postgres-database';
import { reflectCli } from '../../support/reflect-cli';
import { freshEncryptedDatabase } from '../../support/replica';

/** A desk: its own replica, its own officer login, its workspace id. */
async function desk(database: TestDatabase) {
  const replica = freshEncryptedDatabase();
  await migrate(replica.db);
  const client = createCentralClient({
    connectionString: await createLoginRole(database, 'reflect_officer'),
  });
  client.on('error', () => undefined);
  await client.connect();
  const deskId = randomUUID();
  return {
    raw: replica.raw,
    client,
    deskId,
    sync: () => syncOnce(client, replica.raw, { deskId }),
  };
}

async function horizonOf(central: pg.ClientBase, deskId: string): Promise<string | undefined> {
  const result = await central.query<{ horizon: string }>(
    'SELECT horizon::text AS horizon FROM reflect.desk_horizons WHERE desk_id = $1',
    [deskId],
  );
  return result.rows[0]?.horizon;
}

async function setup() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 50);
  const admin = createCentralClient({
    connectionString: await createLoginRole(database, 'reflect_admin'),
  });
  admin.on('error', () => undefined);
  await admin.connect();
  return { database, central, admin };
}

const logCount = async (central: pg.ClientBase, where = 'true'): Promise<number> =>
  Number(
    (
      await central.query<{ n: string }>(
        `SELECT count(*) AS n FROM reflect.change_log WHERE ${where}`,
      )
    ).rows[0]?.n,
  );

describe('a bounded central change log', () => {
  it('migration 10 keeps the desks registered before it and starts with nothing pruned', async () => {
    const database = await createTestDatabase();
    const client = await database.connect();
    await installCentral(client, centralMigrations.slice(0, 9));
    const deskId = randomUUID();
    await client.query(`INSERT INTO reflect.desks (desk_id, login) VALUES ($1, current_user)`, [
      deskId,
    ]);
    await installCentral(client);
    const settings = await client.query(
      `SELECT key, value FROM reflect.settings WHERE key IN ('desk_retention_days', 'change_log_floor') ORDER BY key`,
    );
    expect(settings.rows).toEqual([
      { key: 'change_log_floor', value: '0' },
      { key: 'desk_retention_days', value: '30' },
    ]);
    const checkIn = await client.query<{ o: { status: string; horizon: string } }>(
      'SELECT reflect.desk_checkin($1, NULL) AS o',
      [deskId],
    );
    expect(checkIn.rows[0]?.o).toMatchObject({ status: 'ok', floor: '0' });
    expect(await horizonOf(client, deskId)).toBe(checkIn.rows[0]?.o.horizon);
  });

  it('prunes only what every live desk has pulled; a desk behind still replays', async () => {
    const { database, central, admin } = await setup();
    const [a, b] = [await desk(database), await desk(database)];
    await a.sync();
    await b.sync();
    await central.query(`UPDATE reflect.customers SET status = 'inactive' WHERE customer_id <= 10`);
    await b.sync();
    const horizonA = (await horizonOf(central, a.deskId)) ?? '';
    const before = await logCount(central, `xid < '${horizonA}'::xid8`);
    expect(before).toBeGreaterThan(0);

    const pruned = await pruneChangeLog(admin);
    expect(pruned).toMatchObject({
      status: 'pruned',
      removed: before,
      floor: horizonA,
      liveDesks: 2,
      expiredDesks: 0,
      retentionDays: 30,
    });
    expect(await logCount(central, `xid < '${horizonA}'::xid8`)).toBe(0);
    expect(await logCount(central)).toBeGreaterThanOrEqual(10);

    const { pull } = await a.sync();
    expect(pull).toMatchObject({ resnapshot: null, snapshotRows: 0, changesApplied: 10 });
    expect(replicaDigests(a.raw)).toEqual(await centralDigests(central));
    // Pruning again below what both have pulled now removes the rest.
    expect(await pruneChangeLog(admin)).toMatchObject({ status: 'pruned', removed: 10 });
  });

  it('a desk gone longer than the retention no longer holds the log, and copies afresh on return', async () => {
    const { database, central, admin } = await setup();
    const [a, b] = [await desk(database), await desk(database)];
    await a.sync();
    await b.sync();
    await central.query(
      `UPDATE reflect.desk_horizons SET reported_at = now() - interval '31 days' WHERE desk_id = $1`,
      [a.deskId],
    );
    // Changes A misses, deletes among them: a fresh copy must drop what central no longer has.
    await central.query(
      `UPDATE reflect.customers SET name = 'Renamed While Away' WHERE customer_id = 2`,
    );
    await central.query(`DELETE FROM reflect.events WHERE customer_id = 3`);
    await central.query(`DELETE FROM reflect.consents WHERE customer_id IN (4, 5)`);
    await b.sync();

    const pruned = await pruneChangeLog(admin);
    expect(pruned).toMatchObject({ status: 'pruned', liveDesks: 1, expiredDesks: 1 });
    expect(pruned.status === 'pruned' && pruned.floor).toBe(await horizonOf(central, b.deskId));

    const { pull } = await a.sync();
    expect(pull.resnapshot).toBe('pruned');
    expect(replicaDigests(a.raw)).toEqual(await centralDigests(central));
    expect(a.raw.prepare('SELECT count(*) FROM events WHERE customer_id = 3').pluck().get()).toBe(
      0,
    );
    // Back among the live desks, with a horizon from its new copy.
    const back = await central.query<{ fresh: boolean }>(
      `SELECT reported_at > now() - interval '1 minute' AS fresh FROM reflect.desk_horizons WHERE desk_id = $1`,
      [a.deskId],
    );
    expect(back.rows[0]?.fresh).toBe(true);
    expect((await a.sync()).pull.resnapshot).toBeNull();
  });

  it('copies afresh when central is behind the desk (restored from a backup, another server)', async () => {
    const { database, central } = await setup();
    const a = await desk(database);
    await a.sync();
    await central.query(`DELETE FROM reflect.orders WHERE customer_id = 6`);
    writeSyncState(a.raw, 'pull', { phase: 'replay', horizon: '999999999' });
    const { pull } = await a.sync();
    expect(pull.resnapshot).toBe('ahead');
    expect(replicaDigests(a.raw)).toEqual(await centralDigests(central));
  });

  it('re-checks centrally what the desk checks', async () => {
    const { database, central, admin } = await setup();
    const [a, b] = [await desk(database), await desk(database)];
    await a.sync();
    const check = (client: pg.ClientBase, deskId: string, pulled: string | null) =>
      client.query<{ o: unknown }>('SELECT reflect.desk_checkin($1, $2) AS o', [deskId, pulled]);

    // Another login may not check in for a desk, nor move its horizon; its sync still pulls and says so.
    await expect(check(b.client, a.deskId, '1')).rejects.toMatchObject({ code: '42501' });
    const borrowed = await syncOnce(b.client, b.raw, { deskId: a.deskId });
    expect(borrowed.pull.checkInRefused).toMatch(/this desk is registered to the login/);
    expect(replicaDigests(b.raw)).toEqual(await centralDigests(central));
    expect(syncStatus(b.raw).lastError).toMatch(
      /^Central did not record how far this desk has synced .* Connect with the login this desk was first used with/,
    );
    // A horizon past central's present is not taken, and neither is one below the floor.
    const stored = await horizonOf(central, a.deskId);
    expect((await check(a.client, a.deskId, '999999999')).rows[0]?.o).toMatchObject({
      status: 'resnapshot',
      reason: 'ahead',
    });
    await central.query(`UPDATE reflect.settings SET value = $1 WHERE key = 'change_log_floor'`, [
      stored,
    ]);
    expect((await check(a.client, a.deskId, '3')).rows[0]?.o).toMatchObject({
      status: 'resnapshot',
      reason: 'pruned',
    });
    expect(await horizonOf(central, a.deskId)).toBe(stored);

    // Only an administrator prunes or sets the retention, within bounds.
    await expect(pruneChangeLog(a.client)).rejects.toThrow(
      /may not prune the change log .* reflect_admin role/,
    );
    await expect(pruneChangeLog(admin, { retentionDays: 0 })).rejects.toMatchObject({
      code: '22023',
    });
  });

  it('refuses to prune while a desk of an older version sends audit entries but never checks in', async () => {
    const { database, central, admin } = await setup();
    const a = await desk(database);
    await a.sync();
    const old = randomUUID();
    await central.query(`INSERT INTO reflect.desks (desk_id, login) VALUES ($1, 'old.desk')`, [
      old,
    ]);
    await central.query(
      `INSERT INTO reflect.audit_log (actor, action, desk_id, desk_seq) VALUES ('old.desk', 'customer.viewed', $1, 1)`,
      [old],
    );
    expect(await pruneChangeLog(admin)).toEqual({
      status: 'refused',
      unregistered: [{ deskId: old, login: 'old.desk' }],
      retentionDays: 30,
    });
    expect(await pruneChangeLog(admin, { ignoreUnregistered: true })).toMatchObject({
      status: 'pruned',
    });
  });

  it('reflect central prune and status, for administrators', { timeout: 90_000 }, async () => {
    const { database, central } = await setup();
    const a = await desk(database);
    await a.sync();
    const adminUrl = `${await createLoginRole(database, 'reflect_admin')}?sslmode=disable`;
    const viewerUrl = `${await createLoginRole(database, 'reflect_viewer')}?sslmode=disable`;

    const pruned = reflectCli(['central', 'prune', '--url', adminUrl, '--retention-days', '45']);
    expect(pruned.stderr).toBe('');
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(
      /^Removed \d+ change log entries below transaction \d+ \(before: 0\)\. Kept for 1 desk\(s\) that synced within 45 days\./,
    );
    const setting = await central.query(
      `SELECT value FROM reflect.settings WHERE key = 'desk_retention_days'`,
    );
    expect(setting.rows[0]).toEqual({ value: '45' });

    // Status reads schema_migrations: the account that installed Reflect runs it.
    const status = reflectCli(['central', 'status', '--url', `${database.url}?sslmode=disable`]);
    expect(status.stdout).toMatch(
      /Pruned: {4}below transaction \d+; kept for 1 desk\(s\) seen within 45 days \(oldest from \d+\)/,
    );

    const refused = reflectCli(['central', 'prune', '--url', viewerUrl]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('may not prune the change log or change its retention');
    const invalid = reflectCli(['central', 'prune', '--url', adminUrl, '--retention-days', 'x']);
    expect(invalid.stderr).toContain('--retention-days is a whole number from 1 to 3650.');
  });
});

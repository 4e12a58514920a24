import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { centralMigrations } from '../../../central/migrations';
import { centralStatus, installCentral } from '../../../src/main/central/install';
import { createTestDatabase } from '../../support/postgres-database';

describe('central install', () => {
  it('installs every migration on an empty database, and a second run changes nothing', async () => {
    const database = await createTestDatabase();
    const client = await database.connect();
    expect((await centralStatus(client)).installedVersion).toBe(0);

    expect(await installCentral(client)).toEqual({ from: 0, to: centralMigrations.length });
    const status = await centralStatus(client);
    expect(status).toMatchObject({
      installedVersion: centralMigrations.length,
      upToDate: true,
      customers: 0,
      changeLogEntries: 0,
    });
    expect(status.roles).toEqual(
      expect.arrayContaining([
        'reflect_admin',
        'reflect_approver',
        'reflect_officer',
        'reflect_viewer',
      ]),
    );

    expect(await installCentral(client)).toEqual({
      from: centralMigrations.length,
      to: centralMigrations.length,
    });
  });

  it('upgrades from an older version, applying only what is missing', async () => {
    const database = await createTestDatabase();
    const client = await database.connect();
    await installCentral(client, centralMigrations.slice(0, 2));
    expect((await centralStatus(client)).installedVersion).toBe(2);
    expect(await installCentral(client)).toEqual({ from: 2, to: centralMigrations.length });
  });

  it('rolls a failed install back whole', async () => {
    const database = await createTestDatabase();
    const client = await database.connect();
    const broken = [
      ...centralMigrations.slice(0, 1),
      { version: 2, name: 'broken', sql: 'SELECT nope' },
    ];
    await expect(installCentral(client, broken)).rejects.toThrow(/nope/);
    const tables = await client.query(`SELECT to_regclass('reflect.customers') AS t`);
    expect(tables.rows[0]).toEqual({ t: null });
  });

  it('bumps row versions and logs keys of every change with its transaction id', async () => {
    const database = await createTestDatabase({ central: true });
    const client = await database.connect();
    await client.query(
      `INSERT INTO reflect.customers (name, email) VALUES ('Ada Byron', 'ada@example.org'), ('Bo Li', null)`,
    );
    await client.query(
      `UPDATE reflect.customers SET phone = '+441632960001' WHERE name = 'Ada Byron'`,
    );
    await client.query(`DELETE FROM reflect.customers WHERE name = 'Bo Li'`);
    const rows = await client.query(`SELECT name, version FROM reflect.customers`);
    expect(rows.rows).toEqual([{ name: 'Ada Byron', version: '2' }]);
    const log = await client.query<{ table_name: string; op: string; pk: string; xid: string }>(
      `SELECT table_name, op, pk, xid::text FROM reflect.change_log ORDER BY seq`,
    );
    expect(log.rows.map((r) => `${r.op}:${r.pk}`)).toEqual(['I:1', 'I:2', 'U:1', 'D:2']);
    // Keys only: nothing of the person is copied into the log.
    expect(JSON.stringify(log.rows)).not.toContain('ada@example.org');
    expect(new Set(log.rows.map((r) => r.xid)).size).toBe(3);
  });

  it('refuses to install over a newer central schema', async () => {
    const database = await createTestDatabase({ central: true });
    const client = await database.connect();
    await client.query(
      `INSERT INTO reflect.schema_migrations (version, name) VALUES (99, 'future')`,
    );
    await expect(installCentral(client)).rejects.toThrow(/schema version 99.*Update the app/);
  });

  it('gives login roles nothing until they are granted a reflect role', async () => {
    const database = await createTestDatabase({ central: true });
    const admin = await database.connect();
    await admin.query(`CREATE ROLE nobody_${process.pid} LOGIN PASSWORD 'pw-nobody'`);
    const url = new URL(database.url);
    url.username = `nobody_${process.pid}`;
    url.password = 'pw-nobody';
    const nobody = new pg.Client({ connectionString: url.toString() });
    await nobody.connect();
    await expect(nobody.query('SELECT * FROM reflect.customers')).rejects.toThrow(
      /permission denied/,
    );
    await nobody.end();
    await admin.query(`DROP ROLE nobody_${process.pid}`);
  });
});

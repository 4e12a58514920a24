import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyOperation } from '../../../src/main/central/operations';
import { readCatalog } from '../../../src/main/datamap/catalog';
import { setChangeCapture } from '../../../src/main/datamap/change-capture';
import { diffMapWithCatalog } from '../../../src/main/datamap/catalog-drift';
import { currentDataMap, saveDataMap } from '../../../src/main/datamap/datamap-store';
import { discover } from '../../../src/main/datamap/discover';
import { REFERENCE_DATA_MAP } from '../../../src/main/datamap/reference-data-map';
import { createForeignSchema } from '../../support/foreign-schema';
import { createTestDatabase } from '../../support/postgres-database';

async function installedWithCompanyTables() {
  const database = await createTestDatabase({ central: true });
  const admin = await database.connect();
  await createForeignSchema(admin);
  const { map } = await discover(admin);
  return { database, admin, map };
}

async function loginAs(
  database: Awaited<ReturnType<typeof createTestDatabase>>,
  admin: Awaited<ReturnType<Awaited<ReturnType<typeof createTestDatabase>>['connect']>>,
  role: string,
) {
  const name = `${role}_${randomUUID().slice(0, 6)}`;
  await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD 'pw-${name}' IN ROLE ${role}`);
  const url = new URL(database.url);
  url.username = name;
  url.password = `pw-${name}`;
  return database.connect(url.toString());
}

describe('the data map kept centrally', () => {
  it('saves versions in turn, and refuses one made from an older version', async () => {
    const { admin, map } = await installedWithCompanyTables();
    expect(await currentDataMap(admin)).toBeNull();
    expect(await saveDataMap(admin, map, { baseVersion: null, note: 'first review' })).toBe(1);
    const saved = await currentDataMap(admin);
    expect(saved).toMatchObject({ version: 1, map, note: 'first review' });
    expect(saved?.hash).toMatch(/^[0-9a-f]{64}$/);

    // Another administrator saved version 2 meanwhile: a change made from version 1 is refused.
    expect(await saveDataMap(admin, map, { baseVersion: 1 })).toBe(2);
    await expect(saveDataMap(admin, map, { baseVersion: 1 })).rejects.toMatchObject({
      code: 'CONFLICTING_CHANGE',
    });
    const audit = await admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM reflect.audit_log WHERE action = 'datamap.save'`,
    );
    expect(Number(audit.rows[0]?.n)).toBe(2);
    // Saved versions stay as they were.
    await expect(admin.query('UPDATE reflect.data_maps SET note = NULL')).rejects.toThrow(
      /never changed/,
    );
  });

  it('re-checks every table and column against the database, whatever the desk checked', async () => {
    const { admin, map } = await installedWithCompanyTables();
    const wrong = structuredClone(map);
    const person = wrong.tables.find((t) => t.table === 'crm.person');
    if (!person) throw new Error('no person table');
    person.columns.shoe_size = { category: 'demographic' };
    wrong.tables.push({ table: 'crm.loyalty', key: ['id'], columns: {} });
    wrong.subject.identity.national_id = { table: 'crm.person', column: 'ssn' };
    await expect(saveDataMap(admin, wrong, { baseVersion: null })).rejects.toThrow(
      /crm\.person has no column shoe_size; crm\.loyalty: no such table; the national id is said to be in crm\.person\.ssn/,
    );
    // Not a map at all, sent past the desk's own check.
    const outcome = await applyOperation(admin, {
      opId: randomUUID(),
      kind: 'datamap.save',
      payload: { document: { format: 'something-else' }, base_version: null },
    });
    expect(outcome).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/not a data map/),
    });
  });

  it('is read by every desk and changed only by an administrator', async () => {
    const { database, admin, map } = await installedWithCompanyTables();
    await saveDataMap(admin, map, { baseVersion: null });
    const viewer = await loginAs(database, admin, 'reflect_viewer');
    expect((await currentDataMap(viewer))?.version).toBe(1);
    const approver = await loginAs(database, admin, 'reflect_approver');
    await expect(saveDataMap(approver, map, { baseVersion: 1 })).rejects.toThrow(
      /needs the role "reflect_admin"/,
    );
  });

  it('reports a dropped, a renamed and an added column, and a dropped table, never failing', async () => {
    const { admin, map } = await installedWithCompanyTables();
    await admin.query(`
      ALTER TABLE crm.person RENAME COLUMN email_address TO email;
      ALTER TABLE crm.orders ADD COLUMN coupon text, ADD COLUMN channel text;
      ALTER TABLE crm.web_event DROP COLUMN ip_address;
      DROP TABLE crm.support_note;`);
    const findings = diffMapWithCatalog(map, await readCatalog(admin));
    expect(findings.map((f) => [f.kind, f.severity, f.text])).toEqual([
      [
        'missing-column',
        'blocking',
        'crm.person.email_address is no longer in the database; email appeared instead and may be its new name. Update the data map.',
      ],
      [
        'missing-table',
        'blocking',
        'crm.support_note is no longer in the database (dropped or renamed). Update the data map.',
      ],
      [
        'missing-column',
        'blocking',
        'crm.web_event.ip_address is no longer in the database. Update the data map.',
      ],
      [
        'new-column',
        'notice',
        'crm.orders.coupon is new and not in the data map: nobody has said what it holds about a person.',
      ],
      [
        'new-column',
        'notice',
        'crm.orders.channel is new and not in the data map: nobody has said what it holds about a person.',
      ],
    ]);
  });

  it('describes the reference tables exactly as installed', async () => {
    const database = await createTestDatabase({ central: true });
    const admin = await database.connect();
    const catalog = await readCatalog(admin, { schemas: ['reflect'] });
    const reference = new Set(REFERENCE_DATA_MAP.tables.map((t) => t.table));
    const findings = diffMapWithCatalog(REFERENCE_DATA_MAP, {
      ...catalog,
      tables: catalog.tables.filter((t) => reference.has(t.name)),
    });
    expect(findings).toEqual([]);
    expect(await saveDataMap(admin, REFERENCE_DATA_MAP, { baseVersion: null })).toBe(1);
  });
});

describe('change capture on the company tables', () => {
  it('logs the keys of every change to mapped tables, and uninstalls without a trace', async () => {
    const { admin, map } = await installedWithCompanyTables();
    const version = await saveDataMap(admin, map, { baseVersion: null });
    const triggersBefore = await triggersOnCompanyTables(admin);
    expect(await setChangeCapture(admin, { on: true, version })).toEqual({
      tables: map.tables.length,
    });
    // Running it again changes nothing.
    expect(await setChangeCapture(admin, { on: true, version })).toEqual({
      tables: map.tables.length,
    });

    await admin.query(`
      UPDATE crm.person SET loyalty_tier = 'gold' WHERE person_ref IN ('P-0000001', 'P-0000002');
      INSERT INTO crm.payment VALUES (1, 2, 'DE89370400440532013000', 5);
      DELETE FROM crm.address WHERE person_ref = 'P-0000003';
      INSERT INTO crm.web_event VALUES (999999, 'P-0000001', '2026-05-01', 'https://shop.example.com/p/1', '192.0.2.1');
      UPDATE crm.product SET price = price + 1;`);
    const changes = await admin.query<{
      table_name: string;
      key: Record<string, unknown>;
      op: string;
    }>('SELECT table_name, key, op FROM reflect.mapped_changes ORDER BY seq');
    const address = await admin.query<{ address_id: string }>(
      "SELECT address_id FROM crm.address WHERE person_ref = 'P-0000004'",
    );
    expect(address.rowCount).toBe(1);
    expect(
      changes.rows.map((c) => [c.table_name, c.op, Object.keys(c.key).sort().join(',')]),
    ).toEqual([
      ['crm.person', 'U', 'person_ref'],
      ['crm.person', 'U', 'person_ref'],
      // A composite key, with its two parts.
      ['crm.payment', 'I', 'order_no,seq'],
      ['crm.address', 'D', 'address_id'],
      // A partitioned table, captured on its parent.
      ['crm.web_event', 'I', 'event_id,occurred'],
      // The product catalogue is not in the map: not captured.
    ]);
    expect(changes.rows[2]?.key).toEqual({ order_no: 1, seq: 2 });
    expect(changes.rows[0]?.key).toEqual({ person_ref: 'P-0000001' });

    expect(await setChangeCapture(admin, { on: false })).toEqual({ tables: map.tables.length });
    expect(await triggersOnCompanyTables(admin)).toEqual(triggersBefore);
    await admin.query("UPDATE crm.person SET loyalty_tier = 'none'");
    const after = await admin.query('SELECT 1 FROM reflect.mapped_changes');
    expect(after.rowCount).toBe(changes.rowCount);
  });

  it('is refused for a map that is not the one in force, or no longer matches the database', async () => {
    const { admin, map } = await installedWithCompanyTables();
    await saveDataMap(admin, map, { baseVersion: null });
    await saveDataMap(admin, map, { baseVersion: 1 });
    await expect(setChangeCapture(admin, { on: true, version: 1 })).rejects.toThrow(
      /the data map in force is version 2, not 1/,
    );
    await admin.query('ALTER TABLE crm.orders RENAME COLUMN total TO amount');
    await expect(setChangeCapture(admin, { on: true, version: 2 })).rejects.toThrow(
      /crm\.orders has no column total/,
    );
    expect(await triggersOnCompanyTables(admin)).toEqual([]);
  });
});

async function triggersOnCompanyTables(client: pg.ClientBase): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT c.relname || '.' || t.tgname AS name FROM pg_trigger t
     JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'crm' AND NOT t.tgisinternal AND NOT c.relispartition ORDER BY 1`,
  );
  return result.rows.map((r) => r.name);
}

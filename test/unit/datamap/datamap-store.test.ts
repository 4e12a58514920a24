import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyOperation } from '../../../src/main/central/operations';
import { readCatalog } from '../../../src/main/datamap/catalog';
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

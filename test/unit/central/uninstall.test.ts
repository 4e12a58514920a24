import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { installCentral } from '../../../src/main/central/install';
import { uninstallCentral, type UninstallOptions } from '../../../src/main/central/uninstall';
import { setChangeCapture } from '../../../src/main/datamap/change-capture';
import { saveDataMap } from '../../../src/main/datamap/datamap-store';
import { discover } from '../../../src/main/datamap/discover';
import { seedCentral } from '../../support/central-fixture';
import { createForeignSchema } from '../../support/foreign-schema';
import { createTestDatabase } from '../../support/postgres-database';

/**
 * Everything about the company's schema a reinstall could have changed: columns, defaults,
 * constraints, indexes, triggers, privileges, and every row's content.
 */
async function companySchemaState(client: pg.ClientBase): Promise<unknown> {
  const shape = await client.query(
    `SELECT c.relname, c.relkind, c.relacl::text,
       (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' ||
               coalesce(pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum)
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT string_agg(pg_get_constraintdef(k.oid), '; ' ORDER BY k.conname)
        FROM pg_constraint k WHERE k.conrelid = c.oid) AS constraints,
       (SELECT string_agg(pg_get_indexdef(i.indexrelid), '; ' ORDER BY i.indexrelid::regclass::text)
        FROM pg_index i WHERE i.indrelid = c.oid) AS indexes,
       (SELECT string_agg(t.tgname, ', ' ORDER BY t.tgname)
        FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal) AS triggers
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'crm' AND c.relkind IN ('r', 'p', 'v') ORDER BY c.relname`,
  );
  const rows: Record<string, string> = {};
  for (const table of shape.rows as { relname: string; relkind: string }[]) {
    if (table.relkind === 'v') continue;
    const digest = await client.query<{ d: string | null }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM crm.${table.relname} t`,
    );
    rows[table.relname] = digest.rows[0]?.d ?? '';
  }
  return { shape: shape.rows, rows };
}

const sure = (auditOut: string | null = null): UninstallOptions => ({
  confirm: '',
  deleteReferenceData: false,
  auditOut,
  discardAudit: false,
});

async function capturedCompanyDatabase() {
  const database = await createTestDatabase();
  const admin = await database.connect();
  await createForeignSchema(admin);
  const before = await companySchemaState(admin);
  await installCentral(admin);
  const { map } = await discover(admin);
  const version = await saveDataMap(admin, map, { baseVersion: null });
  await setChangeCapture(admin, { on: true, version });
  const name = (await admin.query<{ d: string }>('SELECT current_database() AS d')).rows[0]?.d;
  return { database, admin, before, name: name ?? '' };
}

describe('central uninstall', () => {
  it("leaves the company's tables exactly as before install, with the audit log saved first", async () => {
    const { admin, before, name } = await capturedCompanyDatabase();
    expect(await companySchemaState(admin)).not.toEqual(before);
    // A change captured while installed: the triggers were live.
    await admin.query(
      "UPDATE crm.person SET loyalty_tier = loyalty_tier WHERE person_ref = 'P-0000001'",
    );
    const captured = await admin.query('SELECT 1 FROM reflect.mapped_changes');
    expect(captured.rowCount).toBe(1);
    const folder = mkdtempSync(join(tmpdir(), 'reflect-uninstall-'));
    const auditOut = join(folder, 'central-audit.jsonl');

    const result = await uninstallCentral(admin, { ...sure(auditOut), confirm: name });
    expect(result).toMatchObject({
      uninstalled: true,
      database: name,
      referenceCustomers: 0,
      rolesLeft: expect.arrayContaining(['reflect_admin', 'reflect_viewer']),
    });
    expect(result.uncaptured.length).toBeGreaterThanOrEqual(5);
    expect(result.uncaptured).toContain('crm.person');
    expect(await companySchemaState(admin)).toEqual(before);
    const schema = await admin.query("SELECT 1 FROM pg_namespace WHERE nspname = 'reflect'");
    expect(schema.rowCount).toBe(0);

    // The saved log: owner-only, one JSON object per entry, the discovery and the map among them.
    expect(statSync(auditOut).mode & 0o777).toBe(0o600);
    const lines = readFileSync(auditOut, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(result.auditEntries);
    const actions = lines.map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(expect.arrayContaining(['datamap.save', 'datamap.capture']));
    expect(result.auditFile).toMatchObject({
      path: auditOut,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    // Twice: nothing left to remove, and it says so.
    expect(await uninstallCentral(admin, { ...sure(), confirm: name })).toMatchObject({
      uninstalled: false,
    });
    // And it installs again from nothing.
    expect(await installCentral(admin)).toMatchObject({ from: 0 });
  });

  it('refuses, removing nothing, without the database named, its audit log kept, or its customers said aloud', async () => {
    const database = await createTestDatabase({ central: true });
    const admin = await database.connect();
    await seedCentral(admin, 5);
    await admin.query(
      `INSERT INTO reflect.audit_log (actor, action, details) VALUES ('someone', 'customer.viewed', '{}')`,
    );
    const name =
      (await admin.query<{ d: string }>('SELECT current_database() AS d')).rows[0]?.d ?? '';
    const installed = async () =>
      (await admin.query("SELECT 1 FROM pg_namespace WHERE nspname = 'reflect'")).rowCount;

    await expect(uninstallCentral(admin, { ...sure(), confirm: 'postgres' })).rejects.toThrow(
      `Give --confirm ${name}`,
    );
    await expect(uninstallCentral(admin, { ...sure(), confirm: name })).rejects.toThrow(
      /reference tables hold 5 customers.*--delete-reference-data/,
    );
    await expect(
      uninstallCentral(admin, { ...sure(), confirm: name, deleteReferenceData: true }),
    ).rejects.toThrow(/audit log holds \d+ entries.*--audit-out FILE/);

    // A file already there is never replaced, and a relative path is refused.
    const folder = mkdtempSync(join(tmpdir(), 'reflect-uninstall-'));
    writeFileSync(join(folder, 'kept.jsonl'), 'mine');
    await expect(
      uninstallCentral(admin, {
        ...sure(join(folder, 'kept.jsonl')),
        confirm: name,
        deleteReferenceData: true,
      }),
    ).rejects.toThrow(/exists/);
    await expect(
      uninstallCentral(admin, { ...sure('audit.jsonl'), confirm: name, deleteReferenceData: true }),
    ).rejects.toThrow(/full path/);
    expect(readFileSync(join(folder, 'kept.jsonl'), 'utf8')).toBe('mine');

    // A company view over a Reflect table would vanish with the schema: refused, named.
    await admin.query('CREATE SCHEMA shop');
    await admin.query('CREATE VIEW shop.customer_names AS SELECT name FROM reflect.customers');
    await expect(
      uninstallCentral(admin, {
        ...sure(),
        confirm: name,
        deleteReferenceData: true,
        discardAudit: true,
      }),
    ).rejects.toThrow(/view shop\.customer_names/);
    expect(await installed()).toBe(1);

    // An administrator's login that does not own the schema cannot remove it.
    await admin.query('DROP VIEW shop.customer_names');
    const login = `admin_${Math.random().toString(36).slice(2, 8)}`;
    await admin.query(`CREATE ROLE ${login} LOGIN PASSWORD 'pw' IN ROLE reflect_admin`);
    const url = new URL(database.url);
    url.username = login;
    url.password = 'pw';
    const other = await database.connect(url.toString());
    await expect(
      uninstallCentral(other, {
        ...sure(),
        confirm: name,
        deleteReferenceData: true,
        discardAudit: true,
      }),
    ).rejects.toMatchObject({ code: 'ROLE_REFUSED' });
    expect(await installed()).toBe(1);

    // Said aloud: removed.
    await expect(
      uninstallCentral(admin, {
        ...sure(),
        confirm: name,
        deleteReferenceData: true,
        discardAudit: true,
      }),
    ).resolves.toMatchObject({ uninstalled: true, referenceCustomers: 5, auditFile: null });
    expect(await installed()).toBe(0);
  });
});

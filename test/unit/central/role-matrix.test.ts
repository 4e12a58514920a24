import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { OperationKind } from '../../../src/main/central/operations';
import {
  CALLABLE_FUNCTIONS,
  includes,
  OPERATION_ROLE,
  ROLES,
  TABLE_READER,
  type CentralRole,
} from '../../support/central-roles';
import { createTestDatabase, type TestDatabase } from '../../support/postgres-database';

/** One login per role; "none" logs in with no Reflect role at all (what PUBLIC may do). */
async function logins(
  database: TestDatabase,
): Promise<Record<CentralRole, { name: string; client: pg.Client }>> {
  const admin = await database.connect();
  const entries: [CentralRole, { name: string; client: pg.Client }][] = [];
  for (const role of ROLES) {
    const name = `matrix_${role}_${randomBytes(3).toString('hex')}`;
    const password = randomBytes(12).toString('base64url');
    await admin.query(
      `CREATE ROLE ${name} LOGIN PASSWORD '${password}'${role === 'none' ? '' : ` IN ROLE reflect_${role}`}`,
    );
    const url = new URL(database.url);
    url.username = name;
    url.password = password;
    entries.push([role, { name, client: await database.connect(url.toString()) }]);
  }
  return Object.fromEntries(entries) as Record<CentralRole, { name: string; client: pg.Client }>;
}

async function sqlState(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'unknown';
  }
}

describe('central roles: every role x every operation and direct access', () => {
  it('allows and refuses exactly what the README documents', async () => {
    const database = await createTestDatabase({ central: true });
    const as = await logins(database);
    const owner = await database.connect();

    const kinds = (
      await owner.query<{ kind: OperationKind }>(
        'SELECT kind FROM reflect.operation_kinds ORDER BY kind',
      )
    ).rows.map((r) => r.kind);
    // Every installed operation is in the documented table, and nothing documented is missing.
    expect(new Set(kinds)).toEqual(new Set(Object.keys(OPERATION_ROLE)));

    const observed: string[] = [];
    const expected: string[] = [];
    for (const role of ROLES) {
      for (const kind of kinds) {
        // An empty payload: allowed roles get past the role check to a refusal by the rules.
        const state = await sqlState(() =>
          as[role].client.query('SELECT reflect.apply_operation($1, $2, $3)', [
            randomUUID(),
            kind,
            '{}',
          ]),
        );
        observed.push(
          `${role} ${kind}: ${state === '42501' ? 'refused' : state === null ? 'allowed' : state}`,
        );
        expected.push(
          `${role} ${kind}: ${includes(role, OPERATION_ROLE[kind]) ? 'allowed' : 'refused'}`,
        );
      }
    }
    expect(observed).toEqual(expected);

    const tables = (
      await owner.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'reflect' ORDER BY tablename`,
      )
    ).rows.map((r) => r.tablename);
    expect(new Set(tables)).toEqual(new Set(Object.keys(TABLE_READER)));
    const access: string[] = [];
    const documented: string[] = [];
    for (const role of ROLES) {
      for (const table of tables) {
        const { rows } = await owner.query<{ read: boolean; write: boolean }>(
          `SELECT has_any_column_privilege($1, $2, 'SELECT') AS read,
                  has_table_privilege($1, $2, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
                  OR has_any_column_privilege($1, $2, 'INSERT, UPDATE') AS write`,
          [as[role].name, `reflect.${table}`],
        );
        const reader = TABLE_READER[table] ?? null;
        access.push(`${role} ${table}: read ${rows[0]?.read} write ${rows[0]?.write}`);
        documented.push(
          `${role} ${table}: read ${reader !== null && includes(role, reader)} write false`,
        );
      }
    }
    expect(access).toEqual(documented);

    // The privileges hold in practice: a direct write is refused even to the admin role.
    expect(
      await sqlState(() => as.admin.client.query(`UPDATE reflect.customers SET name = 'x'`)),
    ).toBe('42501');
    expect(
      await sqlState(() => as.viewer.client.query('SELECT 1 FROM reflect.audit_log LIMIT 1')),
    ).toBe('42501');
    expect(
      await sqlState(() => as.none.client.query('SELECT 1 FROM reflect.customers LIMIT 1')),
    ).toBe('42501');
    // The team directory view: every Reflect role reads it, a login without one does not.
    expect(
      await sqlState(() => as.viewer.client.query('SELECT 1 FROM reflect.team_directory LIMIT 1')),
    ).toBeNull();
    expect(
      await sqlState(() => as.none.client.query('SELECT 1 FROM reflect.team_directory LIMIT 1')),
    ).toBe('42501');

    const functions = (
      await owner.query<{ oid: number; name: string }>(
        `SELECT p.oid::int AS oid, p.proname AS name FROM pg_proc p
         JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'reflect' ORDER BY p.proname`,
      )
    ).rows;
    const callable: string[] = [];
    const allowed: string[] = [];
    for (const role of ROLES) {
      for (const f of functions) {
        const { rows } = await owner.query<{ ok: boolean }>(
          `SELECT has_function_privilege($1, $2::oid, 'EXECUTE') AS ok`,
          [as[role].name, f.oid],
        );
        callable.push(`${role} ${f.name}: ${rows[0]?.ok}`);
        const least = CALLABLE_FUNCTIONS[f.name];
        allowed.push(`${role} ${f.name}: ${least !== undefined && includes(role, least)}`);
      }
    }
    expect(callable).toEqual(allowed);
    // Calling an operation's function directly, past apply_operation and its role check, is refused.
    expect(
      await sqlState(() =>
        as.officer.client.query(`SELECT reflect.op_case_record_export('{}'::jsonb, 'someone')`),
      ),
    ).toBe('42501');
  });
});

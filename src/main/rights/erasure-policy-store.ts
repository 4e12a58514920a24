import type pg from 'pg';
import type {
  ErasurePolicy,
  ErasurePolicyOverview,
  PolicyColumn,
  StoredErasurePolicy,
} from '../../shared/erasure-policies';

interface PolicyRow {
  table_schema: string;
  table_name: string;
  strategy: StoredErasurePolicy['strategy'];
  columns: Record<string, string>;
  legal_basis: string | null;
  retain_years: number | null;
  retain_from: string | null;
  then_strategy: StoredErasurePolicy['thenStrategy'];
  updated_by: string;
  updated_at: Date | string;
}

/** Whether the login on `client` is an administrator's on central. */
export async function isCentralAdmin(client: pg.ClientBase): Promise<boolean> {
  const result = await client.query<{ admin: boolean }>(
    `SELECT pg_has_role(session_user, 'reflect_admin', 'MEMBER') AS admin`,
  );
  return result.rows[0]?.admin === true;
}

/** Every policy, the tables reaching a person without one, and the columns of each, read from central. */
export async function readErasurePolicies(client: pg.ClientBase): Promise<ErasurePolicyOverview> {
  const who = await client.query<{ login: string }>('SELECT session_user AS login');
  const canChange = await isCentralAdmin(client);
  const rows = await client.query<PolicyRow>(
    'SELECT * FROM reflect.erasure_policies ORDER BY table_schema, table_name',
  );
  const policies = rows.rows.map(toPolicy);
  const known = new Set(policies.map((p) => p.table));
  // The catalog's foreign keys are read through erasure_edges, granted to administrators only.
  const withoutPolicy = canChange
    ? (
        await client.query<{ child: string }>(
          // Named with their schema whatever the session's search path.
          `SELECT DISTINCT n.nspname || '.' || c.relname AS child FROM reflect.erasure_edges() e
           JOIN pg_class c ON c.oid = e.child JOIN pg_namespace n ON n.oid = c.relnamespace
           ORDER BY 1`,
        )
      ).rows
        .map((r) => r.child)
        .filter((t) => !known.has(t))
    : null;
  const tables = [...known, ...(withoutPolicy ?? [])];
  return {
    login: who.rows[0]?.login ?? '',
    canChange,
    policies,
    withoutPolicy,
    columns: await readColumns(client, tables),
  };
}

/** The columns of each table (catalog facts, readable by every login). */
async function readColumns(
  client: pg.ClientBase,
  tables: string[],
): Promise<Record<string, PolicyColumn[]>> {
  if (tables.length === 0) return {};
  const result = await client.query<{ tbl: string; name: string; type: string; not_null: boolean }>(
    `SELECT t.tbl, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null
     FROM unnest($1::text[]) t(tbl)
     JOIN pg_attribute a ON a.attrelid = to_regclass(t.tbl) AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY t.tbl, a.attnum`,
    [tables],
  );
  const columns: Record<string, PolicyColumn[]> = Object.fromEntries(tables.map((t) => [t, []]));
  for (const row of result.rows) {
    columns[row.tbl]?.push({ name: row.name, type: row.type, notNull: row.not_null });
  }
  return columns;
}

/** The payload of erasure.set-policy. */
export function policyPayload(policy: ErasurePolicy): Record<string, unknown> {
  const retain = policy.strategy === 'retain';
  return {
    table: policy.table,
    strategy: policy.strategy,
    columns: policy.columns,
    legal_basis: retain ? policy.legalBasis : null,
    retain_years: retain ? policy.retainYears : null,
    retain_from: retain ? policy.retainFrom : null,
    then_strategy: retain ? policy.thenStrategy : null,
  };
}

function toPolicy(row: PolicyRow): StoredErasurePolicy {
  return {
    table: `${row.table_schema}.${row.table_name}`,
    strategy: row.strategy,
    columns: row.columns,
    legalBasis: row.legal_basis,
    retainYears: row.retain_years,
    retainFrom: row.retain_from,
    thenStrategy: row.then_strategy,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

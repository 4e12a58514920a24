import type pg from 'pg';
import { centralMigrations, type CentralMigration } from '../../../central/migrations';
import { changeLogRetention, type ChangeLogRetention } from './change-log';

export interface CentralStatus {
  installedVersion: number;
  latestVersion: number;
  upToDate: boolean;
  roles: string[];
  customers: number | null;
  changeLogEntries: number | null;
  /** Entries below this transaction id are final; a desk's pull reads up to here. */
  horizon: string;
  /** What the change log keeps and for which desks; null before it was bounded. */
  changeLog: ChangeLogRetention | null;
}

/** Held by install and uninstall alike, so the two never interleave. */
export const INSTALL_LOCK_KEY = 'reflect.central.install';

/**
 * Applies the missing central migrations in one transaction, under an advisory lock so two
 * administrators installing at once cannot interleave. Running it again changes nothing.
 */
export async function installCentral(
  client: pg.ClientBase,
  migrations: readonly CentralMigration[] = centralMigrations,
): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [INSTALL_LOCK_KEY]);
    await client.query('CREATE SCHEMA IF NOT EXISTS reflect');
    await client.query(`CREATE TABLE IF NOT EXISTS reflect.schema_migrations (
      version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const from = await installedVersion(client);
    if (from > migrations.length) {
      throw new Error(
        `The central database has schema version ${from}; this version of the app knows up to ${migrations.length}. Update the app.`,
      );
    }
    for (const migration of migrations.slice(from)) {
      await client.query(migration.sql);
      await client.query('INSERT INTO reflect.schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, migrations.length) };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export async function centralStatus(client: pg.ClientBase): Promise<CentralStatus> {
  const version = await installedVersion(client).catch(() => 0);
  const roles = await client.query<{ rolname: string }>(
    `SELECT rolname FROM pg_roles WHERE rolname LIKE 'reflect\\_%' ORDER BY rolname`,
  );
  const count = async (table: string): Promise<number | null> =>
    version === 0
      ? null
      : Number(
          (await client.query<{ n: string }>(`SELECT count(*) AS n FROM reflect.${table}`)).rows[0]
            ?.n ?? 0,
        );
  const horizon = await client.query<{ xmin: string }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
  );
  return {
    installedVersion: version,
    latestVersion: centralMigrations.length,
    upToDate: version === centralMigrations.length,
    roles: roles.rows.map((r) => r.rolname),
    customers: await count('customers'),
    changeLogEntries: await count('change_log'),
    horizon: horizon.rows[0]?.xmin ?? '0',
    changeLog: version === 0 ? null : await changeLogRetention(client),
  };
}

async function installedVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ present: boolean }>(
    `SELECT to_regclass('reflect.schema_migrations') IS NOT NULL AS present`,
  );
  if (!exists.rows[0]?.present) return 0;
  const result = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM reflect.schema_migrations',
  );
  return result.rows[0]?.version ?? 0;
}

/**
 * Refuses to sync from a central database that lacks tables this desk mirrors (installed by an
 * older version of the app), with the command that fixes it. Needs no privilege beyond USAGE.
 */
export async function assertCentralHasTables(
  client: pg.ClientBase,
  tables: readonly string[],
): Promise<void> {
  const result = await client.query<{ name: string }>(
    `SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass('reflect.' || name) IS NULL`,
    [tables],
  );
  if (result.rows.length > 0) {
    throw new CentralOutdatedError(
      `The central database lacks ${result.rows.map((r) => r.name).join(', ')}: it was installed by an older version of Reflect. An administrator updates it with: reflect central install --url ...`,
    );
  }
}

export class CentralOutdatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CentralOutdatedError';
  }
}

import { sql, type Kysely } from 'kysely';
import { migrations as allMigrations, type Migration } from './migrations';

/** The replica was written by a newer version of the app; opening it here could damage it. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This replica has schema version ${found}, but this version of the app knows only up to ${supported}. Update the app to open it.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

export async function readSchemaVersion(db: Kysely<any>): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return rows[0]?.user_version ?? 0;
}

/**
 * Brings the schema to `target` (default: latest). The version lives in SQLite's `user_version`
 * header field, written in the same transaction as each step, so a crash leaves either the old or
 * the new schema, never half of one.
 */
export async function migrate(
  db: Kysely<any>,
  options: { target?: number; migrations?: readonly Migration[] } = {},
): Promise<{ from: number; to: number }> {
  const list = options.migrations ?? allMigrations;
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is out of order.`);
  });
  const target = options.target ?? list.length;
  const from = await readSchemaVersion(db);
  if (from > list.length) throw new SchemaTooNewError(from, list.length);

  for (const step of list.slice(from, target)) {
    await db.transaction().execute(async (trx) => {
      await step.up(trx);
      await sql`PRAGMA user_version = ${sql.raw(String(step.version))}`.execute(trx);
    });
  }
  return { from, to: Math.max(from, target) };
}

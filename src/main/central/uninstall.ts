import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { checkDestination, writeAtomically } from '../export/safe-file';
import { INSTALL_LOCK_KEY } from './install';

export interface UninstallOptions {
  /** The database's name, typed by the administrator: nothing is removed from another one. */
  confirm: string;
  /** The reference tables hold the company's customers when it uses them: removing is said aloud. */
  deleteReferenceData: boolean;
  /** Where central's audit log is saved first (JSON lines, owner-only), or null. */
  auditOut: string | null;
  /** The audit log is dropped unsaved; only when said aloud. */
  discardAudit: boolean;
}

export interface UninstallResult {
  uninstalled: boolean;
  database: string;
  /** Company tables whose capture triggers were removed, as `schema.table`. */
  uncaptured: string[];
  referenceCustomers: number;
  auditEntries: number;
  auditFile: { path: string; sha256: string; bytes: number } | null;
  /** Reflect's roles, left in place: they belong to the whole server, not this database. */
  rolesLeft: string[];
}

const AUDIT_PAGE = 5_000;

/**
 * Removes Reflect from a central database and leaves the company's own tables as they were
 * before install: every trigger Reflect put on them is dropped, then schema `reflect` with all
 * it holds. One transaction, under the lock `central install` takes, so the two cannot
 * interleave; a failure changes nothing. Refused when something outside `reflect` depends on it
 * (a company view over a Reflect table would otherwise vanish with it).
 */
export async function uninstallCentral(
  client: pg.ClientBase,
  options: UninstallOptions,
): Promise<UninstallResult> {
  if (options.auditOut !== null) checkDestination(options.auditOut, { overwrite: false });
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [INSTALL_LOCK_KEY]);
    const result = await uninstallLocked(client, options);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function uninstallLocked(
  client: pg.ClientBase,
  options: UninstallOptions,
): Promise<UninstallResult> {
  const facts = await client.query<{ database: string; installed: boolean; owner: boolean }>(
    `SELECT current_database() AS database,
            EXISTS (SELECT FROM pg_namespace WHERE nspname = 'reflect') AS installed,
            coalesce((SELECT pg_has_role(current_user, nspowner, 'USAGE')
                      FROM pg_namespace WHERE nspname = 'reflect'), false) AS owner`,
  );
  const { database, installed, owner } = facts.rows[0] as {
    database: string;
    installed: boolean;
    owner: boolean;
  };
  const rolesLeft = await reflectRoles(client);
  if (options.confirm !== database) {
    throw new AppError(
      'INVALID_INPUT',
      `Nothing was removed: --confirm names "${options.confirm}", but this connection is to the database "${database}". Give --confirm ${database} to uninstall Reflect from it.`,
    );
  }
  if (!installed) {
    return {
      uninstalled: false,
      database,
      uncaptured: [],
      referenceCustomers: 0,
      auditEntries: 0,
      auditFile: null,
      rolesLeft,
    };
  }
  if (!owner) {
    throw new AppError(
      'ROLE_REFUSED',
      `Nothing was removed: only the account that installed Reflect (the owner of schema reflect) or a superuser can uninstall it; this connection logs in as another account.`,
    );
  }
  const referenceCustomers = await countRows(client, 'reflect.customers');
  if (referenceCustomers > 0 && !options.deleteReferenceData) {
    throw new AppError(
      'INVALID_INPUT',
      `Nothing was removed: Reflect's reference tables hold ${referenceCustomers} customers, which uninstalling deletes. Copy them elsewhere first, or give --delete-reference-data.`,
    );
  }
  const auditEntries = await countRows(client, 'reflect.audit_log');
  if (auditEntries > 0 && options.auditOut === null && !options.discardAudit) {
    throw new AppError(
      'INVALID_INPUT',
      `Nothing was removed: central's audit log holds ${auditEntries} entries, the record of who did what with personal data. Save them with --audit-out FILE, or give --discard-audit.`,
    );
  }
  const uncaptured = await dropCaptureTriggers(client);
  const dependents = await dependentsOutsideReflect(client);
  if (dependents.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `Nothing was removed: objects outside schema reflect depend on it and would be dropped with it: ${dependents.slice(0, 10).join('; ')}${dependents.length > 10 ? `; and ${dependents.length - 10} more` : ''}. Drop or change them first.`,
    );
  }
  // Saved before the drop, inside the lock: the file holds the log exactly as it was removed.
  const auditFile =
    options.auditOut !== null && auditEntries > 0
      ? { path: options.auditOut, ...(await saveAuditLog(client, options.auditOut)) }
      : null;
  await client.query('DROP SCHEMA reflect CASCADE');
  return {
    uninstalled: true,
    database,
    uncaptured,
    referenceCustomers,
    auditEntries,
    auditFile,
    rolesLeft,
  };
}

async function reflectRoles(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ rolname: string }>(
    `SELECT rolname FROM pg_roles WHERE rolname LIKE 'reflect\\_%' ORDER BY rolname`,
  );
  return rows.map((r) => r.rolname);
}

async function countRows(client: pg.ClientBase, table: string): Promise<number> {
  const present = await client.query<{ present: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS present',
    [table],
  );
  if (!present.rows[0]?.present) return 0;
  const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Every trigger on a table outside `reflect` that runs a function of `reflect` (change capture
 * puts three on each mapped table), found by the function rather than by the map, so a table
 * renamed since capture loses its triggers too.
 */
async function dropCaptureTriggers(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ tgname: string; rel: string; tbl: string }>(
    `SELECT t.tgname, t.tgrelid::regclass::text AS rel,
            quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS tbl
     FROM pg_trigger t
     JOIN pg_proc p ON p.oid = t.tgfoid
     JOIN pg_class c ON c.oid = t.tgrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE p.pronamespace = 'reflect'::regnamespace AND n.nspname <> 'reflect'
       AND NOT t.tgisinternal AND NOT c.relispartition
     ORDER BY 3, 1`,
  );
  for (const r of rows) {
    await client.query(`DROP TRIGGER ${quoteIdent(r.tgname)} ON ${r.tbl}`);
  }
  return [...new Set(rows.map((r) => r.rel))];
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * What DROP SCHEMA ... CASCADE would take with it outside `reflect`: views and rules, triggers,
 * foreign keys, column defaults and tables of another schema that use a Reflect object.
 */
async function dependentsOutsideReflect(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ what: string }>(
    `WITH reflect_objects AS (
       SELECT 'pg_class'::regclass AS classid, oid FROM pg_class WHERE relnamespace = 'reflect'::regnamespace
       UNION ALL SELECT 'pg_proc'::regclass, oid FROM pg_proc WHERE pronamespace = 'reflect'::regnamespace
       UNION ALL SELECT 'pg_type'::regclass, oid FROM pg_type WHERE typnamespace = 'reflect'::regnamespace
     ),
     dependents AS (
       SELECT d.classid, d.objid, d.objsubid,
         CASE d.classid
           WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = d.objid)
           WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = d.objid)
           WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = d.objid)
           WHEN 'pg_rewrite'::regclass THEN (SELECT c.relnamespace FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE r.oid = d.objid)
           WHEN 'pg_trigger'::regclass THEN (SELECT c.relnamespace FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.oid = d.objid)
           WHEN 'pg_constraint'::regclass THEN (SELECT connamespace FROM pg_constraint WHERE oid = d.objid)
           WHEN 'pg_attrdef'::regclass THEN (SELECT c.relnamespace FROM pg_attrdef a JOIN pg_class c ON c.oid = a.adrelid WHERE a.oid = d.objid)
         END AS namespace
       FROM pg_depend d
       JOIN reflect_objects o ON o.classid = d.refclassid AND o.oid = d.refobjid
       WHERE d.deptype IN ('n', 'a')
     )
     SELECT DISTINCT pg_describe_object(classid, objid, 0) AS what
     FROM dependents
     WHERE namespace IS NOT NULL AND namespace <> 'reflect'::regnamespace
       AND namespace NOT IN (SELECT oid FROM pg_namespace WHERE nspname LIKE 'pg\\_toast%')
     ORDER BY 1`,
  );
  return rows.map((r) => r.what);
}

/** The audit log as JSON lines, a page at a time so a long log never sits in memory whole. */
async function saveAuditLog(
  client: pg.ClientBase,
  path: string,
): Promise<{ sha256: string; bytes: number }> {
  return writeAtomically(path, async (temporary) => {
    const out = createWriteStream(temporary, { flags: 'w', mode: 0o600 });
    let after = 0;
    for (;;) {
      const { rows } = await client.query<{ id: string; line: string }>(
        `SELECT id::text, to_jsonb(a)::text AS line FROM reflect.audit_log a
         WHERE id > $1 ORDER BY id LIMIT ${AUDIT_PAGE}`,
        [after],
      );
      for (const r of rows) {
        if (!out.write(`${r.line}\n`)) await once(out, 'drain');
      }
      const last = rows.at(-1);
      if (!last || rows.length < AUDIT_PAGE) break;
      after = Number(last.id);
    }
    out.end();
    await once(out, 'finish');
  });
}

import type pg from 'pg';
import { HELD_BACK_COUNT_CAP } from '../../shared/sync-held-back';
import type { SyncHeldBack } from '../../shared/types';
import { isOffline } from './failure-kind';

interface HolderRow {
  pid: number | null;
  user: string | null;
  database: string | null;
  application: string | null;
  prepared: string | null;
  since: string | null;
}

/**
 * Whether central holds committed changes back from this desk, and who does. The pull reads the
 * change log only below pg_snapshot_xmin, the oldest transaction still running anywhere on the
 * server; a change committed after it began waits, however long it stays open. Entries at or
 * above the horizon that this session can already see are exactly those waiting changes.
 *
 * Only what a viewer may see is used: pg_stat_activity shows every session's pid, user,
 * database, application and transaction id, but when a transaction began only for the
 * caller's own sessions (or to pg_read_all_stats). Where it is hidden the age is counted from
 * when this desk first saw the same session holding back, and says so.
 */
export async function detectHeldBack(
  central: pg.ClientBase,
  previous: SyncHeldBack | null,
  now: Date,
): Promise<SyncHeldBack | null> {
  const waiting = await central.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM reflect.change_log WHERE xid >= pg_snapshot_xmin(pg_current_snapshot()) LIMIT $1
     ) waiting`,
    [HELD_BACK_COUNT_CAP],
  );
  const waitingChanges = waiting.rows[0]?.n ?? 0;
  if (waitingChanges === 0) return null;
  const holder = await oldestTransaction(central);
  // The same session (or prepared transaction) as at the last sync keeps its first sighting.
  const seenBefore =
    previous !== null &&
    previous.holder.pid === (holder?.pid ?? null) &&
    previous.holder.prepared === (holder?.prepared ?? null)
      ? previous.since
      : null;
  const since = holder?.since ?? seenBefore ?? now.toISOString();
  return {
    waitingChanges,
    since,
    sinceObserved: !holder?.since,
    holder: {
      pid: holder?.pid ?? null,
      user: holder?.user ?? null,
      database: holder?.database ?? null,
      application: holder?.application ?? null,
      prepared: holder?.prepared ?? null,
    },
  };
}

/** The session or prepared transaction with the oldest transaction id: the one at the horizon. */
async function oldestTransaction(central: pg.ClientBase): Promise<HolderRow | null> {
  const utc = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
  try {
    const result = await central.query<HolderRow>(
      `SELECT pid, "user", database, application, prepared, since FROM (
         SELECT a.pid, a.usename::text AS "user", a.datname::text AS database,
                nullif(a.application_name, '') AS application, NULL::text AS prepared,
                to_char(a.xact_start AT TIME ZONE 'UTC', ${utc}) AS since, age(a.backend_xid) AS age
         FROM pg_stat_activity a WHERE a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
         UNION ALL
         SELECT NULL, p.owner::text, p.database::text, NULL, p.gid,
                to_char(p.prepared AT TIME ZONE 'UTC', ${utc}), age(p.transaction)
         FROM pg_prepared_xacts p
       ) running ORDER BY age DESC LIMIT 1`,
    );
    return result.rows[0] ?? null;
  } catch (error) {
    // Naming the holder is a courtesy; a server that will not say still gets the warning.
    if (isOffline(error)) throw error;
    return null;
  }
}

import type pg from 'pg';
import type { CentralQuality } from '../../shared/quality';
import type { SqliteDatabase } from '../db/open';
import { deleteSyncState, readSyncState, writeSyncState } from '../sync/sync-state';

const KEY = 'quality-central';

interface FiguresRow {
  at: string;
  desks: {
    desk_id: string;
    login: string;
    officer: string | null;
    last_seen_at: string | null;
    transactions_behind: number | string | null;
    changes_behind: number | string | null;
  }[];
  change_log: { rows: number | string; oldest_at: string | null; bytes: number | string };
}

/** PostgreSQL's words for "this login may not": the figures are for approvers and administrators. */
export const isPermissionDenied = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === '42501';

/** A central database older than migration 27 has no such function. */
export const isMissingFigures = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === '42883';

/** Sync lag per desk and the change log's size, as central tells them now. */
export async function readCentralQuality(
  client: pg.ClientBase,
  thisDesk: string | null = null,
): Promise<CentralQuality> {
  const { rows } = await client.query<{ f: FiguresRow }>('SELECT reflect.quality_figures() AS f');
  const f = rows[0]?.f;
  if (!f) throw new Error('The central database did not answer with its figures.');
  const count = (value: number | string | null): number | null =>
    value === null ? null : Number(value);
  return {
    asOf: iso(f.at) ?? new Date().toISOString(),
    live: true,
    desks: f.desks.map((d) => ({
      deskId: d.desk_id,
      login: d.login,
      officer: d.officer,
      lastSeenAt: iso(d.last_seen_at),
      changesBehind: count(d.changes_behind),
      transactionsBehind: count(d.transactions_behind),
      thisDesk: d.desk_id === thisDesk,
    })),
    changeLog: {
      rows: Number(f.change_log.rows),
      oldestAt: iso(f.change_log.oldest_at),
      bytes: Number(f.change_log.bytes),
    },
  };
}

/** PostgreSQL's JSON writes timestamps with its own offset; the desk keeps ISO 8601 UTC. */
function iso(value: string | null): string | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Kept on the desk, so the screen can show the last known figures offline. */
export function storeCentralQuality(db: SqliteDatabase, figures: CentralQuality): void {
  writeSyncState(db, KEY, { ...figures, live: false });
}

export function lastKnownCentralQuality(db: SqliteDatabase): CentralQuality | null {
  const value = readSyncState(db, KEY) as CentralQuality | null;
  return value ? { ...value, live: false } : null;
}

export function forgetCentralQuality(db: SqliteDatabase): void {
  deleteSyncState(db, KEY);
}

import type pg from 'pg';
import { centralMfaError, verifyAdminCode } from './admin-mfa';

/**
 * The administrator's side of the bounded change log (central/migrations/010): pruning below
 * the oldest horizon a live desk has checked in with, and what the log keeps and for whom.
 */
export type PruneResult =
  | {
      status: 'pruned';
      removed: number;
      /** Entries below this transaction id are gone; a desk behind it copies central afresh. */
      floor: string;
      previousFloor: string;
      liveDesks: number;
      expiredDesks: number;
      retentionDays: number;
    }
  | {
      status: 'refused';
      /** Desks that send audit entries but never check in: an older version of the app. */
      unregistered: { deskId: string; login: string }[];
      retentionDays: number;
    };

export interface ChangeLogRetention {
  retentionDays: number;
  floor: string;
  liveDesks: number;
  expiredDesks: number;
  /** The horizon the oldest live desk has pulled to; pruning stops there. */
  oldestLiveHorizon: string | null;
}

export async function pruneChangeLog(
  client: pg.ClientBase,
  options: { retentionDays?: number; ignoreUnregistered?: boolean; totp?: string } = {},
): Promise<PruneResult> {
  await client.query('BEGIN');
  try {
    if (options.retentionDays !== undefined) {
      // A retention change is an admin change: an enrolled admin's session spends a code on it.
      if (options.totp !== undefined) await verifyAdminCode(client, options.totp);
      await client.query('SELECT reflect.set_desk_retention($1)', [options.retentionDays]);
    }
    const result = await client.query<{ outcome: Record<string, unknown> }>(
      'SELECT reflect.prune_change_log($1) AS outcome',
      [options.ignoreUnregistered === true],
    );
    await client.query('COMMIT');
    return toPruneResult(result.rows[0]?.outcome ?? {});
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw explainPruneFailure(error, client);
  }
}

/** What the log keeps and for whom; null where the schema predates it or the login may not see it. */
export async function changeLogRetention(
  client: pg.ClientBase,
): Promise<ChangeLogRetention | null> {
  try {
    const result = await client.query<{
      retention_days: number | null;
      floor: string;
      live: number;
      expired: number;
      oldest: string | null;
    }>(
      `WITH settings AS (
         SELECT (SELECT value::int FROM reflect.settings WHERE key = 'desk_retention_days') AS days,
                (SELECT value FROM reflect.settings WHERE key = 'change_log_floor') AS floor)
       SELECT s.days AS retention_days, s.floor,
              count(*) FILTER (WHERE h.reported_at > now() - make_interval(days => s.days))::int AS live,
              count(*) FILTER (WHERE h.reported_at <= now() - make_interval(days => s.days))::int AS expired,
              (min(h.horizon) FILTER (WHERE h.reported_at > now() - make_interval(days => s.days)))::text AS oldest
       FROM settings s LEFT JOIN reflect.desk_horizons h ON true GROUP BY s.days, s.floor`,
    );
    const row = result.rows[0];
    if (!row || row.retention_days === null) return null;
    return {
      retentionDays: row.retention_days,
      floor: row.floor,
      liveDesks: row.live,
      expiredDesks: row.expired,
      oldestLiveHorizon: row.oldest,
    };
  } catch {
    return null;
  }
}

function toPruneResult(outcome: Record<string, unknown>): PruneResult {
  const retentionDays = Number(outcome.retention_days);
  if (outcome.status === 'refused') {
    const unregistered = (outcome.unregistered ?? []) as { desk_id: string; login: string }[];
    return {
      status: 'refused',
      unregistered: unregistered.map((d) => ({ deskId: d.desk_id, login: d.login })),
      retentionDays,
    };
  }
  return {
    status: 'pruned',
    removed: Number(outcome.removed),
    floor: String(outcome.floor),
    previousFloor: String(outcome.previous_floor),
    liveDesks: Number(outcome.live_desks),
    expiredDesks: Number(outcome.expired_desks),
    retentionDays,
  };
}

function explainPruneFailure(error: unknown, client: pg.ClientBase): unknown {
  const mfa = centralMfaError(error);
  if (mfa) return mfa;
  const code = (error as { code?: unknown } | null)?.code;
  const user = (client as { user?: string }).user ?? 'this login';
  if (code === '42883') {
    return new Error(
      'The central database has no bounded change log yet: it was installed by an older version of Reflect. Update it first with: reflect central install --url ...',
      { cause: error },
    );
  }
  if (code === '42501') {
    return new Error(
      `The login "${user}" may not prune the change log or change its retention: that needs the reflect_admin role (or the account that installed Reflect).`,
      { cause: error },
    );
  }
  return error;
}

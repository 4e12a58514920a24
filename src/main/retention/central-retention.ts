import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type {
  LegalHold,
  RetentionOverview,
  RetentionPolicy,
  RetentionPolicyInput,
  RetentionPreview,
  RetentionRun,
  RetentionRunOutcome,
  RetentionSchedule,
} from '../../shared/retention';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO})`;

/** A central database older than retention (migration 25) has neither tables nor functions. */
export const isMissingRetention = (error: unknown): boolean => {
  const code = (error as { code?: string } | null)?.code;
  return code === '42P01' || code === '42883';
};

export const isPermissionDenied = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === '42501';

/**
 * PostgreSQL's own refusal of a function names the function, not the role; the officer reads
 * what needs which role instead.
 */
async function asRole<T>(what: string, role: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isPermissionDenied(error)) {
      const said = (error as Error).message;
      throw new AppError(
        'ROLE_REFUSED',
        /^permission denied for function/.test(said)
          ? `Central refused: ${what} needs the role "${role}". Ask an administrator, or connect with such a login.`
          : `Central refused: ${said}.`,
        { cause: error },
      );
    }
    throw error;
  }
}

interface PolicyRow {
  id: string;
  category: RetentionPolicy['category'];
  table_name: string | null;
  keep_amount: number;
  keep_unit: RetentionPolicy['keepUnit'];
  keep_days: number;
  period_text: string;
  anchor: RetentionPolicy['anchor'];
  action: RetentionPolicy['action'];
  event_column: string | null;
  confirmed: boolean;
  confirmed_by: string | null;
  updated_by: string;
  updated_at: string;
}

export async function readRetention(client: pg.ClientBase): Promise<RetentionOverview> {
  const who = await client.query<{ login: string; admin: boolean }>(
    `SELECT session_user AS login, pg_has_role(session_user, 'reflect_admin', 'MEMBER') AS admin`,
  );
  const policies = await client.query<PolicyRow>(
    `SELECT id::text, category, table_name, keep_amount, keep_unit, keep_days, period_text, anchor,
            action, event_column, confirmed, confirmed_by, updated_by, ${iso('updated_at')} AS updated_at
     FROM reflect.retention_policies ORDER BY category NULLS LAST, table_name, id`,
  );
  const schedule = await client.query<{
    enabled: boolean;
    every_days: number;
    at: string;
    time_zone: string;
    updated_by: string;
    updated_at: string;
  }>(
    `SELECT enabled, every_days, to_char(at_time, 'HH24:MI') AS at, time_zone, updated_by,
            ${iso('updated_at')} AS updated_at
     FROM reflect.retention_schedule WHERE id = 1`,
  );
  const s = schedule.rows[0];
  return {
    login: who.rows[0]?.login ?? '',
    canChange: who.rows[0]?.admin === true,
    policies: policies.rows.map((r) => ({
      policyId: r.id,
      category: r.category,
      table: r.table_name,
      keepAmount: r.keep_amount,
      keepUnit: r.keep_unit,
      keepDays: r.keep_days,
      period: r.period_text,
      anchor: r.anchor,
      action: r.action,
      eventColumn: r.event_column,
      confirmed: r.confirmed,
      confirmedBy: r.confirmed_by,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    })),
    schedule: {
      enabled: s?.enabled ?? false,
      everyDays: s?.every_days ?? 1,
      at: s?.at ?? '02:00',
      timeZone: s?.time_zone ?? 'UTC',
      updatedBy: s?.updated_by ?? '',
      updatedAt: s?.updated_at ?? '',
    },
  };
}

/** What the next run removes. `at` (a fixed clock) is for the schema's owner only. */
export async function previewRetention(
  client: pg.ClientBase,
  at?: Date,
): Promise<RetentionPreview> {
  const { rows } = await asRole('the retention preview', 'reflect_officer', () =>
    client.query<{ p: RetentionPreview }>('SELECT reflect.retention_preview($1) AS p', [
      at ?? null,
    ]),
  );
  const p = rows[0]?.p;
  if (!p) throw new Error('central returned no retention preview');
  return p;
}

/** An administrator's run now; waits for a run in progress. */
export async function runRetention(client: pg.ClientBase, at?: Date): Promise<RetentionRunOutcome> {
  const { rows } = await asRole('running retention now', 'reflect_admin', () =>
    client.query<{ r: RetentionRunOutcome }>('SELECT reflect.run_retention($1) AS r', [at ?? null]),
  );
  return normaliseOutcome(rows[0]?.r);
}

/** The schedule's run if its slot is due; any Reflect login may ask (every desk's sync does). */
export async function runRetentionIfDue(
  client: pg.ClientBase,
  at?: Date,
): Promise<RetentionRunOutcome> {
  const { rows } = await client.query<{ r: RetentionRunOutcome }>(
    'SELECT reflect.run_retention_if_due($1) AS r',
    [at ?? null],
  );
  return normaliseOutcome(rows[0]?.r);
}

function normaliseOutcome(r: RetentionRunOutcome | undefined): RetentionRunOutcome {
  if (!r) throw new Error('central returned no retention outcome');
  return r;
}

export async function readRuns(client: pg.ClientBase, limit = 50): Promise<RetentionRun[]> {
  const { rows } = await client.query<{
    id: string;
    started_at: string;
    finished_at: string;
    as_of: string;
    run_by: string;
    trigger: RetentionRun['trigger'];
    status: RetentionRun['status'];
    rows_deleted: string;
    rows_anonymised: string;
    skipped_held: string;
    policies: RetentionRun['policies'];
    error: string | null;
  }>(
    `SELECT id::text, ${iso('started_at')} AS started_at, ${iso('finished_at')} AS finished_at,
            ${iso('as_of')} AS as_of, run_by, trigger, status, rows_deleted, rows_anonymised,
            skipped_held, policies, error
     FROM reflect.retention_runs ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    runId: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    asOf: r.as_of,
    runBy: r.run_by,
    trigger: r.trigger,
    status: r.status,
    rowsDeleted: Number(r.rows_deleted),
    rowsAnonymised: Number(r.rows_anonymised),
    skippedHeld: Number(r.skipped_held),
    policies: r.policies,
    error: r.error,
  }));
}

/** Legal holds, live first; for one customer or case when named. */
export async function readHolds(
  client: pg.ClientBase,
  filter: { customerId?: string; caseId?: string; live?: boolean } = {},
): Promise<LegalHold[]> {
  const { rows } = await client.query<{
    id: string;
    customer_id: string | null;
    case_id: string | null;
    reason: string;
    placed_by: string;
    placed_at: string;
    released_by: string | null;
    released_at: string | null;
  }>(
    `SELECT id::text, customer_id::text, case_id::text, reason, placed_by, ${iso('placed_at')} AS placed_at,
            released_by, ${iso('released_at')} AS released_at
     FROM reflect.legal_holds
     WHERE ($1::bigint IS NULL OR customer_id = $1) AND ($2::uuid IS NULL OR case_id = $2)
       AND (NOT $3 OR released_at IS NULL)
     ORDER BY released_at IS NOT NULL, id DESC LIMIT 500`,
    [filter.customerId ?? null, filter.caseId ?? null, filter.live ?? false],
  );
  return rows.map((r) => ({
    holdId: r.id,
    customerId: r.customer_id,
    caseId: r.case_id,
    reason: r.reason,
    placedBy: r.placed_by,
    placedAt: r.placed_at,
    releasedBy: r.released_by,
    releasedAt: r.released_at,
  }));
}

/** The payload of retention.set-policy. */
export function policyPayload(policy: RetentionPolicyInput): Record<string, unknown> {
  return {
    ...(policy.category === undefined ? {} : { category: policy.category }),
    ...(policy.table === undefined ? {} : { table: policy.table }),
    keep_amount: policy.keepAmount,
    keep_unit: policy.keepUnit,
    anchor: policy.anchor,
    action: policy.action,
    ...(policy.eventColumn === undefined ? {} : { event_column: policy.eventColumn }),
  };
}

export function schedulePayload(schedule: RetentionSchedule): Record<string, unknown> {
  return {
    enabled: schedule.enabled,
    every_days: schedule.everyDays,
    at: schedule.at,
    time_zone: schedule.timeZone,
  };
}

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type {
  ActivityChange,
  ProcessingActivity,
  RecordsOverview,
  StoredActivity,
} from '../../shared/records';
import { applyOperation, CentralPermissionError } from '../central/operations';

const TIMESTAMP = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

/** Whether central has the register at all (migration 26). */
export async function recordsInstalled(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query<{ present: boolean }>(
    `SELECT to_regclass('reflect.processing_records') IS NOT NULL AS present`,
  );
  return r.rows[0]?.present === true;
}

/** The activities as they stand now, by name. */
export async function readActivities(client: pg.ClientBase): Promise<StoredActivity[]> {
  if (!(await recordsInstalled(client))) return [];
  const { rows } = await client.query<StoredActivity>(
    `SELECT activity_id, name, purposes, legal_basis, subject_categories, data_categories,
            report_sections, recipients, transfers, retention, security_measures,
            controller_contact, dpo_contact, language, requester_text, version, updated_by,
            to_char(updated_at AT TIME ZONE 'UTC', ${TIMESTAMP}) AS updated_at
     FROM reflect.processing_records ORDER BY name, activity_id`,
  );
  return rows;
}

/** Every version saved or removed, newest first. */
export async function readChanges(client: pg.ClientBase, limit = 2000): Promise<ActivityChange[]> {
  if (!(await recordsInstalled(client))) return [];
  const { rows } = await client.query<ActivityChange>(
    `SELECT activity_id, version, change, record ->> 'name' AS name, changed_by,
            to_char(changed_at AT TIME ZONE 'UTC', ${TIMESTAMP}) AS changed_at
     FROM reflect.processing_record_history
     ORDER BY changed_at DESC, activity_id, version DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

/** Every change ever saved or removal: the register's version. */
export async function countChanges(client: pg.ClientBase): Promise<number> {
  if (!(await recordsInstalled(client))) return 0;
  const r = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM reflect.processing_record_history',
  );
  return r.rows[0]?.n ?? 0;
}

export async function readRecordsOverview(client: pg.ClientBase): Promise<RecordsOverview> {
  const who = await client.query<{ login: string; admin: boolean }>(
    `SELECT session_user AS login, pg_has_role(session_user, 'reflect_admin', 'MEMBER') AS admin`,
  );
  return {
    login: who.rows[0]?.login ?? '',
    canChange: who.rows[0]?.admin === true,
    activities: await readActivities(client),
    changes: await readChanges(client, 200),
    changeCount: await countChanges(client),
  };
}

export interface SaveOutcome {
  changed: string[];
  unchanged: number;
}

/** Saves activities in one change (one two-step code); central checks every field again. */
export async function saveActivities(
  client: pg.ClientBase,
  activities: ProcessingActivity[],
  totp?: string,
): Promise<SaveOutcome> {
  const audit = await apply(
    client,
    'records.set',
    // base_version stays absent when not given: central then saves over what is there.
    { activities },
    totp,
  );
  return {
    changed: (audit.changed as string[] | undefined) ?? [],
    unchanged: Number(audit.unchanged ?? 0),
  };
}

/** Removes an activity from the register; its versions stay in the history. */
export async function removeActivity(
  client: pg.ClientBase,
  activityId: string,
  baseVersion: number | null,
  totp?: string,
): Promise<void> {
  await apply(
    client,
    'records.remove',
    { activity_id: activityId, base_version: baseVersion },
    totp,
  );
}

async function apply(
  client: pg.ClientBase,
  kind: 'records.set' | 'records.remove',
  payload: Record<string, unknown>,
  totp: string | undefined,
): Promise<Record<string, unknown>> {
  if (!(await recordsInstalled(client))) {
    throw new AppError(
      'INVALID_INPUT',
      'The central database has no records of processing yet: run "reflect central install" with the schema owner first.',
    );
  }
  let outcome;
  try {
    outcome = await applyOperation(
      client,
      { opId: randomUUID(), kind, payload },
      totp === undefined ? {} : { totp },
    );
  } catch (error) {
    if (error instanceof CentralPermissionError) {
      const login = (await client.query<{ u: string }>('SELECT session_user AS u')).rows[0]?.u;
      throw new AppError(
        'ROLE_REFUSED',
        `Only an administrator's login can change the records of processing; this desk logs in to central as "${login ?? ''}". Ask an administrator to make the change.`,
        { cause: error },
      );
    }
    throw error;
  }
  if (outcome.status === 'rejected') {
    throw new AppError('INVALID_INPUT', `Central refused the change: ${outcome.reason}.`);
  }
  if (outcome.status !== 'applied') throw new AppError('INTERNAL', 'Unexpected outcome.');
  return (outcome as { audit?: Record<string, unknown> }).audit ?? {};
}

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { applyOperation, CentralPermissionError } from '../central/operations';
import { MAX_DISPLAY_NAME, type TeamMember } from '../../shared/team';

export type { TeamMember } from '../../shared/team';

/** Every member of the team directory, or none before central has one. */
export async function listTeam(client: pg.ClientBase): Promise<TeamMember[]> {
  const installed = await client.query<{ present: boolean }>(
    `SELECT to_regclass('reflect.team_directory') IS NOT NULL AS present`,
  );
  if (!installed.rows[0]?.present) return [];
  const { rows } = await client.query<{
    login: string;
    display_name: string;
    email: string | null;
    active: boolean;
    role: string | null;
    updated_at: string;
    updated_by: string;
  }>(
    `SELECT login, display_name, email, active, role, updated_by,
            to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
     FROM reflect.team_directory ORDER BY login`,
  );
  return rows.map((r) => ({
    login: r.login,
    displayName: r.display_name,
    email: r.email,
    active: r.active,
    role: r.role,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

/** Checks what PostgreSQL cannot carry or central would refuse, in words an administrator reads. */
function checkText(label: string, value: string, max: number): void {
  // jsonb cannot hold a NUL: without this check PostgreSQL answers with an encoding error.
  if (value.includes('\u0000'))
    throw new AppError('INVALID_INPUT', `The ${label} contains a NUL character.`);
  if (value.length > max) {
    throw new AppError('INVALID_INPUT', `The ${label} is longer than ${max} characters.`);
  }
}

/** Adds or changes a member; central checks the login exists and validates every field again. */
export async function setTeamMember(
  client: pg.ClientBase,
  member: { login: string; displayName: string; email?: string | null },
): Promise<{ changed: boolean }> {
  checkText('login', member.login, 63);
  checkText('display name', member.displayName, MAX_DISPLAY_NAME);
  if (member.email) checkText('email', member.email, 254);
  return apply(client, 'team.set', {
    login: member.login,
    display_name: member.displayName,
    email: member.email ?? null,
  });
}

/** Marks a member inactive; old entries keep their name. */
export async function removeTeamMember(
  client: pg.ClientBase,
  login: string,
): Promise<{ changed: boolean }> {
  checkText('login', login, 63);
  return apply(client, 'team.remove', { login });
}

async function apply(
  client: pg.ClientBase,
  kind: 'team.set' | 'team.remove',
  payload: Record<string, unknown>,
): Promise<{ changed: boolean }> {
  let outcome;
  try {
    outcome = await applyOperation(client, { opId: randomUUID(), kind, payload });
  } catch (error) {
    if (error instanceof CentralPermissionError) {
      throw new AppError(
        'ROLE_REFUSED',
        'Only an administrator (the reflect_admin role) may change the team directory. Ask one to make the change.',
        { cause: error },
      );
    }
    throw error;
  }
  if (outcome.status === 'rejected') {
    throw new AppError('INVALID_INPUT', `Central refused the change: ${outcome.reason}.`);
  }
  if (outcome.status !== 'applied') throw new AppError('INTERNAL', 'Unexpected outcome.');
  const changed = (outcome as { audit?: { changed?: boolean } }).audit?.changed;
  return { changed: changed !== false };
}

import type pg from 'pg';
import type { TeamMember, TeamOverview } from '../../shared/team';
import type { SqliteDatabase } from '../db/open';
import { readSyncState, writeSyncState } from '../sync/sync-state';
import { listTeam } from './team-store';

const PULLED_KEY = 'team_directory_pulled_at';

/**
 * Each sync copies central's team directory whole: it is a few dozen rows, and a whole copy
 * also drops members central removed. A login central does not let read it (below viewer)
 * keeps the copy it has, so names do not vanish from screens when a role is taken away.
 */
export async function pullTeamDirectory(
  central: pg.ClientBase,
  db: SqliteDatabase,
  now: Date,
): Promise<{ members: number } | null> {
  let members: TeamMember[];
  try {
    members = await listTeam(central);
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return null;
    throw error;
  }
  replaceLocalTeam(db, members);
  writeSyncState(db, PULLED_KEY, now.toISOString());
  return { members: members.length };
}

export function replaceLocalTeam(db: SqliteDatabase, members: readonly TeamMember[]): void {
  const insert = db.prepare(
    `INSERT INTO team_directory (login, display_name, email, active, role, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM team_directory').run();
    for (const m of members) {
      insert.run(
        m.login,
        m.displayName,
        m.email,
        m.active ? 1 : 0,
        m.role,
        m.updatedAt,
        m.updatedBy,
      );
    }
  })();
}

export function localTeam(db: SqliteDatabase): TeamOverview {
  const rows = db
    .prepare(
      `SELECT login, display_name, email, active, role, updated_at, updated_by
       FROM team_directory ORDER BY active DESC, display_name COLLATE NOCASE, login`,
    )
    .all() as {
    login: string;
    display_name: string;
    email: string | null;
    active: number;
    role: string | null;
    updated_at: string;
    updated_by: string;
  }[];
  const pulledAt = readSyncState(db, PULLED_KEY);
  return {
    members: rows.map((r) => ({
      login: r.login,
      displayName: r.display_name,
      email: r.email,
      active: r.active === 1,
      role: r.role,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    })),
    pulledAt: typeof pulledAt === 'string' ? pulledAt : null,
  };
}

import type pg from 'pg';
import type { SqliteDatabase } from '../db/open';
import { readCentralAccess } from '../central/admin-mfa';
import type { DeskAccess } from '../../shared/role-gates';
import { deleteSyncState, readSyncState, writeSyncState } from './sync-state';

const KEY = 'central_access';

/**
 * Records the login's role as central reports it, so the desk offers only what that role may do
 * even offline. A central older than migration 23 has no reflect.my_access: the role stays unknown.
 */
export async function recordCentralAccess(
  central: pg.ClientBase,
  db: SqliteDatabase,
): Promise<void> {
  try {
    writeSyncState(db, KEY, await readCentralAccess(central));
  } catch (error) {
    if ((error as { code?: string }).code !== '42883') throw error;
    deleteSyncState(db, KEY);
  }
}

export function readDeskAccess(db: SqliteDatabase): DeskAccess | null {
  const stored = readSyncState(db, KEY) as DeskAccess | null;
  return stored && typeof stored.login === 'string' ? stored : null;
}

import type pg from 'pg';
import type { SqliteDatabase } from '../db/open';
import { assertCentralHasTables } from '../central/install';
import { pushAuditEntries, refusedAuditEntries } from './audit-push';
import { listConflicts } from './conflicts';
import { listOutbox } from './outbox';
import { Puller, type PullProgress, type PullResult } from './pull';
import { pushOutbox, type PushResult } from './push';
import { REPLICA_TABLES } from './replica-tables';
import { readSyncState, writeSyncState } from './sync-state';

export interface SyncStatus {
  lastSyncAt: string | null;
  lastError: string | null;
  horizon: string | null;
  pendingOperations: number;
  openConflicts: number;
}

const STATUS_KEY = 'status';

/**
 * One sync: push first (so central answers the desk's changes), then the desk's audit entries,
 * then pull.
 */
export async function syncOnce(
  central: pg.ClientBase,
  db: SqliteDatabase,
  options: {
    now?: () => Date;
    onProgress?: (progress: PullProgress) => void;
    pageSize?: number;
    /** The workspace id: central keeps this desk's audit entries under it. */
    deskId?: string;
    /** The desk's officer, under whom a purge of an erased subject is audited. */
    actor?: string;
  } = {},
): Promise<{ push: PushResult; auditPushed: number; pull: PullResult }> {
  const now = options.now ?? (() => new Date());
  try {
    await assertCentralHasTables(
      central,
      REPLICA_TABLES.map((t) => t.name),
    );
    const push = await pushOutbox(central, db, now);
    const auditPushed = options.deskId
      ? await pushAuditEntries(central, db, options.deskId, now)
      : 0;
    const pull = await new Puller(central, db, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.actor ? { actor: options.actor } : {}),
      now,
    }).pull();
    recordStatus(db, {
      lastSyncAt: now().toISOString(),
      lastError: stuckReason(db, push),
      horizon: pull.horizon,
    });
    return { push, auditPushed, pull };
  } catch (error) {
    recordStatus(db, { lastError: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/**
 * What still holds sync back after a round that reached central: an operation waiting to be
 * retried, or audit entries central refused. Shown as the sync's error, never as "idle".
 */
function stuckReason(db: SqliteDatabase, push: PushResult): string | null {
  if (push.deferred) {
    return `Changes are waiting to be sent: ${push.deferred}. They are retried automatically.`;
  }
  const refused = refusedAuditEntries(db);
  const firstRefused = refused[0];
  if (firstRefused) {
    return `Central refused ${refused.length} audit ${refused.length === 1 ? 'entry' : 'entries'} of this desk (first: #${firstRefused.seq}, ${firstRefused.reason}). They stay in the local audit trail; tell an administrator.`;
  }
  return null;
}

export function syncStatus(db: SqliteDatabase): SyncStatus {
  const stored = readStatus(db);
  return {
    lastSyncAt: stored.lastSyncAt ?? null,
    lastError: stored.lastError ?? null,
    horizon: stored.horizon ?? null,
    pendingOperations: listOutbox(db, 'pending').length,
    openConflicts: listConflicts(db).length,
  };
}

type StoredStatus = Partial<Pick<SyncStatus, 'lastSyncAt' | 'lastError' | 'horizon'>>;

function readStatus(db: SqliteDatabase): StoredStatus {
  return (readSyncState(db, STATUS_KEY) as StoredStatus | null) ?? {};
}

function recordStatus(db: SqliteDatabase, change: StoredStatus): void {
  writeSyncState(db, STATUS_KEY, { ...readStatus(db), ...change });
}

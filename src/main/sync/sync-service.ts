import type pg from 'pg';
import type { SyncHeldBack } from '../../shared/types';
import type { SqliteDatabase } from '../db/open';
import { assertCentralHasTables } from '../central/install';
import { pushAuditEntries, refusedAuditEntries } from './audit-push';
import { listConflicts } from './conflicts';
import { isOffline } from './failure-kind';
import { checkDataMap } from '../datamap/desk-map-check';
import { evaluateAndPullAlerts } from '../alerts/alert-pull';
import { runScheduledRetention } from '../retention/retention-sync';
import { recordCentralAccess } from './central-access';
import { pullTeamDirectory } from '../team/team-pull';
import { pullActivities } from '../records/local-records';
import { detectHeldBack } from './held-back';
import { listOutbox } from './outbox';
import { Puller, type PullProgress, type PullResult } from './pull';
import { pushOutbox, type PushResult } from './push';
import { REPLICA_TABLES } from './replica-tables';
import { readSyncState, writeSyncState } from './sync-state';

export interface SyncStatus {
  lastSyncAt: string | null;
  lastError: string | null;
  /** The last sync ended because central could not be reached; it is tried again. */
  offline: boolean;
  horizon: string | null;
  heldBack: SyncHeldBack | null;
  pendingOperations: number;
  openConflicts: number;
}

const STATUS_KEY = 'status';

/**
 * One sync: push first (so central answers the desk's changes), then the desk's audit entries,
 * then retention's scheduled run if due, then pull, then a look at whether central holds
 * committed changes back, then the alerts central raised on unusual access, the login's role and
 * the team directory.
 */
export async function syncOnce(
  central: pg.ClientBase,
  db: SqliteDatabase,
  options: {
    now?: () => Date;
    onProgress?: (progress: PullProgress) => void;
    pageSize?: number;
    /** The workspace id: central keeps this desk's audit entries and pulled horizon under it. */
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
    // The rest would only wait for the same silent or closed connection again.
    if (push.lostConnection) throw push.lostConnection;
    const auditPushed = options.deskId
      ? await pushAuditEntries(central, db, options.deskId, now)
      : 0;
    // Retention's scheduled purge, if due, commits before the pull so its deletions come down now.
    await runScheduledRetention(central);
    const pull = await new Puller(central, db, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.deskId ? { deskId: options.deskId } : {}),
      ...(options.actor ? { actor: options.actor } : {}),
      now,
    }).pull();
    const heldBack = await detectHeldBack(central, readStatus(db).heldBack ?? null, now());
    await checkDataMap(central, db, now());
    // After the audit push: central measures this desk's entries too before the alerts come down.
    await evaluateAndPullAlerts(central, db);
    await recordCentralAccess(central, db);
    await pullTeamDirectory(central, db, now());
    // The register the access reports read, readable by every role.
    await pullActivities(central, db);
    recordStatus(db, {
      lastSyncAt: now().toISOString(),
      lastError: stuckReason(db, push, pull),
      offline: false,
      horizon: pull.horizon,
      heldBack,
    });
    return { push, auditPushed, pull };
  } catch (error) {
    recordSyncFailure(db, error instanceof Error ? error.message : String(error), isOffline(error));
    throw error;
  }
}

/** The failure of the last sync, in the words the officer should read. */
export function recordSyncFailure(db: SqliteDatabase, message: string, offline: boolean): void {
  recordStatus(db, { lastError: message, offline });
}

/**
 * What still holds sync back after a round that reached central: an operation waiting to be
 * retried, or audit entries central refused. Shown as the sync's error, never as "idle".
 */
function stuckReason(db: SqliteDatabase, push: PushResult, pull: PullResult): string | null {
  if (push.deferred) {
    return `Changes are waiting to be sent: ${push.deferred}. They are retried automatically.`;
  }
  if (pull.checkInRefused) {
    return `Central did not record how far this desk has synced (${pull.checkInRefused}), so pruning its change log does not wait for this desk; if it is pruned past it, the desk copies central afresh. Connect with the login this desk was first used with, or tell an administrator.`;
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
    offline: stored.offline ?? false,
    horizon: stored.horizon ?? null,
    heldBack: stored.heldBack ?? null,
    pendingOperations: listOutbox(db, 'pending').length,
    openConflicts: listConflicts(db).length,
  };
}

type StoredStatus = Partial<
  Pick<SyncStatus, 'lastSyncAt' | 'lastError' | 'offline' | 'horizon' | 'heldBack'>
>;

function readStatus(db: SqliteDatabase): StoredStatus {
  return (readSyncState(db, STATUS_KEY) as StoredStatus | null) ?? {};
}

function recordStatus(db: SqliteDatabase, change: StoredStatus): void {
  writeSyncState(db, STATUS_KEY, { ...readStatus(db), ...change });
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError } from '../../shared/errors';
import type { SqliteDatabase } from '../db/open';
import { readSyncState, writeSyncState } from './sync-state';

/**
 * One sync per workspace across processes: the app and the CLI open the same replica, and two
 * syncs at once would push the same operations twice and interleave replay windows. The lock is
 * a row in the replica itself, taken in an IMMEDIATE transaction, so checking and taking it is
 * one atomic step under SQLite's own file lock (no lock-file race on stale takeover, and it
 * travels with the workspace folder). A holder refreshes its heartbeat; a lock whose process is
 * gone, or whose heartbeat stopped, is stale and taken over.
 */
export interface SyncLockHolder {
  token: string;
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
}

const LOCK_KEY = 'sync.lock';
const HEARTBEAT_MS = 5_000;
/** Several missed heartbeats: the holder is frozen or gone (a pid reused by another program). */
const STALE_AFTER_MS = 30_000;
const POLL_MS = 200;

export interface HeldSyncLock {
  holder: SyncLockHolder;
  release(): void;
}

/** Takes the lock, waiting up to `waitMs` for another holder; throws SYNC_RUNNING if it stays. */
export async function acquireSyncLock(
  db: SqliteDatabase,
  waitMs: number,
  now: () => Date = () => new Date(),
): Promise<HeldSyncLock> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const attempt = tryAcquireSyncLock(db, now());
    if (attempt.acquired) return hold(db, attempt.holder, now);
    if (Date.now() >= deadline) throw syncRunningError(attempt.holder, waitMs);
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, waitMs)));
  }
}

/** The lock if free or stale, otherwise who holds it. */
export function tryAcquireSyncLock(
  db: SqliteDatabase,
  at: Date,
): { acquired: boolean; holder: SyncLockHolder } {
  return db
    .transaction(() => {
      const held = readSyncState(db, LOCK_KEY) as SyncLockHolder | null;
      if (held && isLive(held, at)) return { acquired: false, holder: held };
      const mine: SyncLockHolder = {
        token: randomUUID(),
        pid: process.pid,
        host: hostname(),
        startedAt: at.toISOString(),
        heartbeatAt: at.toISOString(),
      };
      writeSyncState(db, LOCK_KEY, mine);
      return { acquired: true, holder: mine };
    })
    .immediate();
}

function hold(db: SqliteDatabase, holder: SyncLockHolder, now: () => Date): HeldSyncLock {
  const beat = db.prepare(
    `UPDATE sync_state SET value = json_set(value, '$.heartbeatAt', ?)
     WHERE key = ? AND value ->> '$.token' = ?`,
  );
  const timer = setInterval(() => {
    try {
      beat.run(now().toISOString(), LOCK_KEY, holder.token);
    } catch {
      // A busy or closing database misses one beat; the lock goes stale only after several.
    }
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    holder,
    release() {
      clearInterval(timer);
      try {
        db.prepare(`DELETE FROM sync_state WHERE key = ? AND value ->> '$.token' = ?`).run(
          LOCK_KEY,
          holder.token,
        );
      } catch {
        // The workspace closed under the sync (locked): the lock goes stale without heartbeats.
      }
    },
  };
}

function isLive(holder: SyncLockHolder, at: Date): boolean {
  if (at.getTime() - new Date(holder.heartbeatAt).getTime() > STALE_AFTER_MS) return false;
  // A process on another computer (a workspace on a shared drive) is judged by its heartbeat.
  return holder.host !== hostname() || processExists(holder.pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

function syncRunningError(holder: SyncLockHolder, waitedMs: number): AppError {
  const where =
    holder.host === hostname()
      ? `process ${holder.pid}`
      : `process ${holder.pid} on ${holder.host}`;
  return new AppError(
    'SYNC_RUNNING',
    `A sync of this workspace is already running in another window or process (${where}, started ${holder.startedAt}). This one waited ${Math.round(waitedMs / 1000)} s and did not start; sync again once the other has finished.`,
  );
}

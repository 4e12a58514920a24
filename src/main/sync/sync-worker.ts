/**
 * Worker-thread entry: one sync (push, then pull) on a connection of its own to the replica, so
 * the snapshot's many page writes never hold up the Electron main thread. The key arrives in
 * memory through workerData and is never written anywhere.
 */
import { workerData } from 'node:worker_threads';
import { openEncryptedDatabase } from '../db/open';
import type { CentralTimeouts } from './central-client';
import type { CentralConnection } from './connection-settings';
import { runSyncJob } from './sync-runners';
import { reportFromWorker } from '../workers/worker-job';

export interface SyncWorkerInput {
  databasePath: string;
  keyHex: string;
  connection: CentralConnection;
  password: string | null;
  pageSize?: number;
  deskId: string;
  /** How long to wait for central; the defaults when absent. */
  timeouts?: CentralTimeouts;
  /** The officer using the desk: a purge the sync makes is audited under them. */
  actor?: string;
}

reportFromWorker(async (onProgress) => {
  const input = workerData as SyncWorkerInput;
  const db = openEncryptedDatabase(input.databasePath, Buffer.from(input.keyHex, 'hex'), {
    create: false,
  });
  try {
    return await runSyncJob(input, db, onProgress);
  } finally {
    db.close();
  }
});

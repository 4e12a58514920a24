/**
 * Worker-thread entry: one sync (push, then pull) on a connection of its own to the replica, so
 * the snapshot's many page writes never hold up the Electron main thread. The key arrives in
 * memory through workerData and is never written anywhere.
 */
import { workerData } from 'node:worker_threads';
import { openEncryptedDatabase } from '../db/open';
import { createCentralClient } from './central-client';
import { toClientConfig, type CentralConnection } from './connection-settings';
import type { PullProgress } from './pull';
import { syncOnce } from './sync-service';
import { reportFromWorker } from '../workers/worker-job';

export interface SyncWorkerInput {
  databasePath: string;
  keyHex: string;
  connection: CentralConnection;
  password: string | null;
  pageSize?: number;
  deskId: string;
  /** The officer using the desk: a purge the sync makes is audited under them. */
  actor?: string;
}

type SyncResult = Awaited<ReturnType<typeof syncOnce>>;

async function run(
  input: SyncWorkerInput,
  onProgress: (progress: PullProgress) => void,
): Promise<SyncResult> {
  const db = openEncryptedDatabase(input.databasePath, Buffer.from(input.keyHex, 'hex'), {
    create: false,
  });
  const client = createCentralClient(toClientConfig(input.connection, input.password));
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await syncOnce(client, db, {
      ...(input.pageSize ? { pageSize: input.pageSize } : {}),
      deskId: input.deskId,
      ...(input.actor ? { actor: input.actor } : {}),
      onProgress,
    });
  } finally {
    await client.end().catch(() => undefined);
    db.close();
  }
}

reportFromWorker((onProgress) => run(workerData as SyncWorkerInput, onProgress));

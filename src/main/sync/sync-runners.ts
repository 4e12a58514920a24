import type { SqliteDatabase } from '../db/open';
import { closeCentralClient, createCentralClient } from './central-client';
import { toClientConfig } from './connection-settings';
import type { PullProgress } from './pull';
import { syncOnce } from './sync-service';
import type { SyncWorkerInput } from './sync-worker';
import { runInWorker } from '../workers/worker-job';

/** Runs one sync job somewhere: in this thread (CLI, tests) or in a worker thread (the app). */
export type SyncRunner = (
  job: SyncWorkerInput,
  db: SqliteDatabase,
  onProgress: (progress: PullProgress) => void,
) => Promise<void>;

type SyncResult = Awaited<ReturnType<typeof syncOnce>>;

/** One sync of `db` on a connection of its own, closed even when the network went silent. */
export async function runSyncJob(
  job: SyncWorkerInput,
  db: SqliteDatabase,
  onProgress: (progress: PullProgress) => void,
): Promise<SyncResult> {
  const client = createCentralClient(toClientConfig(job.connection, job.password, job.timeouts));
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await syncOnce(client, db, {
      ...(job.pageSize ? { pageSize: job.pageSize } : {}),
      deskId: job.deskId,
      ...(job.actor ? { actor: job.actor } : {}),
      onProgress,
    });
  } finally {
    await closeCentralClient(client);
  }
}

export const inProcessRunner: SyncRunner = async (job, db, onProgress) => {
  await runSyncJob(job, db, onProgress);
};

/** Runs each sync in a fresh worker thread built from src/main/sync/sync-worker.ts. */
export function workerRunner(workerPath: URL | string): SyncRunner {
  return async (job, _db, onProgress) => {
    await runInWorker(workerPath, job, onProgress, 'sync');
  };
}

import type { SqliteDatabase } from '../db/open';
import { createCentralClient } from './central-client';
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

export const inProcessRunner: SyncRunner = async (job, db, onProgress) => {
  const client = createCentralClient(toClientConfig(job.connection, job.password));
  client.on('error', () => undefined);
  try {
    await client.connect();
    await syncOnce(client, db, {
      ...(job.pageSize ? { pageSize: job.pageSize } : {}),
      deskId: job.deskId,
      ...(job.actor ? { actor: job.actor } : {}),
      onProgress,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Runs each sync in a fresh worker thread built from src/main/sync/sync-worker.ts. */
export function workerRunner(workerPath: URL | string): SyncRunner {
  return async (job, _db, onProgress) => {
    await runInWorker(workerPath, job, onProgress, 'sync');
  };
}

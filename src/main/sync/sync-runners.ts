import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from '../db/open';
import { createCentralClient } from './central-client';
import { toClientConfig } from './connection-settings';
import type { PullProgress } from './pull';
import { syncOnce } from './sync-service';
import type { SyncWorkerInput, SyncWorkerMessage } from './sync-worker';

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
      onProgress,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Runs each sync in a fresh worker thread built from src/main/sync/sync-worker.ts. */
export function workerRunner(workerPath: URL | string): SyncRunner {
  return (job, _db, onProgress) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerPath, { workerData: job });
      let settled = false;
      worker.on('message', (message: SyncWorkerMessage) => {
        if (message.type === 'progress') onProgress(message.progress);
        else if (message.type === 'done') {
          settled = true;
          resolve();
        } else {
          settled = true;
          reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
        }
      });
      worker.on('error', (error: unknown) => {
        settled = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      });
      worker.on('exit', (code) => {
        if (!settled)
          reject(new Error(`The sync worker stopped unexpectedly (exit code ${code}).`));
      });
    });
}

/**
 * Worker-thread entry: one sync (push, then pull) on a connection of its own to the replica, so
 * the snapshot's many page writes never hold up the Electron main thread. The key arrives in
 * memory through workerData and is never written anywhere.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openEncryptedDatabase } from '../db/open';
import { createCentralClient } from './central-client';
import { toClientConfig, type CentralConnection } from './connection-settings';
import { syncOnce } from './sync-service';

export interface SyncWorkerInput {
  databasePath: string;
  keyHex: string;
  connection: CentralConnection;
  password: string | null;
  pageSize?: number;
  deskId: string;
}

export type SyncWorkerMessage =
  | { type: 'progress'; progress: import('./pull').PullProgress }
  | { type: 'done'; result: Awaited<ReturnType<typeof syncOnce>> }
  | { type: 'failed'; error: { message: string; code?: string } };

async function run(input: SyncWorkerInput): Promise<void> {
  const db = openEncryptedDatabase(input.databasePath, Buffer.from(input.keyHex, 'hex'), {
    create: false,
  });
  const client = createCentralClient(toClientConfig(input.connection, input.password));
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await syncOnce(client, db, {
      ...(input.pageSize ? { pageSize: input.pageSize } : {}),
      deskId: input.deskId,
      onProgress: (progress) =>
        parentPort?.postMessage({ type: 'progress', progress } satisfies SyncWorkerMessage),
    });
    parentPort?.postMessage({ type: 'done', result } satisfies SyncWorkerMessage);
  } finally {
    await client.end().catch(() => undefined);
    db.close();
  }
}

run(workerData as SyncWorkerInput).catch((error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  parentPort?.postMessage({
    type: 'failed',
    error: {
      message: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    },
  } satisfies SyncWorkerMessage);
});

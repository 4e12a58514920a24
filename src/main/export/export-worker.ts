/**
 * Worker-thread entry: one export on a connection of its own to the replica, so writing tens of
 * thousands of rows in four formats never holds up the Electron main thread. The key and any
 * archive password arrive in memory through workerData and are never written anywhere.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExportProgress } from '../../shared/exports';
import type { PackageResult } from './export-job';
import { runExportJob, type ExportJob } from './export-runners';

export type ExportWorkerMessage =
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'done'; result: PackageResult }
  | { type: 'failed'; error: { message: string; code?: string } };

runExportJob(workerData as ExportJob, (progress) =>
  parentPort?.postMessage({ type: 'progress', progress } satisfies ExportWorkerMessage),
)
  .then((result) => parentPort?.postMessage({ type: 'done', result } satisfies ExportWorkerMessage))
  .catch((error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    parentPort?.postMessage({
      type: 'failed',
      error: {
        message: error instanceof Error ? error.message : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      },
    } satisfies ExportWorkerMessage);
  });

import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors';
import type { ExportProgress } from '../../shared/exports';
import { openEncryptedDatabase } from '../db/open';
import { writePackage, type PackageResult, type PackageSpec } from './export-job';
import type { ExportWorkerMessage } from './export-worker';

export interface ExportJob {
  databasePath: string;
  keyHex: string;
  spec: PackageSpec;
}

/** Runs one export somewhere: in this thread (CLI, tests) or in a worker thread (the app). */
export type ExportRunner = (
  job: ExportJob,
  onProgress: (progress: ExportProgress) => void,
) => Promise<PackageResult>;

/**
 * Both runners read through a connection of their own, so the export's read transaction (its
 * snapshot) never wraps anything else the desk does meanwhile.
 */
export async function runExportJob(
  job: ExportJob,
  onProgress: (progress: ExportProgress) => void,
): Promise<PackageResult> {
  const db = openEncryptedDatabase(job.databasePath, Buffer.from(job.keyHex, 'hex'), {
    create: false,
  });
  try {
    return await writePackage(db, job.spec, onProgress);
  } finally {
    db.close();
  }
}

export const inProcessExportRunner: ExportRunner = runExportJob;

/** Runs each export in a fresh worker thread built from src/main/export/export-worker.ts. */
export function exportWorkerRunner(workerPath: URL | string): ExportRunner {
  return (job, onProgress) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(workerPath, { workerData: job });
      let settled = false;
      worker.on('message', (message: ExportWorkerMessage) => {
        if (message.type === 'progress') onProgress(message.progress);
        else if (message.type === 'done') {
          settled = true;
          resolve(message.result);
        } else {
          settled = true;
          const code = message.error.code;
          reject(
            code && (ERROR_CODES as readonly string[]).includes(code)
              ? new AppError(code as ErrorCode, message.error.message)
              : new Error(message.error.message),
          );
        }
      });
      worker.on('error', (error: unknown) => {
        settled = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      });
      worker.on('exit', (code) => {
        if (!settled)
          reject(new Error(`The export worker stopped unexpectedly (exit code ${code}).`));
      });
    });
}

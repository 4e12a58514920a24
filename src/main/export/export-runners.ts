import type { ExportProgress } from '../../shared/exports';
import { openEncryptedDatabase } from '../db/open';
import { writePackage, type PackageResult, type PackageSpec } from './export-job';
import { runInWorker } from '../workers/worker-job';

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
  return (job, onProgress) => runInWorker(workerPath, job, onProgress, 'export');
}

import type { DedupeProgress, DedupeRunSummary } from '../../shared/dedupe';
import { openEncryptedDatabase } from '../db/open';
import { runInWorker } from '../workers/worker-job';
import { runFullDetection, runIncrementalDetection } from './detection-job';

export interface DetectionJob {
  databasePath: string;
  keyHex: string;
  kind: 'full' | 'incremental';
}

/** Runs one check somewhere: in this thread (CLI, tests) or in a worker thread (the app). */
export type DetectionRunner = (
  job: DetectionJob,
  onProgress: (progress: DedupeProgress) => void,
) => Promise<DedupeRunSummary>;

/** A connection of its own: a check's long read never holds up the desk's own connection. */
export function runDetectionJob(
  job: DetectionJob,
  onProgress: (progress: DedupeProgress) => void,
): Promise<DedupeRunSummary> {
  const db = openEncryptedDatabase(job.databasePath, Buffer.from(job.keyHex, 'hex'), {
    create: false,
  });
  try {
    const run = job.kind === 'full' ? runFullDetection : runIncrementalDetection;
    return Promise.resolve(run(db, onProgress, () => new Date()));
  } finally {
    db.close();
  }
}

export const inProcessDetectionRunner: DetectionRunner = runDetectionJob;

/** Runs each check in a fresh worker thread built from src/main/dedupe/dedupe-worker.ts. */
export function detectionWorkerRunner(workerPath: URL | string): DetectionRunner {
  return (job, onProgress) => runInWorker(workerPath, job, onProgress, 'duplicate check');
}

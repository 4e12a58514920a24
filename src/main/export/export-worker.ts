/**
 * Worker-thread entry: one export on a connection of its own to the replica, so writing tens of
 * thousands of rows in four formats never holds up the Electron main thread. The key and any
 * archive password arrive in memory through workerData and are never written anywhere.
 */
import { workerData } from 'node:worker_threads';
import { reportFromWorker } from '../workers/worker-job';
import { runExportJob, type ExportJob } from './export-runners';

reportFromWorker((onProgress) => runExportJob(workerData as ExportJob, onProgress));

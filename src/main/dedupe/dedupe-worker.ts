/**
 * Worker-thread entry: a duplicate check over the whole replica (reading a million records and
 * comparing a few million pairs) on a connection of its own, off the Electron main thread.
 */
import { workerData } from 'node:worker_threads';
import { reportFromWorker } from '../workers/worker-job';
import { runDetectionJob, type DetectionJob } from './dedupe-runners';

reportFromWorker((onProgress) => runDetectionJob(workerData as DetectionJob, onProgress));

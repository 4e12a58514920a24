import { parentPort, Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { reportWorkerCrash } from '../logs/crash-logging';

/** A failure as it crosses the thread boundary; the stack says where, for the parent's log. */
interface WireError {
  message: string;
  code?: string;
  name?: string;
  stack?: string;
}

/** What a job's worker thread posts back: progress as it goes, then its result or its failure. */
export type WorkerMessage<Progress, Result> =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Result }
  | { type: 'failed'; error: WireError }
  | { type: 'crashed'; kind: 'uncaught-exception' | 'unhandled-rejection'; error: WireError };

/** The job threads running now, so that a lock can stop them (see stopRunningJobs). */
const running = new Map<Worker, { name: string; stop: (why: AppError) => void }>();

/** How many job threads are running in this thread's care. */
export function runningJobCount(): number {
  return running.size;
}

/**
 * Stops every running job thread and waits until each has exited; each job's caller gets
 * JOB_STOPPED. A thread's replica connection is closed as the thread ends, which rolls back a
 * transaction it had open, so a job stopped midway leaves the replica as it was before that
 * batch (syncs and checks are built to resume from there). The key goes with the thread.
 */
export async function stopRunningJobs(why: string): Promise<number> {
  const jobs = [...running.entries()];
  await Promise.all(
    jobs.map(async ([worker, job]) => {
      job.stop(
        new AppError(
          'JOB_STOPPED',
          `The ${job.name} was stopped because ${why}. Nothing it had not finished was kept; start it again when the workspace is unlocked.`,
        ),
      );
      await worker.terminate();
    }),
  );
  return jobs.length;
}

/**
 * Runs a job in a fresh worker thread. A failure comes back as it would have been thrown in this
 * thread: an AppError when it carries one of the app's codes, otherwise an Error keeping its code
 * (a PostgreSQL or network code, which callers use to tell "offline" apart). A thread that
 * crashes is also written to the process's log (see crash-logging), even after its result came.
 */
export function runInWorker<Result>(
  workerPath: URL | string,
  workerData: unknown,
  // Typed by the caller (sync or export progress); the worker posts exactly that type.
  onProgress: (progress: never) => void,
  name: string,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData });
    let settled = false;
    running.set(worker, {
      name,
      stop: (why) => {
        settled = true;
        reject(why);
      },
    });
    worker.on('message', (message: WorkerMessage<never, Result>) => {
      if (message.type === 'crashed') {
        reportWorkerCrash({ worker: name, kind: message.kind, error: rebuildError(message.error) });
        return;
      }
      // A job stopped by a lock has already answered its caller.
      if (settled) return;
      if (message.type === 'progress') {
        onProgress(message.progress);
        return;
      }
      settled = true;
      if (message.type === 'done') resolve(message.result);
      else reject(rebuildError(message.error));
    });
    // Only what the worker could not catch itself arrives here (an error while loading, say).
    worker.on('error', (error: unknown) => {
      reportWorkerCrash({ worker: name, kind: 'uncaught-exception', error });
      settled = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    });
    worker.on('exit', (code) => {
      running.delete(worker);
      if (settled) return;
      reportWorkerCrash({ worker: name, kind: 'exited', exitCode: code });
      reject(new Error(`The ${name} worker stopped unexpectedly (exit code ${code}).`));
    });
  });
}

function rebuildError(error: WireError): Error {
  const { message, code } = error;
  const rebuilt =
    code !== undefined && (ERROR_CODES as readonly string[]).includes(code)
      ? new AppError(code as ErrorCode, message)
      : Object.assign(new Error(message), code === undefined ? {} : { code });
  // The worker's own stack, so a logged failure points at the code that failed.
  if (error.stack !== undefined) rebuilt.stack = error.stack;
  if (error.name !== undefined && !(rebuilt instanceof AppError)) rebuilt.name = error.name;
  return rebuilt;
}

function toWire(error: unknown): WireError {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
    ...(error instanceof Error ? { name: error.name } : {}),
    ...(error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {}),
  };
}

/**
 * The worker side: runs the job, posting progress, then the result or the failure with its code.
 * An exception or rejection nothing caught leaves the job in an unknown state: it is reported
 * (for the log), the job fails with it, and the thread ends so it writes nothing more.
 */
export function reportFromWorker(
  run: (onProgress: (progress: unknown) => void) => Promise<unknown>,
): void {
  const post = (message: WorkerMessage<unknown, unknown>) => parentPort?.postMessage(message);
  const crash = (kind: 'uncaught-exception' | 'unhandled-rejection') => (error: unknown) => {
    post({ type: 'crashed', kind, error: toWire(error) });
    post({ type: 'failed', error: toWire(error) });
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught-exception'));
  process.on('unhandledRejection', crash('unhandled-rejection'));
  run((progress) => post({ type: 'progress', progress })).then(
    (result) => post({ type: 'done', result }),
    (error: unknown) => post({ type: 'failed', error: toWire(error) }),
  );
}

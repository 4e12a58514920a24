import { parentPort, Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/errors';

/** What a job's worker thread posts back: progress as it goes, then its result or its failure. */
export type WorkerMessage<Progress, Result> =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Result }
  | { type: 'failed'; error: { message: string; code?: string } };

/**
 * Runs a job in a fresh worker thread. A failure comes back as it would have been thrown in this
 * thread: an AppError when it carries one of the app's codes, otherwise an Error keeping its code
 * (a PostgreSQL or network code, which callers use to tell "offline" apart).
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
    worker.on('message', (message: WorkerMessage<never, Result>) => {
      if (message.type === 'progress') {
        onProgress(message.progress);
        return;
      }
      settled = true;
      if (message.type === 'done') resolve(message.result);
      else reject(rebuildError(message.error));
    });
    worker.on('error', (error: unknown) => {
      settled = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    });
    worker.on('exit', (code) => {
      if (!settled)
        reject(new Error(`The ${name} worker stopped unexpectedly (exit code ${code}).`));
    });
  });
}

function rebuildError(error: { message: string; code?: string }): Error {
  const { message, code } = error;
  if (code !== undefined && (ERROR_CODES as readonly string[]).includes(code)) {
    return new AppError(code as ErrorCode, message);
  }
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

/** The worker side: runs the job, posting progress, then the result or the failure with its code. */
export function reportFromWorker(
  run: (onProgress: (progress: unknown) => void) => Promise<unknown>,
): void {
  const post = (message: WorkerMessage<unknown, unknown>) => parentPort?.postMessage(message);
  run((progress) => post({ type: 'progress', progress })).then(
    (result) => post({ type: 'done', result }),
    (error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      post({
        type: 'failed',
        error: {
          message: error instanceof Error ? error.message : String(error),
          ...(typeof code === 'string' ? { code } : {}),
        },
      });
    },
  );
}

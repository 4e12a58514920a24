import type { DeskLog } from './desk-log';

/** What a worker thread's runner reports when the thread failed outside its job's own result. */
export type WorkerCrash =
  | { worker: string; kind: 'uncaught-exception' | 'unhandled-rejection'; error: unknown }
  | { worker: string; kind: 'exited'; exitCode: number };

/**
 * Crashes belong to the process, not to a call, so the log that records them is process-wide:
 * the app and the CLI each install theirs here once, and the worker runners report to it.
 */
let workerCrashes: ((crash: WorkerCrash) => void) | null = null;

export function reportWorkerCrash(crash: WorkerCrash): void {
  try {
    workerCrashes?.(crash);
  } catch {
    // Reporting a crash must not become one.
  }
}

/**
 * Writes uncaught exceptions and unhandled rejections of this process, and crashes of its worker
 * threads, to `log`. `uncaughtExceptionMonitor` only watches, so the process still ends as Node
 * (or Electron) would. The app also keeps running after an unhandled rejection (a stray promise
 * must not close the officer's window); the CLI lets Node end the command, as it would without a
 * log. Returns a function that removes the handlers.
 */
export function installCrashLogging(
  log: DeskLog,
  options: { process: 'main' | 'cli' | 'database-owner'; keepRunningOnRejection: boolean },
): () => void {
  const source = options.process;
  const onUncaught = (error: unknown, origin: string): void => {
    const event = origin === 'unhandledRejection' ? 'unhandled-rejection' : 'uncaught-exception';
    log.incident({ event, process: source, error });
  };
  const onRejection = (reason: unknown): void => {
    const incident = log.incident({ event: 'unhandled-rejection', process: source, error: reason });
    if (incident !== null)
      console.error(`Unhandled rejection: incident ${incident} in ${log.path}`);
  };
  process.on('uncaughtExceptionMonitor', onUncaught);
  if (options.keepRunningOnRejection) process.on('unhandledRejection', onRejection);
  workerCrashes = (crash) => {
    const { worker } = crash;
    if (crash.kind === 'exited') {
      log.write({ event: 'worker-exited', process: 'worker', worker, exitCode: crash.exitCode });
    } else {
      log.incident({ event: crash.kind, process: 'worker', worker, error: crash.error });
    }
  };
  return () => {
    process.off('uncaughtExceptionMonitor', onUncaught);
    process.off('unhandledRejection', onRejection);
    workerCrashes = null;
  };
}

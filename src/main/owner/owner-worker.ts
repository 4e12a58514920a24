/**
 * The database owner: a worker thread holding the replica and every service over it. The main
 * process relays the window's calls here and sends back what comes out, so no query, job or busy
 * wait ever runs on the thread that answers the window. Jobs (sync, export, duplicate check) run
 * in threads of their own started from here, and a lock stops them before the replica closes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Result } from '../../shared/ipc/contract';
import { waitForOtherWritersUpTo } from '../db/open';
import { dispatch } from '../ipc/dispatch';
import { DeskLog } from '../logs/desk-log';
import { installCrashLogging } from '../logs/crash-logging';
import { createKeytarStore } from '../secrets/keychain';
import { createServices } from '../services';
import { workerRunner } from '../sync/sync-runners';
import { exportWorkerRunner } from '../export/export-runners';
import { detectionWorkerRunner } from '../dedupe/dedupe-runners';
import type { FromOwner, OwnerConfig, ShellRequest, ToOwner } from './owner-protocol';

const port = parentPort;
if (!port) throw new Error('The database owner runs only as a worker thread.');
const config = workerData as OwnerConfig;
const post = (message: FromOwner): void => port.postMessage(message);

const log = new DeskLog({ dataDir: config.dataDir, appVersion: config.version });
// This thread never answers a window directly, so it can wait out another writer (a job thread,
// the CLI) for as long as any batch of theirs takes, instead of failing with "busy".
waitForOtherWritersUpTo(60_000);
installCrashLogging(log, { process: 'database-owner', keepRunningOnRejection: true });

let nextShellId = 1;
const shellWaiting = new Map<
  number,
  { resolve: (v: string | null) => void; reject: (e: Error) => void }
>();
const askShell = (request: ShellRequest): Promise<string | null> =>
  new Promise((resolve, reject) => {
    const id = nextShellId++;
    shellWaiting.set(id, { resolve, reject });
    post({ type: 'shell', id, request });
  });

const services = createServices({
  dataDir: config.dataDir,
  version: config.version,
  log,
  ...(config.keychainService === undefined
    ? {}
    : { secrets: createKeytarStore(config.keychainService) }),
  onStateChange: (payload) => post({ type: 'event', event: 'workspace:state-changed', payload }),
  onSyncState: (payload) => post({ type: 'event', event: 'sync:state-changed', payload }),
  onSyncProgress: (payload) => post({ type: 'event', event: 'sync:progress', payload }),
  onExportProgress: (payload) => post({ type: 'event', event: 'exports:progress', payload }),
  onDedupeProgress: (payload) => post({ type: 'event', event: 'duplicates:progress', payload }),
  onQualityProgress: (payload) => post({ type: 'event', event: 'quality:progress', payload }),
  onDemoStep: (payload) => post({ type: 'event', event: 'demo:start-step', payload }),
  syncRunner: workerRunner(new URL(config.jobWorkers.sync)),
  exportRunner: exportWorkerRunner(new URL(config.jobWorkers.export)),
  detectionRunner: detectionWorkerRunner(new URL(config.jobWorkers.dedupe)),
  ...(config.demoSnapshotDir === undefined ? {} : { demoSnapshotDir: config.demoSnapshotDir }),
  ...(config.autoSyncIntervalMs === undefined
    ? {}
    : { autoSyncIntervalMs: config.autoSyncIntervalMs }),
  ...(config.shell.saveDialog
    ? { chooseSavePath: (suggestion) => askShell({ op: 'choose-save-path', suggestion }) }
    : {}),
  ...(config.shell.openDialog
    ? { chooseOpenPath: (suggestion) => askShell({ op: 'choose-open-path', suggestion }) }
    : {}),
  ...(config.shell.reveal
    ? {
        revealPath: (path: string) => {
          void askShell({ op: 'reveal-path', path }).catch(() => undefined);
        },
      }
    : {}),
});

const answer = async (id: number, channel: unknown, input: unknown): Promise<void> => {
  const result: Result<unknown> = await dispatch(services.handlers, channel, input, (name, error) =>
    log.internalError(name, error, 'database-owner'),
  );
  post({ type: 'answer', id, result });
};

// Locks and idle reports come from the shell only; failures there are the log's to show.
const background = (task: Promise<unknown>): void => {
  task.catch((error: unknown) => {
    log.incident({ event: 'background-failure', task: 'lock', error });
  });
};

port.on('message', (message: ToOwner) => {
  switch (message.type) {
    case 'call':
      void answer(message.id, message.channel, message.input);
      return;
    case 'shell-answer':
    case 'shell-failed': {
      const waiting = shellWaiting.get(message.id);
      shellWaiting.delete(message.id);
      if (message.type === 'shell-answer') waiting?.resolve(message.value);
      else waiting?.reject(new Error(message.message));
      return;
    }
    case 'idle':
      background(services.autoLock.idle(message.seconds));
      return;
    case 'lock':
      background(services.workspace.lock(message.reason));
      return;
    case 'stop':
      // Quitting: lock (stopping every job and recording it), then say so; main ends the thread.
      void services.workspace
        .close()
        .catch((error: unknown) =>
          log.incident({ event: 'background-failure', task: 'lock', error }),
        )
        .finally(() => post({ type: 'stopped' }));
      return;
  }
});

post({ type: 'ready' });

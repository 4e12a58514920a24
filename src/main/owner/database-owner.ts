import { Worker } from 'node:worker_threads';
import type { Result } from '../../shared/ipc/contract';
import type { LockReason } from '../../shared/types';
import type { DeskLog } from '../logs/desk-log';
import type { FromOwner, OwnerConfig, ShellRequest, ToOwner } from './owner-protocol';

export interface DatabaseOwnerOptions {
  /** The built owner entry (out/main/database-owner.js). */
  workerUrl: URL;
  config: OwnerConfig;
  /** An event for the window (workspace state, sync and job progress). */
  onEvent: (event: string, payload: unknown) => void;
  /** Answers what only the main process can do; the answer goes back to the owner. */
  onShell: (request: ShellRequest) => Promise<string | null>;
  log: DeskLog;
  /** How long quitting waits for the owner to lock cleanly before ending it anyway. */
  stopTimeoutMs?: number;
}

/** Restarts within this window that mean the owner cannot start at all: stop trying. */
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS = 3;

/**
 * The main process's side of the database owner: starts the thread, relays each call to it and
 * its answer back, and forwards its events. Calls are answered in whatever order the owner
 * finishes them; the owner orders the writes. If the owner dies, every waiting call gets a named
 * failure (never silence), the workspace is locked by the thread's end, and a new owner starts.
 */
export class DatabaseOwner {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, (result: Result<unknown>) => void>();
  private nextId = 1;
  private stopping: Promise<void> | null = null;
  private restarts: number[] = [];

  constructor(private readonly options: DatabaseOwnerOptions) {}

  start(): void {
    const worker = new Worker(this.options.workerUrl, { workerData: this.options.config });
    this.worker = worker;
    worker.on('message', (message: FromOwner) => this.received(message));
    worker.on('error', (error: unknown) => {
      this.options.log.incident({ event: 'uncaught-exception', process: 'database-owner', error });
    });
    worker.on('exit', (exitCode) => this.exited(worker, exitCode));
  }

  /** One call from the window; always resolves, with the owner's answer or a named failure. */
  call(channel: unknown, input: unknown): Promise<Result<unknown>> {
    const worker = this.worker;
    if (this.stopping) {
      return Promise.resolve(
        failure('DESK_RESTARTED', 'The app is closing; this was not done. Open it again to go on.'),
      );
    }
    if (!worker) {
      return Promise.resolve(
        failure(
          'DESK_RESTARTED',
          'The desk’s database thread stopped several times in a row and was not started again. Quit and reopen the app; the log records what happened.',
        ),
      );
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      try {
        this.send({ type: 'call', id, channel, input });
      } catch {
        // Not cloneable (the window cannot send such input; a caller in main could).
        this.waiting.delete(id);
        resolve(failure('INVALID_INPUT', 'That input cannot be passed to the desk.'));
      }
    });
  }

  /** The workstation has had no input for `seconds` (the owner locks if that is past the setting). */
  reportIdle(seconds: number): void {
    this.trySend({ type: 'idle', seconds });
  }

  lock(reason: LockReason): void {
    this.trySend({ type: 'lock', reason });
  }

  /**
   * Quitting: the owner locks (stopping jobs, recording it, closing the replica) and says so;
   * after `stopTimeoutMs` the thread is ended anyway, which closes its connections too.
   */
  stop(): Promise<void> {
    this.stopping ??= this.stopOwner();
    return this.stopping;
  }

  private async stopOwner(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => {
      const onMessage = (message: FromOwner): void => {
        if (message.type === 'stopped') resolve();
      };
      worker.on('message', onMessage);
      worker.once('exit', () => resolve());
    });
    this.trySend({ type: 'stop' });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.stopTimeoutMs ?? 10_000);
    });
    await Promise.race([stopped, timedOut]);
    clearTimeout(timer);
    this.worker = null;
    await worker.terminate();
  }

  private received(message: FromOwner): void {
    switch (message.type) {
      case 'answer': {
        const resolve = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        resolve?.(message.result);
        return;
      }
      case 'event':
        this.options.onEvent(message.event, message.payload);
        return;
      case 'shell':
        this.options.onShell(message.request).then(
          (value) => this.trySend({ type: 'shell-answer', id: message.id, value }),
          (error: unknown) =>
            this.trySend({
              type: 'shell-failed',
              id: message.id,
              message: error instanceof Error ? error.message : String(error),
            }),
        );
        return;
      case 'ready':
      case 'stopped':
        return;
    }
  }

  private exited(worker: Worker, exitCode: number): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const resolve of this.waiting.values()) {
      resolve(
        failure(
          'DESK_RESTARTED',
          'The desk’s database thread stopped unexpectedly and was restarted, so this was not done, and the workspace is locked. Unlock it and try again; the log records what happened.',
        ),
      );
    }
    this.waiting.clear();
    if (this.stopping) return;
    this.options.log.write({ event: 'worker-exited', worker: 'database owner', exitCode });
    const now = Date.now();
    this.restarts = [...this.restarts.filter((at) => now - at < RESTART_WINDOW_MS), now];
    if (this.restarts.length > MAX_RESTARTS) return;
    this.options.log.write({ event: 'owner-restarted', count: this.restarts.length });
    this.start();
    // The window learns the workspace is locked now, from the new owner itself.
    void this.call('workspace:status', {}).then((result) => {
      if (result.ok) this.options.onEvent('workspace:state-changed', result.value);
    });
  }

  private send(message: ToOwner): void {
    if (!this.worker) throw new Error('The database owner is not running.');
    this.worker.postMessage(message);
  }

  private trySend(message: ToOwner): void {
    try {
      this.send(message);
    } catch {
      // Nothing to tell a thread that is gone; its end locked the workspace already.
    }
  }
}

function failure(code: 'DESK_RESTARTED' | 'INVALID_INPUT', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

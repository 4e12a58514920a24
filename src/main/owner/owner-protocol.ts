import type { Result } from '../../shared/ipc/contract';
import type { LockReason } from '../../shared/types';

/** What the database owner thread is started with (structured-cloned into it). */
export interface OwnerConfig {
  dataDir: string;
  version: string;
  /** Background sync while unlocked. */
  autoSyncIntervalMs?: number;
  /** Built job entries beside the owner's own (file URLs): each job runs in a thread of its own. */
  jobWorkers: { sync: string; export: string; dedupe: string };
  /** The keychain service name keys are kept under; the app's own when absent (tests use theirs). */
  keychainService?: string;
  /** The prepared demo central the build ships (out/demo); absent, a demo first start builds it. */
  demoSnapshotDir?: string;
  /** Which shell services the main process offers (the app has both; a test may have neither). */
  shell: { saveDialog: boolean; openDialog: boolean; reveal: boolean };
}

/** A question only the main process can answer: it owns the windows and the file manager. */
export type ShellRequest =
  | { op: 'choose-save-path'; suggestion: { defaultName: string; extension?: string } }
  | { op: 'choose-open-path'; suggestion: { extension: string } }
  | { op: 'reveal-path'; path: string };

/** Main process -> owner. */
export type ToOwner =
  | { type: 'call'; id: number; channel: unknown; input: unknown }
  | { type: 'shell-answer'; id: number; value: string | null }
  | { type: 'shell-failed'; id: number; message: string }
  | { type: 'idle'; seconds: number }
  | { type: 'lock'; reason: LockReason }
  | { type: 'stop' };

/** Owner -> main process. */
export type FromOwner =
  | { type: 'ready' }
  | { type: 'answer'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'shell'; id: number; request: ShellRequest }
  | { type: 'stopped' };

import { randomBytes } from 'node:crypto';
import type { KeyMode } from '../../shared/types';
import type { SecretStore } from '../secrets/keychain';
import { writeFileDurably } from './durable-files';
import { METADATA_FILE, type WorkspaceMetadata } from './metadata';
import { stagingPath, type ChangeJournal, type StepHook } from './workspace-change';

/** What a key change, a backup and a restore share: where, who, when, and how hard scrypt is. */
export interface MaintenanceContext {
  dataDir: string;
  secrets: SecretStore;
  actor: string;
  now: () => Date;
  scryptCost: number;
  appVersion: string;
  /** Called at each step of a change; tests stop the process there. */
  onStep?: StepHook;
}

export interface KeyTarget {
  keyMode: KeyMode;
  passphrase?: string;
}

export interface UnlockedWorkspace {
  metadata: WorkspaceMetadata;
  key: Buffer;
}

export function tag(): string {
  return randomBytes(4).toString('hex');
}

export function accountFor(target: KeyTarget, workspaceId: string, suffix: string): string | null {
  return target.keyMode === 'keychain' ? `workspace:${workspaceId}:${suffix}` : null;
}

export function currentAccount(metadata: WorkspaceMetadata): string | null {
  return metadata.keyMode === 'keychain'
    ? (metadata.keychainAccount ?? `workspace:${metadata.id}`)
    : null;
}

export function writeStagedMetadata(
  ctx: MaintenanceContext,
  journal: ChangeJournal,
  metadata: WorkspaceMetadata,
) {
  writeFileDurably(
    stagingPath(ctx.dataDir, journal, METADATA_FILE),
    `${JSON.stringify(metadata, null, 2)}\n`,
  );
}

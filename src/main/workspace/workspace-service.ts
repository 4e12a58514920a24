import { readConnection } from '../sync/connection-settings';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type {
  BackupRecord,
  KeyMode,
  LockReason,
  WorkspaceStatus,
  WorkspaceSummary,
} from '../../shared/types';
import { AuditTrail } from '../audit/audit-trail';
import {
  continueChain,
  readChainAnchor,
  salvageAuditEntries,
  writeChainAnchor,
} from '../audit/chain-anchor';
import { openReplica, type Replica } from '../db/connection';
import { readDeskSetting, writeDeskSetting } from '../db/desk-settings';
import { SchemaTooNewError } from '../db/migrate';
import { DatabaseUnreadableError, type SqliteDatabase } from '../db/open';
import type { KeychainProbe, SecretStore } from '../secrets/keychain';
import { tryAcquireSyncLock } from '../sync/sync-lock';
import { z } from 'zod';
import { passphraseSchema } from '../../shared/ipc/text-fields';
import { keyTargetSchema } from '../../shared/ipc/workspace-schemas';
import { readMetadata, REPLICA_FILE, writeMetadata, type WorkspaceMetadata } from './metadata';
import { openExclusively } from './replica-copy';
import { recoverChange, type StepHook } from './workspace-change';
import { createWorkspaceKey, resolveWorkspaceKey } from './workspace-keys';
import { backupWorkspace, removeLeftoverSnapshots } from './workspace-backup';
import type { KeyTarget, MaintenanceContext, UnlockedWorkspace } from './workspace-maintenance';
import { rekeyWorkspace } from './workspace-rekey';
import { restoreWorkspace } from './workspace-restore';

export interface WorkspaceServiceOptions {
  dataDir: string;
  secrets: SecretStore;
  /** Who the audit trail names before a central connection is set ("local:<os user>" by default). */
  actor: string;
  /** scrypt cost for new passphrase workspaces. */
  scryptCost?: number;
  now?: () => Date;
  onStateChange?: (status: WorkspaceStatus) => void;
  /** Awaited after the replica opens and before unlock returns (e.g. start the demo central, sync). */
  onOpened?: (metadata: WorkspaceMetadata) => Promise<void>;
  /** Awaited before the replica closes: stops what runs on it; says how many jobs it stopped. */
  onClosing?: () => Promise<{ stoppedJobs: number } | undefined>;
  /**
   * What runs on this workspace in this process now (a sync, an export, a duplicate check), or
   * null; a key change, backup or restore waits for none of them and refuses instead.
   */
  busyWith?: () => string | null;
  /** Written into backups, for the officer who restores one. */
  appVersion?: string;
  /** Called at each step of a key change or restore; tests stop the process there. */
  onChangeStep?: StepHook;
}

const LAST_BACKUP_KEY = 'workspace.last-backup';
const backupRecordSchema = z
  .object({ at: z.string(), bytes: z.number(), sha256: z.string(), customers: z.number() })
  .strict();

interface OpenWorkspace {
  metadata: WorkspaceMetadata;
  replica: Replica;
  audit: AuditTrail;
  /** Held in memory while unlocked, for the sync worker's own connection; never written. */
  key: Buffer;
}

/**
 * One workspace per data folder: `workspace.json` (how to get the key) and `replica.db`
 * (SQLCipher). Every state change goes through here and into the audit trail.
 */
export class WorkspaceService {
  private open: OpenWorkspace | null = null;
  private locking: Promise<void> | null = null;
  private lockedBecause: LockReason | null = null;
  /** Set while a key change or restore runs here; the workspace it replaces, if it was open. */
  private changing: { from: WorkspaceMetadata | null } | null = null;
  private keychain: Promise<KeychainProbe> | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The central login of this desk's connection once one is set (the name central's own audit
   * log gives the same person); before that, the fallback the desk was started with.
   */
  get actor(): string {
    const user = this.open ? readConnection(this.open.replica.raw)?.user : undefined;
    return user ?? this.options.actor;
  }

  get replicaPath(): string {
    return join(this.options.dataDir, REPLICA_FILE);
  }

  get isOpen(): boolean {
    return this.open !== null;
  }

  /** The open workspace, for services that need the database; refuses while locked. */
  requireOpen(): OpenWorkspace {
    if (!this.open && this.changing?.from) {
      throw new AppError(
        'WORKSPACE_BUSY',
        'The workspace key is being changed or a backup restored. Wait until it has finished, then try again.',
      );
    }
    if (!this.open) {
      throw new AppError('WORKSPACE_LOCKED', 'The workspace is locked. Unlock it first.');
    }
    return this.open;
  }

  async status(): Promise<WorkspaceStatus> {
    await this.recover();
    this.keychain ??= this.options.secrets.probe();
    const probe = await this.keychain;
    // Mid-change the files are being replaced: the workspace is reported as it was until then.
    const metadata =
      this.open?.metadata ?? this.changing?.from ?? readMetadata(this.options.dataDir);
    return {
      state: this.open || this.changing?.from ? 'unlocked' : metadata ? 'locked' : 'none',
      workspace: metadata ? this.summary(metadata) : null,
      lockedBecause: this.open ? null : this.lockedBecause,
      keychainAvailable: probe.available,
      keychainProblem: probe.available ? null : probe.problem,
    };
  }

  async create(input: {
    name: string;
    keyMode: KeyMode;
    passphrase?: string;
    demo?: boolean;
  }): Promise<WorkspaceStatus> {
    const { dataDir } = this.options;
    await this.recover();
    if (readMetadata(dataDir)) {
      throw new AppError('WORKSPACE_EXISTS', `A workspace already exists in ${dataDir}.`);
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    // A replica without a description is what a crash during an earlier creation leaves: keep it aside.
    if (existsSync(this.replicaPath)) this.moveReplicaAside('orphan');

    const id = randomUUID();
    const { key, material } = await createWorkspaceKey(
      this.options.secrets,
      id,
      input.keyMode,
      input.passphrase,
      this.options.scryptCost ?? 2 ** 17,
    );
    let replica: Replica;
    try {
      replica = await openReplica(this.replicaPath, key, { create: true });
    } catch (error) {
      // Leave no key behind for a workspace that was never made.
      if (material.keychainAccount) {
        await this.options.secrets.delete(material.keychainAccount).catch(() => false);
      }
      throw error;
    }
    const metadata: WorkspaceMetadata = {
      format: 1,
      id,
      name: input.name,
      createdAt: this.now().toISOString(),
      ...material,
      demo: input.demo ?? false,
    };
    // Written last: its presence is what makes the folder a workspace.
    writeMetadata(dataDir, metadata);
    this.open = { metadata, replica, key, audit: new AuditTrail(replica, this.now) };
    await this.open.audit.append({
      actor: this.actor,
      action: 'workspace.created',
      details: { name: input.name, keyMode: input.keyMode, schemaVersion: replica.schemaVersion },
    });
    await this.options.onOpened?.(metadata);
    return this.changed();
  }

  async unlock(input: { passphrase?: string }): Promise<WorkspaceStatus> {
    if (this.open) return this.status();
    const recovered = await this.recover();
    const metadata = this.requireMetadata();
    const key = await resolveWorkspaceKey(this.options.secrets, metadata, input.passphrase);
    const replica = await this.openExisting(key);
    this.open = { metadata, replica, key, audit: new AuditTrail(replica, this.now) };
    await this.open.audit.append({
      actor: this.actor,
      action: 'workspace.unlocked',
      // A key change or restore a crash interrupted was completed or undone before this unlock.
      details: {
        keyMode: metadata.keyMode,
        ...(recovered ? { interruptedChange: recovered } : {}),
      },
    });
    await this.options.onOpened?.(metadata);
    return this.changed();
  }

  /**
   * Stops every job running on the replica, records the lock and why, closes the replica and
   * wipes the key from memory. Two locks at once (idle and the officer, say) are one lock.
   */
  async lock(reason: LockReason = 'officer'): Promise<WorkspaceStatus> {
    this.locking ??= this.closeOpen(reason).finally(() => {
      this.locking = null;
    });
    await this.locking;
    return this.changed();
  }

  private async closeOpen(reason: LockReason): Promise<void> {
    if (!this.open) return;
    const stopped = await this.options.onClosing?.();
    const { replica, audit, key } = this.open;
    await audit.append({
      actor: this.actor,
      action: 'workspace.locked',
      details: { reason, stoppedJobs: stopped?.stoppedJobs ?? 0 },
    });
    writeChainAnchor(this.options.dataDir, replica.raw);
    this.open = null;
    await replica.close();
    // The threads that had a copy have ended; this is the last one the desk holds.
    key.fill(0);
    this.lockedBecause = reason;
  }

  /**
   * The recovery path for a damaged replica: the file is moved aside (never deleted) and a fresh
   * replica is created with the same key; the next sync fills it again from the central database.
   */
  async resetReplica(input: { passphrase?: string }): Promise<WorkspaceStatus> {
    if (this.open) {
      throw new AppError('INVALID_INPUT', 'Lock the workspace before replacing its replica.');
    }
    await this.recover();
    const metadata = this.requireMetadata();
    const key = await resolveWorkspaceKey(this.options.secrets, metadata, input.passphrase);
    await this.assertDamaged(key);
    const movedTo = this.moveReplicaAside('damaged');
    const salvaged = salvageAuditEntries(movedTo, key);
    const replica = await openReplica(this.replicaPath, key, { create: true });
    // The desk's audit chain goes on where it stood: central already holds its earlier entries.
    const { continuesFrom } = continueChain(
      replica.raw,
      salvaged,
      readChainAnchor(this.options.dataDir),
    );
    this.open = { metadata, replica, key, audit: new AuditTrail(replica, this.now) };
    await this.open.audit.append({
      actor: this.actor,
      action: 'workspace.replica-reset',
      details: { movedTo, salvagedEntries: salvaged.length, continuesFrom },
    });
    await this.options.onOpened?.(metadata);
    return this.changed();
  }

  /**
   * Changes how the key is protected, always with a new key: keychain to passphrase and back, a
   * new passphrase, or a new random key in the keychain. The workspace stays unlocked.
   */
  async changeKey(target: KeyTarget): Promise<WorkspaceStatus> {
    checkTarget(target);
    await this.duringChange(async () => {
      const current = await this.closeForChange();
      let next: UnlockedWorkspace = current;
      try {
        const source = openExclusively(this.replicaPath, current.key);
        next = await rekeyWorkspace(this.maintenance(), current, source, target);
      } finally {
        await this.reopen(next);
      }
    });
    return this.changed();
  }

  /** One change at a time; meanwhile status reports the workspace as it was, and nothing recovers. */
  private async duringChange<T>(work: () => Promise<T>): Promise<T> {
    if (this.changing) {
      throw new AppError(
        'WORKSPACE_BUSY',
        'A key change or restore of this workspace is already running. Wait until it has finished.',
      );
    }
    this.changing = { from: this.open?.metadata ?? null };
    try {
      return await work();
    } finally {
      this.changing = null;
    }
  }

  /** Writes an encrypted backup of the open workspace, protected by its own passphrase. */
  async backup(destination: {
    path: string;
    passphrase: string;
    overwrite: boolean;
  }): Promise<BackupRecord & { path: string }> {
    checkPassphrase(destination.passphrase);
    const open = this.requireOpen();
    this.assertIdle();
    const result = await backupWorkspace(
      this.maintenance(),
      open.replica.raw,
      open,
      open.replica.schemaVersion,
      destination,
    );
    const record: BackupRecord = {
      at: result.createdAt,
      bytes: result.bytes,
      sha256: result.sha256,
      customers: result.counts.customers ?? 0,
    };
    const db = open.replica.raw;
    db.transaction(() => {
      writeDeskSetting(db, LAST_BACKUP_KEY, record);
      // Not the path or the file's name: like an export's, it may name a person.
      open.audit.record({
        actor: this.actor,
        action: 'workspace.backed-up',
        details: { bytes: result.bytes, sha256: result.sha256, counts: result.counts },
      });
    })();
    return { ...record, path: result.path };
  }

  /** When this workspace was last backed up (on this replica), or null. */
  lastBackup(): BackupRecord | null {
    return readDeskSetting(
      this.requireOpen().replica.raw,
      LAST_BACKUP_KEY,
      backupRecordSchema.nullable(),
      () => null,
    );
  }

  /**
   * Replaces the workspace in this folder (if any) with a backup, protected as chosen now. The
   * replaced workspace is moved whole into a folder of its own, named in the result.
   */
  async restore(input: {
    path: string;
    passphrase: string;
    target: KeyTarget;
  }): Promise<{ status: WorkspaceStatus; movedAsideTo: string | null }> {
    checkTarget(input.target);
    await this.recover();
    const restored = await this.duringChange(() => this.restoreNow(input));
    return { status: await this.changed(), movedAsideTo: restored.movedAsideTo };
  }

  private async restoreNow(input: {
    path: string;
    passphrase: string;
    target: KeyTarget;
  }): Promise<{ movedAsideTo: string | null }> {
    const replacing = readMetadata(this.options.dataDir);
    let current: (UnlockedWorkspace & { db: SqliteDatabase }) | null = null;
    const wasOpen = this.open;
    if (wasOpen) {
      const closed = await this.closeForChange();
      try {
        current = { ...closed, db: openExclusively(this.replicaPath, closed.key) };
      } catch (error) {
        await this.reopen(closed);
        throw error;
      }
    } else if (replacing?.keyMode === 'keychain') {
      current = await this.tryOpenForRestore(replacing);
    }
    let restored;
    try {
      restored = await restoreWorkspace(this.maintenance(), input, replacing?.id ?? null, current);
    } catch (error) {
      if (wasOpen && current) await this.reopen(current);
      throw error;
    }
    await this.reopen(restored);
    return { movedAsideTo: restored.movedAsideTo };
  }

  /**
   * The replaced workspace, opened so it is held still during the restore and its later audit
   * entries carried over; when it does not open (lost key, damage), the restore goes on without.
   */
  private async tryOpenForRestore(
    metadata: WorkspaceMetadata,
  ): Promise<(UnlockedWorkspace & { db: SqliteDatabase }) | null> {
    let key: Buffer;
    try {
      key = await resolveWorkspaceKey(this.options.secrets, metadata, undefined);
    } catch {
      return null;
    }
    try {
      return { metadata, key, db: openExclusively(this.replicaPath, key) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'WORKSPACE_BUSY') throw error;
      return null;
    }
  }

  private maintenance(): MaintenanceContext {
    return {
      dataDir: this.options.dataDir,
      secrets: this.options.secrets,
      actor: this.actor,
      now: this.now,
      scryptCost: this.options.scryptCost ?? 2 ** 17,
      appVersion: this.options.appVersion ?? '0.0.0',
      ...(this.options.onChangeStep ? { onStep: this.options.onChangeStep } : {}),
    };
  }

  private assertIdle(): void {
    const busy = this.options.busyWith?.() ?? null;
    if (busy) {
      throw new AppError(
        'WORKSPACE_BUSY',
        `${busy} is running on this workspace. Wait until it has finished, then try again.`,
      );
    }
  }

  /**
   * Closes the open replica for a change that replaces it, once nothing runs on it here and no
   * sync holds it elsewhere; the caller reopens it (with the old key or the new).
   */
  private async closeForChange(): Promise<UnlockedWorkspace> {
    const open = this.requireOpen();
    this.assertIdle();
    // The sync lock is taken and given back at once: what matters is that no sync elsewhere
    // holds it; from here on the exclusive lock on the file keeps every other process out.
    const lock = tryAcquireSyncLock(open.replica.raw, this.now());
    if (!lock.acquired) {
      throw new AppError(
        'WORKSPACE_BUSY',
        `A sync of this workspace is running in another window or process (process ${lock.holder.pid}, started ${lock.holder.startedAt}). Wait until it has finished, then try again.`,
      );
    }
    open.replica.raw
      .prepare(`DELETE FROM sync_state WHERE key = 'sync.lock' AND value ->> '$.token' = ?`)
      .run(lock.holder.token);
    await this.options.onClosing?.();
    writeChainAnchor(this.options.dataDir, open.replica.raw);
    this.open = null;
    await open.replica.close();
    return { metadata: open.metadata, key: open.key };
  }

  private async reopen({ metadata, key }: UnlockedWorkspace): Promise<void> {
    const replica = await this.openExisting(key);
    this.open = { metadata, replica, key, audit: new AuditTrail(replica, this.now) };
    await this.options.onOpened?.(metadata);
  }

  /** Completes or undoes a key change or restore a crash interrupted; nothing while unlocked. */
  private async recover() {
    if (this.open || this.changing) return null;
    removeLeftoverSnapshots(this.options.dataDir);
    return recoverChange(this.options.dataDir, this.options.secrets);
  }

  async close(): Promise<void> {
    if (this.open) await this.lock('quit');
  }

  private async openExisting(key: Buffer): Promise<Replica> {
    try {
      return await openReplica(this.replicaPath, key, { create: false });
    } catch (error) {
      if (error instanceof SchemaTooNewError) {
        throw new AppError('SCHEMA_TOO_NEW', error.message, { cause: error });
      }
      if (error instanceof DatabaseUnreadableError || isSqliteCorruption(error)) {
        throw new AppError(
          'DATABASE_CORRUPT',
          `${error instanceof Error ? error.message : String(error)}. The key is right, so the file itself is damaged. Move it aside and start a fresh replica: the damaged file is kept, and the data comes back from the central database at the next sync.`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  /** Only a replica that does not open is replaced: a healthy one is never thrown away. */
  private async assertDamaged(key: Buffer): Promise<void> {
    let replica: Replica;
    try {
      replica = await this.openExisting(key);
    } catch (error) {
      if (error instanceof AppError && error.code === 'DATABASE_CORRUPT') return;
      throw error;
    }
    await replica.close();
    throw new AppError(
      'INVALID_INPUT',
      'The replica opens normally, so it is not damaged and is not replaced. Unlock the workspace instead.',
    );
  }

  /** Records where the audit chain stands, outside the replica (see chain-anchor). */
  anchorAuditChain(): void {
    if (this.open) writeChainAnchor(this.options.dataDir, this.open.replica.raw);
  }

  private requireMetadata(): WorkspaceMetadata {
    const metadata = readMetadata(this.options.dataDir);
    if (!metadata) {
      throw new AppError(
        'NO_WORKSPACE',
        `There is no workspace in ${this.options.dataDir}. Create one first.`,
      );
    }
    return metadata;
  }

  private moveReplicaAside(reason: string): string {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const target = join(this.options.dataDir, `replica.${reason}-${stamp}.db`);
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(this.replicaPath + suffix))
        renameSync(this.replicaPath + suffix, target + suffix);
    }
    return target;
  }

  private summary(metadata: WorkspaceMetadata): WorkspaceSummary {
    return {
      id: metadata.id,
      name: metadata.name,
      keyMode: metadata.keyMode,
      createdAt: metadata.createdAt,
      databasePath: this.replicaPath,
      schemaVersion: this.open?.replica.schemaVersion ?? null,
      demo: metadata.demo,
    };
  }

  private async changed(): Promise<WorkspaceStatus> {
    const status = await this.status();
    this.options.onStateChange?.(status);
    return status;
  }
}

/** The same limits as the IPC schemas, for callers that do not pass through them (the CLI). */
function checkTarget(target: KeyTarget): void {
  const parsed = keyTargetSchema.safeParse(target);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Invalid protection.');
  }
}

function checkPassphrase(passphrase: string): void {
  const parsed = passphraseSchema.safeParse(passphrase);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Invalid passphrase.');
  }
}

export function isSqliteCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

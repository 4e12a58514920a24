import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { KeyMode, LockReason, WorkspaceStatus, WorkspaceSummary } from '../../shared/types';
import { AuditTrail } from '../audit/audit-trail';
import {
  continueChain,
  readChainAnchor,
  salvageAuditEntries,
  writeChainAnchor,
} from '../audit/chain-anchor';
import { openReplica, type Replica } from '../db/connection';
import { SchemaTooNewError } from '../db/migrate';
import { DatabaseUnreadableError } from '../db/open';
import type { KeychainProbe, SecretStore } from '../secrets/keychain';
import { readMetadata, REPLICA_FILE, writeMetadata, type WorkspaceMetadata } from './metadata';
import { createWorkspaceKey, resolveWorkspaceKey } from './workspace-keys';

export interface WorkspaceServiceOptions {
  dataDir: string;
  secrets: SecretStore;
  /** Who the audit trail names for actions taken on this desk. */
  actor: string;
  /** scrypt cost for new passphrase workspaces. */
  scryptCost?: number;
  now?: () => Date;
  onStateChange?: (status: WorkspaceStatus) => void;
  /** Awaited after the replica opens and before unlock returns (e.g. start the demo central, sync). */
  onOpened?: (metadata: WorkspaceMetadata) => Promise<void>;
  /** Awaited before the replica closes: stops what runs on it; says how many jobs it stopped. */
  onClosing?: () => Promise<{ stoppedJobs: number } | undefined>;
}

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
  private keychain: Promise<KeychainProbe> | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get actor(): string {
    return this.options.actor;
  }

  get replicaPath(): string {
    return join(this.options.dataDir, REPLICA_FILE);
  }

  get isOpen(): boolean {
    return this.open !== null;
  }

  /** The open workspace, for services that need the database; refuses while locked. */
  requireOpen(): OpenWorkspace {
    if (!this.open) {
      throw new AppError('WORKSPACE_LOCKED', 'The workspace is locked. Unlock it first.');
    }
    return this.open;
  }

  async status(): Promise<WorkspaceStatus> {
    this.keychain ??= this.options.secrets.probe();
    const probe = await this.keychain;
    const metadata = this.open?.metadata ?? readMetadata(this.options.dataDir);
    return {
      state: this.open ? 'unlocked' : metadata ? 'locked' : 'none',
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
    const metadata = this.requireMetadata();
    const key = await resolveWorkspaceKey(this.options.secrets, metadata, input.passphrase);
    const replica = await this.openExisting(key);
    this.open = { metadata, replica, key, audit: new AuditTrail(replica, this.now) };
    await this.open.audit.append({
      actor: this.actor,
      action: 'workspace.unlocked',
      details: { keyMode: metadata.keyMode },
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

export function isSqliteCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

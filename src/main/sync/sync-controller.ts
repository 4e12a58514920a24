import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type { ConflictView, SyncOverview, SyncProgress } from '../../shared/types';
import type { SecretStore } from '../secrets/keychain';
import type { WorkspaceService } from '../workspace/workspace-service';
import { compareWithCentral, type CentralComparison } from '../audit/central-comparison';
import {
  closeCentralClient,
  createCentralClient,
  DEFAULT_TIMEOUTS,
  type CentralTimeouts,
} from './central-client';
import { listConflicts, resolveConflict } from './conflicts';
import {
  credentialScope,
  forgetPassword,
  hasSavedPassword,
  parseCentralUrl,
  readConnection,
  readPassword,
  saveConnection,
  savePassword,
  toClientConfig,
  type CentralConnection,
} from './connection-settings';
import { describeOffline, isOffline, offlineKind } from './failure-kind';
import { acquireSyncLock } from './sync-lock';
import { inProcessRunner, type SyncRunner } from './sync-runners';
import { recordSyncFailure, syncStatus } from './sync-service';

export { isOffline };

/** How long a sync waits for one running in another window or process before it gives up. */
export const DEFAULT_LOCK_WAIT_MS = 10_000;

/**
 * The desk's side of sync as the app and the CLI see it: where central is, run a sync, report
 * state and progress, and resolve conflicts. One sync runs at a time, in this process and
 * across processes (see sync-lock).
 */
export class SyncController {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private progress: SyncProgress | null = null;

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly secrets: SecretStore,
    private readonly events: {
      onState?: (overview: SyncOverview) => void;
      onProgress?: (progress: SyncProgress) => void;
      /** After each sync that reached central, so what depends on the replica can follow. */
      onSynced?: () => void;
    } = {},
    private readonly options: {
      runner: SyncRunner;
      /** Rows per snapshot page and changes per replay batch; each page is one local commit. */
      pageSize?: number;
      /** How long to wait for central before a sync counts as offline. */
      timeouts?: CentralTimeouts;
      /** How long to wait for a sync running elsewhere on this workspace. */
      lockWaitMs?: number;
    } = { runner: inProcessRunner },
  ) {}

  /** Whether a sync started here is running now. */
  get isRunning(): boolean {
    return this.running !== null;
  }

  private get timeouts(): CentralTimeouts {
    return this.options.timeouts ?? DEFAULT_TIMEOUTS;
  }

  overview(): SyncOverview {
    const { replica } = this.workspace.requireOpen();
    const connection = readConnection(replica.raw);
    const status = syncStatus(replica.raw);
    return {
      state: !connection
        ? 'not-configured'
        : this.running
          ? 'syncing'
          : status.offline
            ? 'offline'
            : status.lastError
              ? 'error'
              : 'idle',
      connection,
      lastSyncAt: status.lastSyncAt,
      lastError: status.lastError,
      pendingOperations: status.pendingOperations,
      openConflicts: status.openConflicts,
      progress: this.running ? this.progress : null,
      heldBack: status.heldBack,
    };
  }

  async connect(input: { url: string; password?: string }): Promise<SyncOverview> {
    let parsed;
    try {
      parsed = parseCentralUrl(input.url);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('INVALID_INPUT', error instanceof Error ? error.message : String(error));
    }
    const target = this.passwordTarget();
    // A saved password goes only to the server and login it was given for; any change of host,
    // port, database or user needs it typed again.
    const saved = await readPassword(target, parsed.connection);
    const password = input.password ?? parsed.password ?? saved;
    if (password === null && (await hasSavedPassword(target))) {
      throw new AppError(
        'CENTRAL_PASSWORD_REQUIRED',
        `The connection changed (now ${describeConnection(parsed.connection)}), so the saved password is not sent there. Enter the password for this server and user.`,
      );
    }
    await this.withClient(parsed.connection, password, async (client) => {
      const schema = await client.query<{ present: boolean }>(
        `SELECT to_regclass('reflect.change_log') IS NOT NULL AS present`,
      );
      if (!schema.rows[0]?.present) {
        throw new AppError(
          'CENTRAL_NOT_INSTALLED',
          'The central database has no Reflect schema yet. An administrator installs it with: reflect central install --url ...',
        );
      }
    });
    const { replica } = this.workspace.requireOpen();
    const previous = readConnection(replica.raw);
    if (previous && credentialScope(previous) !== credentialScope(parsed.connection)) {
      await forgetPassword(target);
    }
    saveConnection(replica.raw, parsed.connection);
    if (password !== null) await savePassword(target, parsed.connection, password);
    return this.changed();
  }

  /**
   * This desk's audit chain against the hashes central holds for it; null when no central
   * database is set up. Throws OFFLINE (or another AppError) when central cannot answer.
   */
  async compareAudit(): Promise<CentralComparison | null> {
    const { replica, metadata } = this.workspace.requireOpen();
    const connection = readConnection(replica.raw);
    if (!connection) return null;
    const password = await readPassword(this.passwordTarget(), connection);
    return this.withClient(connection, password, (client) =>
      compareWithCentral(client, replica.raw, metadata.id),
    );
  }

  /**
   * Runs `work` on a connection of its own to central with this desk's login, for what central
   * must answer at once (an erasure preview, a right carried out). Failures come back explained:
   * OFFLINE, a refused login, a TLS mismatch.
   */
  async withCentral<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const { replica } = this.workspace.requireOpen();
    const connection = readConnection(replica.raw);
    if (!connection) {
      throw new AppError(
        'NOT_CONFIGURED',
        'No central database is set up yet. Add it in Settings: this needs central to answer.',
      );
    }
    const password = await readPassword(this.passwordTarget(), connection);
    return this.withClient(connection, password, work);
  }

  /** Runs one push-and-pull; a second call while one runs waits for it rather than starting another. */
  async run(): Promise<SyncOverview> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null;
      this.progress = null;
    });
    await this.running;
    return this.changed();
  }

  /**
   * Syncs now and then every `intervalMs` while the workspace is open. Failures are shown as the
   * sync state, never thrown at the officer; offline just waits for the next round.
   */
  startAutoSync(intervalMs: number): void {
    this.stopAutoSync();
    const round = (): void => {
      if (!readConnection(this.workspace.requireOpen().replica.raw)) return;
      this.run().catch(() => {
        // A lock stops the sync and closes the replica: then there is no state left to show.
        if (this.workspace.isOpen) this.changed();
      });
    };
    round();
    this.timer = setInterval(round, intervalMs);
    this.timer.unref();
  }

  stopAutoSync(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  conflicts(): ConflictView[] {
    return listConflicts(this.workspace.requireOpen().replica.raw).map((c) => ({
      conflictId: c.conflictId,
      kind: c.kind,
      table: c.table,
      pk: c.pk,
      local: c.local,
      central: c.central,
      raisedAt: c.raisedAt,
      canReapply: typeof c.central === 'object' && c.central !== null && !('reason' in c.central),
    }));
  }

  async resolve(input: {
    conflictId: number;
    resolution: 'reapply' | 'discard';
  }): Promise<SyncOverview> {
    const { replica, audit } = this.workspace.requireOpen();
    try {
      resolveConflict(replica.raw, input.conflictId, input.resolution, new Date());
    } catch (error) {
      throw new AppError('INVALID_INPUT', error instanceof Error ? error.message : String(error));
    }
    await audit.append({
      actor: this.workspace.actor,
      action: 'sync.conflict-resolved',
      details: { conflictId: input.conflictId, resolution: input.resolution },
    });
    return this.changed();
  }

  private async runOnce(): Promise<void> {
    const { replica, key, metadata } = this.workspace.requireOpen();
    const connection = readConnection(replica.raw);
    if (!connection) {
      throw new AppError(
        'NOT_CONFIGURED',
        'No central database is set up yet. Add it in Settings.',
      );
    }
    const job = {
      databasePath: this.workspace.replicaPath,
      keyHex: key.toString('hex'),
      connection,
      password: await readPassword(this.passwordTarget(), connection),
      deskId: metadata.id,
      timeouts: this.timeouts,
      actor: this.workspace.actor,
      ...(this.options.pageSize ? { pageSize: this.options.pageSize } : {}),
    };
    const lock = await acquireSyncLock(
      replica.raw,
      this.options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    );
    this.changed();
    try {
      await this.options.runner(job, replica.raw, (progress) => {
        this.progress = progress;
        this.events.onProgress?.(progress);
      });
      this.workspace.anchorAuditChain();
      this.events.onSynced?.();
    } catch (error) {
      const explained = this.explain(error, connection);
      // A lock stopped it: nothing failed, and the replica is closing under it.
      if (explained instanceof AppError && explained.code === 'JOB_STOPPED') throw explained;
      const offline = explained instanceof AppError && explained.code === 'OFFLINE';
      if (explained instanceof Error) recordSyncFailure(replica.raw, explained.message, offline);
      // Offline is a state, not a failure: the desk keeps working and changes wait in the outbox.
      if (offline) return;
      throw explained;
    } finally {
      lock.release();
    }
  }

  private async withClient<T>(
    connection: CentralConnection,
    password: string | null,
    run: (client: pg.Client) => Promise<T>,
  ): Promise<T> {
    const client = createCentralClient(toClientConfig(connection, password, this.timeouts));
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      throw this.explain(error, connection);
    }
    try {
      return await run(client);
    } catch (error) {
      throw this.explain(error, connection);
    } finally {
      await closeCentralClient(client);
    }
  }

  private explain(error: unknown, connection: CentralConnection): unknown {
    if (error instanceof AppError) return error;
    const kind = offlineKind(error);
    if (kind) {
      const waits = `${this.timeouts.connectMs / 1000} s to connect${this.timeouts.statementMs === null ? '' : ` and ${this.timeouts.statementMs / 1000} s for each request`}`;
      return new AppError(
        'OFFLINE',
        `The central database at ${connection.host}:${connection.port} ${describeOffline(kind, waits)}. Work goes on offline: changes wait in the outbox and go out at the next sync.`,
        { cause: error },
      );
    }
    const tls = tlsProblem(error, connection);
    if (tls) return new AppError('CENTRAL_TLS_MISMATCH', tls, { cause: error });
    const code = (error as { code?: unknown } | null)?.code;
    if (code === '28P01' || code === '28000' || isPasswordMissing(error)) {
      return new AppError(
        'CENTRAL_AUTH_FAILED',
        `The central database refused the login of "${connection.user}": ${(error as Error).message}. Check the user and enter the password again.`,
        { cause: error },
      );
    }
    return error;
  }

  private passwordTarget() {
    const { replica, metadata } = this.workspace.requireOpen();
    return {
      db: replica.raw,
      secrets: metadata.keyMode === 'keychain' ? this.secrets : null,
      workspaceId: metadata.id,
    };
  }

  private changed(): SyncOverview {
    const overview = this.overview();
    this.events.onState?.(overview);
    return overview;
  }
}

function describeConnection(c: CentralConnection): string {
  return `${c.user}@${c.host}:${c.port}/${c.database}`;
}

/** pg's own words when the server asked for a password and none was given. */
function isPasswordMissing(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /client password must be a string|password authentication failed/i.test(message);
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * The TLS settings of desk and server do not fit together: say which way, and what to change,
 * instead of letting it surface as an unexplained failure.
 */
export function tlsProblem(error: unknown, connection: CentralConnection): string | null {
  const message = error instanceof Error ? error.message : '';
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${connection.host}:${connection.port}`;
  if (/does not support SSL/i.test(message)) {
    return `The central database at ${where} does not offer TLS, but this desk requires it (${connection.sslMode}). Ask the administrator to enable TLS on the server; turning it off is allowed only for a database on this computer.`;
  }
  if (/no pg_hba\.conf entry .*(no encryption|SSL off)/i.test(message)) {
    return `The central database at ${where} accepts only encrypted connections. Choose "verify-full" (or "require") as TLS mode.`;
  }
  if (typeof code === 'string' && CERTIFICATE_CODES.has(code)) {
    return `The certificate of the central database at ${where} could not be verified (${code}). Install the issuing CA in the system's trust store or ask the administrator for a certificate valid for ${connection.host}; "require" skips this check and is not recommended.`;
  }
  return null;
}

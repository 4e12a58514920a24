import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { KeyMode } from '../../shared/types';
import { appendAuditEntry } from '../audit/audit-trail';
import { continueChain, readChainAnchor } from '../audit/chain-anchor';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { openEncryptedDatabase, type SqliteDatabase } from '../db/open';
import type { SecretStore } from '../secrets/keychain';
import { deriveKeyFromPassphrase, newScryptParams } from '../secrets/passphrase';
import { looksLikeBackup, openBackupFile, writeBackupFile, type BackupHeader } from './backup-file';
import { fsyncFile, fsyncFolder, writeFileDurably } from './durable-files';
import { METADATA_FILE, REPLICA_FILE, type WorkspaceMetadata } from './metadata';
import {
  assertIntact,
  auditHead,
  changeCopyKey,
  countRows,
  openCopy,
  snapshotInto,
} from './replica-copy';
import {
  abandonChange,
  beginChange,
  finishChange,
  markPrepared,
  recordPasswordMove,
  stagingPath,
  type ChangeJournal,
  type StepHook,
} from './workspace-change';
import { newWorkspaceKey } from './workspace-keys';
import { PASSWORD_KEY } from '../sync/connection-settings';
import { deleteSyncState, readSyncState, writeSyncState } from '../sync/sync-state';

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

const SYNC_LOCK_KEY = 'sync.lock';

function tag(): string {
  return randomBytes(4).toString('hex');
}

function accountFor(target: KeyTarget, workspaceId: string, suffix: string): string | null {
  return target.keyMode === 'keychain' ? `workspace:${workspaceId}:${suffix}` : null;
}

function currentAccount(metadata: WorkspaceMetadata): string | null {
  return metadata.keyMode === 'keychain'
    ? (metadata.keychainAccount ?? `workspace:${metadata.id}`)
    : null;
}

function writeStagedMetadata(
  ctx: MaintenanceContext,
  journal: ChangeJournal,
  metadata: WorkspaceMetadata,
) {
  writeFileDurably(
    stagingPath(ctx.dataDir, journal, METADATA_FILE),
    `${JSON.stringify(metadata, null, 2)}\n`,
  );
}

/**
 * Gives the workspace a new key (and possibly another protection), keeping every row. `source`
 * is the replica opened exclusively with the current key; it is closed here. The re-encrypted
 * copy is written beside it, with its audit entry already in it, so the entry exists exactly
 * when the change does.
 */
export async function rekeyWorkspace(
  ctx: MaintenanceContext,
  current: UnlockedWorkspace,
  source: SqliteDatabase,
  target: KeyTarget,
): Promise<UnlockedWorkspace> {
  const hook = ctx.onStep ?? (() => undefined);
  const suffix = tag();
  const { metadata } = current;
  let journal: ChangeJournal | null = null;
  let next: UnlockedWorkspace;
  try {
    journal = beginChange(ctx.dataDir, {
      kind: 'rekey',
      staging: `.rekey-${suffix}`,
      aside: `.rekey-${suffix}-old`,
      keepAside: false,
      newAccount: accountFor(target, metadata.id, suffix),
      oldAccount: currentAccount(metadata),
    });
    hook('journal-written');
    const { key, material } = await newWorkspaceKey(
      ctx.secrets,
      journal.newAccount ?? '',
      target.keyMode,
      target.passphrase,
      ctx.scryptCost,
    );
    hook('key-stored');
    const staged = stagingPath(ctx.dataDir, journal, REPLICA_FILE);
    const before = countRows(source);
    journal = await movePasswordOut(ctx, journal, metadata, target, source);
    snapshotInto(source, staged);
    changeCopyKey(staged, current.key, key, true);
    const copy = openEncryptedDatabase(staged, key, { create: false });
    try {
      assertSameRows(before, countRows(copy));
      await movePasswordIn(ctx, journal, copy);
      // Never the key or the passphrase: what changed, and that the key is a new one.
      appendAuditEntry(
        copy,
        {
          actor: ctx.actor,
          action: 'workspace.rekeyed',
          details: { from: metadata.keyMode, to: target.keyMode, newKey: true },
        },
        ctx.now(),
      );
      copy.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      copy.close();
    }
    hook('copy-written');
    next = { metadata: { ...metadata, ...material }, key };
    writeStagedMetadata(ctx, journal, next.metadata);
    journal = markPrepared(ctx.dataDir, journal);
    hook('prepared');
  } catch (error) {
    source.close();
    if (journal?.stage === 'preparing') await abandonChange(ctx.dataDir, journal, ctx.secrets);
    throw error;
  }
  source.close();
  await finishChange(ctx.dataDir, journal, ctx.secrets, hook);
  return next;
}

/**
 * The central password follows the protection: a keychain workspace keeps it in the keychain,
 * a passphrase one in the (encrypted) replica. Going to the keychain, it is written there now,
 * under the entry the journal names, so an undone change removes it again.
 */
async function movePasswordOut(
  ctx: MaintenanceContext,
  journal: ChangeJournal,
  metadata: WorkspaceMetadata,
  target: KeyTarget,
  source: SqliteDatabase,
): Promise<ChangeJournal> {
  if (metadata.keyMode === target.keyMode) return journal;
  const account = `central:${metadata.id}`;
  if (target.keyMode === 'keychain') {
    const saved = readSyncState(source, PASSWORD_KEY);
    if (typeof saved !== 'string') return journal;
    const next = recordPasswordMove(ctx.dataDir, journal, { account, movedTo: 'keychain' });
    await ctx.secrets.set(account, saved);
    return next;
  }
  return recordPasswordMove(ctx.dataDir, journal, { account, movedTo: 'replica' });
}

/** The copy's side of the move: the password written into it, or taken out of it. */
async function movePasswordIn(
  ctx: MaintenanceContext,
  journal: ChangeJournal,
  copy: SqliteDatabase,
): Promise<void> {
  const move = journal.centralPassword;
  if (!move) return;
  if (move.movedTo === 'keychain') {
    deleteSyncState(copy, PASSWORD_KEY);
    return;
  }
  const saved = await ctx.secrets.get(move.account).catch(() => null);
  if (saved !== null) writeSyncState(copy, PASSWORD_KEY, saved);
}

function assertSameRows(before: Record<string, number>, after: Record<string, number>): void {
  for (const [table, rows] of Object.entries(before)) {
    if (after[table] !== rows) {
      throw new Error(`The copy holds ${after[table]} rows of ${table}, the replica ${rows}.`);
    }
  }
}

export interface BackupResult {
  path: string;
  createdAt: string;
  bytes: number;
  sha256: string;
  counts: Record<string, number>;
}

/**
 * Refuses a destination before anything is written: a full path in an existing folder, outside
 * the workspace folder (a backup there is lost with it), not a folder, and an existing file only
 * when the officer agreed to replace it and it is itself a Reflect backup.
 */
export function checkBackupDestination(path: string, dataDir: string, overwrite: boolean): void {
  if (!isAbsolute(path) || path.includes('\0')) {
    throw new AppError('INVALID_INPUT', `Give a full path for the backup file, not "${path}".`);
  }
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new AppError('INVALID_INPUT', `The folder ${folder} does not exist.`);
  }
  const inside = (child: string, parent: string) => {
    const rel = relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const realFolder = realpathSync(folder);
  const realData = existsSync(dataDir) ? realpathSync(dataDir) : resolve(dataDir);
  if (inside(realFolder, realData)) {
    throw new AppError(
      'INVALID_INPUT',
      'Choose a place outside the workspace folder for the backup: a backup there would be lost with the workspace.',
    );
  }
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    throw new AppError('INVALID_INPUT', `${path} is a folder; choose a file name.`);
  }
  if (!overwrite) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} exists; choose another name or agree to replace it.`,
    );
  }
  if (!looksLikeBackup(path)) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} is not a Reflect backup, so it is not replaced. Choose another name.`,
    );
  }
}

/**
 * Writes an encrypted backup of the open replica: a consistent snapshot taken in one read
 * transaction (work on the desk goes on meanwhile), re-encrypted with a key derived from the
 * backup passphrase, written to a temporary file beside the destination and renamed into place.
 */
export async function backupWorkspace(
  ctx: MaintenanceContext,
  live: SqliteDatabase,
  current: UnlockedWorkspace,
  schemaVersion: number,
  destination: { path: string; passphrase: string; overwrite: boolean },
): Promise<BackupResult> {
  checkBackupDestination(destination.path, ctx.dataDir, destination.overwrite);
  const suffix = tag();
  // Named by process, so another window cleaning up leftovers never takes a snapshot in use.
  const snapshot = join(ctx.dataDir, `.backup-${process.pid}-${suffix}.db`);
  const part = join(dirname(destination.path), `.${basename(destination.path)}.${suffix}.part`);
  try {
    snapshotInto(live, snapshot);
    const kdf = newScryptParams(ctx.scryptCost);
    const key = await deriveKeyFromPassphrase(destination.passphrase, kdf);
    const copy = openCopy(snapshot, current.key);
    let counts: Record<string, number>;
    let head: { seq: number; hash: string } | null;
    try {
      // A sync running elsewhere holds this; in the restored replica it would only be stale.
      copy.prepare('DELETE FROM sync_state WHERE key = ?').run(SYNC_LOCK_KEY);
      counts = countRows(copy);
      head = auditHead(copy);
    } finally {
      copy.close();
    }
    changeCopyKey(snapshot, current.key, key, false);
    const createdAt = ctx.now().toISOString();
    closeSync(openSync(part, 'wx', 0o600));
    const header = writeBackupFile(
      part,
      snapshot,
      {
        workspace: {
          id: current.metadata.id,
          name: current.metadata.name,
          createdAt: current.metadata.createdAt,
          demo: current.metadata.demo,
        },
        createdAt,
        appVersion: ctx.appVersion,
        schemaVersion,
        counts,
        auditHead: head,
      },
      key,
      kdf,
    );
    fsyncFile(part);
    renameSync(part, destination.path);
    fsyncFolder(dirname(destination.path));
    return {
      path: destination.path,
      createdAt,
      bytes: statSync(destination.path).size,
      sha256: header.database.sha256,
      counts,
    };
  } finally {
    rmSync(snapshot, { force: true });
    rmSync(part, { force: true });
  }
}

/** Snapshots a crashed backup left in the workspace folder (encrypted, but of no use). */
export function removeLeftoverSnapshots(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  for (const name of readdirSync(dataDir)) {
    const match = /^\.backup-(\d+)-[0-9a-f]{8}\.db(-journal)?$/.exec(name);
    if (match && !processRuns(Number(match[1]))) rmSync(join(dataDir, name), { force: true });
  }
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

export interface RestoreResult extends UnlockedWorkspace {
  header: BackupHeader;
  /** Where the workspace it replaced went (kept whole); null when there was none. */
  movedAsideTo: string | null;
}

/**
 * Replaces the workspace with a backup. Everything is checked before anything is touched: the
 * format, the passphrase, the header, the database's checksum, SQLite's own check of every page
 * and the row counts. The current workspace is then moved whole into a folder of its own (never
 * deleted), and the restored replica opens with the protection chosen now. `current` is the
 * workspace being replaced, opened exclusively, when its key was at hand; it is closed here.
 */
export async function restoreWorkspace(
  ctx: MaintenanceContext,
  input: { path: string; passphrase: string; target: KeyTarget },
  /** The id of the workspace in the folder now, if any. */
  replacingId: string | null,
  current: (UnlockedWorkspace & { db: SqliteDatabase }) | null,
): Promise<RestoreResult> {
  const hook = ctx.onStep ?? (() => undefined);
  let journal: ChangeJournal | null = null;
  let result: Omit<RestoreResult, 'movedAsideTo'>;
  try {
    if (!isAbsolute(input.path) || !existsSync(input.path) || !statSync(input.path).isFile()) {
      throw new AppError('NOT_FOUND', `There is no backup file at ${input.path}.`);
    }
    const backup = await openBackupFile(input.path, input.passphrase);
    const { header } = backup;
    if (header.schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'SCHEMA_TOO_NEW',
        `The backup was written by a newer version of the app (${header.appVersion}). Update the app to restore it.`,
      );
    }
    const suffix = tag();
    const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
    mkdirSync(ctx.dataDir, { recursive: true, mode: 0o700 });
    journal = beginChange(ctx.dataDir, {
      kind: 'restore',
      staging: `.restore-${suffix}`,
      aside: `before-restore-${stamp}`,
      keepAside: true,
      newAccount: accountFor(input.target, header.workspace.id, suffix),
      oldAccount: null,
    });
    hook('journal-written');
    const staged = stagingPath(ctx.dataDir, journal, REPLICA_FILE);
    closeSync(openSync(staged, 'wx', 0o600));
    backup.extractTo(staged);
    checkRestoredCopy(staged, backup.key, header, basename(input.path));
    const { key, material } = await newWorkspaceKey(
      ctx.secrets,
      journal.newAccount ?? '',
      input.target.keyMode,
      input.target.passphrase,
      ctx.scryptCost,
    );
    hook('key-stored');
    changeCopyKey(staged, backup.key, key, true);
    const copy = openEncryptedDatabase(staged, key, { create: false });
    try {
      // A keychain workspace reads the central password from the keychain: one kept in the
      // backup (of a passphrase workspace) would only linger; it is asked again at the next sync.
      if (input.target.keyMode === 'keychain') deleteSyncState(copy, PASSWORD_KEY);
      const carried = continueAuditChain(ctx.dataDir, copy, header, replacingId, current);
      appendAuditEntry(
        copy,
        {
          actor: ctx.actor,
          action: 'workspace.restored',
          details: {
            backupCreatedAt: header.createdAt,
            backupSha256: header.database.sha256,
            counts: header.counts,
            keyMode: input.target.keyMode,
            replacedWorkspace: replacingId,
            setAsideAs: journal.aside,
            ...carried,
          },
        },
        ctx.now(),
      );
      copy.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      copy.close();
    }
    hook('copy-written');
    const metadata: WorkspaceMetadata = {
      format: 1,
      id: header.workspace.id,
      name: header.workspace.name,
      createdAt: header.workspace.createdAt,
      ...material,
      demo: header.workspace.demo,
    };
    writeStagedMetadata(ctx, journal, metadata);
    journal = markPrepared(ctx.dataDir, journal);
    hook('prepared');
    result = { metadata, key, header };
  } catch (error) {
    current?.db.close();
    if (journal?.stage === 'preparing') await abandonChange(ctx.dataDir, journal, ctx.secrets);
    throw error;
  }
  current?.db.close();
  await finishChange(ctx.dataDir, journal, ctx.secrets, hook);
  const aside = join(ctx.dataDir, journal.aside);
  return { ...result, movedAsideTo: existsSync(aside) ? aside : null };
}

function checkRestoredCopy(path: string, key: Buffer, header: BackupHeader, name: string): void {
  let db: SqliteDatabase;
  try {
    db = openCopy(path, key);
  } catch (error) {
    throw new AppError(
      'BACKUP_DAMAGED',
      `The database in the backup file ${name} cannot be read. Nothing was changed; use another copy of the backup.`,
      { cause: error },
    );
  }
  try {
    try {
      assertIntact(db, `The database in the backup file ${name}`);
    } catch (error) {
      throw new AppError(
        'BACKUP_DAMAGED',
        `${error instanceof Error ? error.message : String(error)} Nothing was changed; use another copy of the backup.`,
        { cause: error },
      );
    }
    const counts = countRows(db);
    for (const [table, rows] of Object.entries(header.counts)) {
      if (counts[table] !== rows) {
        throw new AppError(
          'BACKUP_DAMAGED',
          `The backup file ${name} should hold ${rows} rows of ${table} but holds ${counts[table] ?? 0}. Nothing was changed; use another copy of the backup.`,
        );
      }
    }
  } finally {
    db.close();
  }
}

/**
 * A restored replica carries the audit chain as it stood at the backup. The desk's chain went on
 * since (and central holds those entries), so the restored one continues it rather than writing
 * other entries under the same numbers: the later entries are copied from the workspace being
 * replaced when it is readable and its chain is the backup's continued; otherwise, when the
 * anchor beside it is ahead, the chain starts again after the anchor (as after a damaged replica).
 */
function continueAuditChain(
  dataDir: string,
  copy: SqliteDatabase,
  header: BackupHeader,
  replacingId: string | null,
  current: (UnlockedWorkspace & { db: SqliteDatabase }) | null,
): { carriedAuditEntries: number; auditContinuesFrom: number | null } {
  const restoredHead = header.auditHead;
  const sameWorkspace = replacingId === header.workspace.id;
  if (current && sameWorkspace) {
    const at = restoredHead
      ? (current.db
          .prepare('SELECT hash FROM audit_log WHERE seq = ?')
          .pluck()
          .get(restoredHead.seq) as string | undefined)
      : null;
    if (restoredHead === null || at === restoredHead.hash) {
      const later = current.db
        .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq')
        .all(restoredHead?.seq ?? 0) as Record<string, unknown>[];
      copy.transaction(() => {
        const insert = copy.prepare(
          `INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash, pushed_at)
           VALUES (@seq, @at, @actor, @action, @subject, @details, @prev_hash, @hash, @pushed_at)`,
        );
        for (const row of later) insert.run(row);
        const last = later.at(-1);
        if (last) {
          copy
            .prepare(
              `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
               ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
            )
            .run(last.seq, last.hash);
        }
      })();
      return { carriedAuditEntries: later.length, auditContinuesFrom: null };
    }
  }
  const anchor = sameWorkspace ? readChainAnchor(dataDir) : null;
  if (anchor && anchor.seq > (restoredHead?.seq ?? 0)) {
    const { continuesFrom } = continueChain(copy, [], anchor);
    return { carriedAuditEntries: 0, auditContinuesFrom: continuesFrom };
  }
  return { carriedAuditEntries: 0, auditContinuesFrom: null };
}

import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { appendAuditEntry } from '../audit/audit-trail';
import { continueChain, readChainAnchor } from '../audit/chain-anchor';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { openEncryptedDatabase, type SqliteDatabase } from '../db/open';
import { PASSWORD_KEY } from '../sync/connection-settings';
import { deleteSyncState } from '../sync/sync-state';
import { openBackupFile, type BackupHeader } from './backup-file';
import { REPLICA_FILE, type WorkspaceMetadata } from './metadata';
import { assertIntact, changeCopyKey, countRows, openCopy } from './replica-copy';
import {
  abandonChange,
  beginChange,
  finishChange,
  markPrepared,
  stagingPath,
  type ChangeJournal,
} from './workspace-change';
import { newWorkspaceKey } from './workspace-keys';
import {
  accountFor,
  tag,
  writeStagedMetadata,
  type KeyTarget,
  type MaintenanceContext,
  type UnlockedWorkspace,
} from './workspace-maintenance';

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

import { appendAuditEntry } from '../audit/audit-trail';
import { openEncryptedDatabase, type SqliteDatabase } from '../db/open';
import { PASSWORD_KEY } from '../sync/connection-settings';
import { deleteSyncState, readSyncState, writeSyncState } from '../sync/sync-state';
import { REPLICA_FILE, type WorkspaceMetadata } from './metadata';
import { changeCopyKey, countRows, snapshotInto } from './replica-copy';
import {
  abandonChange,
  beginChange,
  finishChange,
  markPrepared,
  recordPasswordMove,
  stagingPath,
  type ChangeJournal,
} from './workspace-change';
import { newWorkspaceKey } from './workspace-keys';
import {
  accountFor,
  currentAccount,
  tag,
  writeStagedMetadata,
  type KeyTarget,
  type MaintenanceContext,
  type UnlockedWorkspace,
} from './workspace-maintenance';

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

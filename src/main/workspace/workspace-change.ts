import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../secrets/keychain';
import { fsyncFile, fsyncFolder, writeFileDurably } from './durable-files';
import { METADATA_FILE, REPLICA_FILE } from './metadata';

/**
 * A change that replaces the workspace's files as a whole (a new key, a restored backup), made
 * crash-safe by a journal beside them. The new replica and its description are prepared in a
 * staging folder while the current ones stay in place; only once they are complete and flushed
 * does the journal say "prepared", and from then on the change is finished by whoever opens the
 * workspace next. Before that point it is rolled back. A kill at any moment therefore leaves
 * the workspace as it was (old key) or as it was meant to become (new key), never in between.
 */
export const CHANGE_FILE = 'workspace-change.json';

const journalSchema = z
  .object({
    kind: z.enum(['rekey', 'restore']),
    stage: z.enum(['preparing', 'prepared', 'placed']),
    /** Folder names inside the data folder. */
    staging: z.string().regex(/^[\w.-]+$/),
    aside: z.string().regex(/^[\w.-]+$/),
    /** Whether the files set aside stay (a restore keeps the workspace it replaced). */
    keepAside: z.boolean(),
    /** A keychain entry written for the new key: removed if the change is rolled back. */
    newAccount: z.string().nullable(),
    /** The old key's keychain entry: removed only once the change is complete. */
    oldAccount: z.string().nullable(),
    /**
     * The central password moving with the protection (it is kept in the keychain for a keychain
     * workspace, in the replica for a passphrase one): the keychain entry written for it is
     * removed if the change is undone, the one it leaves is removed once the change is complete.
     */
    centralPassword: z
      .object({ account: z.string(), movedTo: z.enum(['keychain', 'replica']) })
      .strict()
      .nullable()
      .default(null),
    /** Who is making the change: while that process lives, no other one touches it. */
    owner: z.object({ pid: z.number().int(), host: z.string(), startedAt: z.string() }).strict(),
  })
  .strict();
export type ChangeJournal = z.infer<typeof journalSchema>;

/** What a change moves aside and replaces; a restore also sets aside the old chain's anchor. */
const REPLICA_FILES = [REPLICA_FILE, `${REPLICA_FILE}-wal`, `${REPLICA_FILE}-shm`];
const ANCHOR_FILE = 'audit-anchor.json';

/** Steps where a test may stop the process; nothing in the app stops there. */
export type ChangeStep =
  | 'journal-written'
  | 'key-stored'
  | 'copy-written'
  | 'prepared'
  | 'moved-aside'
  | 'replica-placed'
  | 'placed'
  | 'cleaned';
export type StepHook = (step: ChangeStep) => void;

export function readJournal(dataDir: string): ChangeJournal | null {
  const path = join(dataDir, CHANGE_FILE);
  if (!existsSync(path)) return null;
  try {
    return journalSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new AppError(
      'DATABASE_CORRUPT',
      `The record of an unfinished key change or restore (${path}) is damaged. The workspace files are as they were before it; move that file away and unlock again.`,
      { cause: error },
    );
  }
}

function writeJournal(dataDir: string, journal: ChangeJournal): void {
  writeFileDurably(join(dataDir, CHANGE_FILE), `${JSON.stringify(journal, null, 2)}\n`);
}

/** Starts a change: the journal first, then an empty staging folder for the new files. */
export function beginChange(
  dataDir: string,
  journal: Omit<ChangeJournal, 'stage' | 'owner' | 'centralPassword'>,
): ChangeJournal {
  if (readJournal(dataDir)) {
    throw new AppError(
      'WORKSPACE_BUSY',
      'Another key change or restore of this workspace has not finished. Lock and unlock the workspace to complete it first.',
    );
  }
  const started: ChangeJournal = {
    centralPassword: null,
    ...journal,
    stage: 'preparing',
    owner: { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() },
  };
  writeJournal(dataDir, started);
  const staging = join(dataDir, journal.staging);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  return started;
}

export function stagingPath(dataDir: string, journal: ChangeJournal, file: string): string {
  return join(dataDir, journal.staging, file);
}

/** The point of no return: the staged replica and description are complete and on disk. */
export function markPrepared(dataDir: string, journal: ChangeJournal): ChangeJournal {
  for (const file of [REPLICA_FILE, METADATA_FILE]) {
    const path = stagingPath(dataDir, journal, file);
    if (!existsSync(path)) throw new Error(`The staged ${file} is missing.`);
    fsyncFile(path);
  }
  fsyncFolder(join(dataDir, journal.staging));
  const prepared: ChangeJournal = { ...journal, stage: 'prepared' };
  writeJournal(dataDir, prepared);
  return prepared;
}

/**
 * Puts the staged files in place: every current file aside first, then the replica, then its
 * description. Each step can be repeated after a crash: what already moved is not there to move.
 */
export async function finishChange(
  dataDir: string,
  journal: ChangeJournal,
  secrets: SecretStore,
  hook: StepHook = () => undefined,
): Promise<void> {
  if (journal.stage === 'prepared') {
    const staged = (file: string) => stagingPath(dataDir, journal, file);
    const aside = join(dataDir, journal.aside);
    if (existsSync(staged(REPLICA_FILE))) {
      mkdirSync(aside, { recursive: true, mode: 0o700 });
      const current = [
        ...REPLICA_FILES,
        METADATA_FILE,
        ...(journal.kind === 'restore' ? [ANCHOR_FILE] : []),
      ];
      for (const file of current) {
        if (existsSync(join(dataDir, file))) renameSync(join(dataDir, file), join(aside, file));
      }
      fsyncFolder(aside);
      hook('moved-aside');
      renameSync(staged(REPLICA_FILE), join(dataDir, REPLICA_FILE));
      hook('replica-placed');
    }
    if (existsSync(staged(METADATA_FILE))) {
      renameSync(staged(METADATA_FILE), join(dataDir, METADATA_FILE));
    }
    fsyncFolder(dataDir);
    journal = { ...journal, stage: 'placed' };
    writeJournal(dataDir, journal);
    hook('placed');
  }
  if (journal.stage !== 'placed') throw new Error('Only a prepared change can be finished.');
  if (journal.oldAccount && journal.oldAccount !== journal.newAccount) {
    // Never fatal: an entry left behind opens nothing any more (the replica has a new key).
    await secrets.delete(journal.oldAccount).catch(() => false);
  }
  if (journal.centralPassword?.movedTo === 'replica') {
    await secrets.delete(journal.centralPassword.account).catch(() => false);
  }
  const aside = join(dataDir, journal.aside);
  // A restore into an empty folder had nothing to set aside.
  if (!journal.keepAside || (existsSync(aside) && readdirSync(aside).length === 0)) {
    rmSync(aside, { recursive: true, force: true });
  }
  rmSync(join(dataDir, journal.staging), { recursive: true, force: true });
  rmSync(join(dataDir, CHANGE_FILE), { force: true });
  fsyncFolder(dataDir);
  hook('cleaned');
}

/** Undoes a change that was not prepared: the current files were never touched. */
export async function abandonChange(
  dataDir: string,
  journal: ChangeJournal,
  secrets: SecretStore,
): Promise<void> {
  if (journal.stage !== 'preparing') throw new Error('A prepared change is finished, not undone.');
  if (journal.newAccount && journal.newAccount !== journal.oldAccount) {
    await secrets.delete(journal.newAccount).catch(() => false);
  }
  if (journal.centralPassword?.movedTo === 'keychain') {
    await secrets.delete(journal.centralPassword.account).catch(() => false);
  }
  rmSync(join(dataDir, journal.staging), { recursive: true, force: true });
  rmSync(join(dataDir, CHANGE_FILE), { force: true });
  fsyncFolder(dataDir);
}

/**
 * Run before the workspace is read: completes or undoes a change a crash interrupted. Returns
 * what happened, for the audit trail of the next unlock.
 */
export async function recoverChange(
  dataDir: string,
  secrets: SecretStore,
): Promise<{ kind: ChangeJournal['kind']; outcome: 'finished' | 'rolled-back' } | null> {
  const journal = readJournal(dataDir);
  if (!journal || ownerIsRunning(journal)) return null;
  if (journal.stage === 'preparing') {
    await abandonChange(dataDir, journal, secrets);
    return { kind: journal.kind, outcome: 'rolled-back' };
  }
  await finishChange(dataDir, journal, secrets);
  return { kind: journal.kind, outcome: 'finished' };
}

/** A day: no change takes that long, so an owner on another computer is long gone by then. */
const FOREIGN_OWNER_STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the process that started the change is still at it (another window or a command):
 * then it finishes or undoes the change itself, and the workspace is read as it stands. This
 * process's own interrupted change cannot be running: it would not be asking.
 */
function ownerIsRunning(journal: ChangeJournal): boolean {
  const { pid, host, startedAt } = journal.owner;
  if (host !== hostname()) {
    return Date.now() - new Date(startedAt).getTime() < FOREIGN_OWNER_STALE_MS;
  }
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Records, before it is written anywhere, where the central password is moving. */
export function recordPasswordMove(
  dataDir: string,
  journal: ChangeJournal,
  centralPassword: NonNullable<ChangeJournal['centralPassword']>,
): ChangeJournal {
  const next: ChangeJournal = { ...journal, centralPassword };
  writeJournal(dataDir, next);
  return next;
}

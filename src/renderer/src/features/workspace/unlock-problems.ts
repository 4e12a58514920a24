import type { ErrorCode } from '../../../../shared/errors';

export interface UnlockProblem {
  title: string;
  /** What happened and what to do next, in the officer's terms; main's own message follows it. */
  advice: string;
  /** The replica file is unreadable but the key is right: offer to set it aside for a fresh one. */
  canReset?: boolean;
  /** The passphrase typed was the problem: put the cursor back in the field. */
  retypePassphrase?: boolean;
}

const UNLOCK_PROBLEMS: Partial<Record<ErrorCode, UnlockProblem>> = {
  WRONG_PASSPHRASE: {
    title: 'Wrong passphrase',
    advice:
      'That passphrase does not open this workspace. Check Caps Lock and the keyboard layout, then try again.',
    retypePassphrase: true,
  },
  PASSPHRASE_REQUIRED: {
    title: 'Passphrase needed',
    advice: 'Type the passphrase of this workspace, then unlock.',
    retypePassphrase: true,
  },
  WRONG_KEY: {
    title: 'The keychain holds a different key',
    advice:
      'The OS keychain has an entry for this workspace, but it is not the key that encrypts it; the entry may have been overwritten. Restore the entry from a backup of your keychain, then unlock again.',
  },
  KEY_MISSING: {
    title: 'The key is missing from the keychain',
    advice:
      'The OS keychain no longer holds the key of this workspace. Restore the keychain entry, for example from a backup of your keychain, then unlock again. Without that key the replica cannot be opened.',
  },
  KEYCHAIN_UNAVAILABLE: {
    title: 'The keychain is not available',
    advice: 'The OS keychain did not answer. Unlock or start your keychain, then try again.',
  },
  DATABASE_CORRUPT: {
    title: 'The replica is damaged',
    advice:
      'The encrypted replica on this computer cannot be read. You can move the damaged replica aside and start a fresh one: the damaged file is kept, never deleted, and the data comes back by syncing from the central database.',
    canReset: true,
  },
  SCHEMA_TOO_NEW: {
    title: 'Made by a newer version of the app',
    advice:
      'This replica was last opened by a newer version of Reflect Privacy Desk. Update the app, then unlock again. Nothing has been changed.',
  },
};

const UNEXPECTED: UnlockProblem = {
  title: 'The workspace did not open',
  advice: 'Try again. If it keeps failing, the details below say what went wrong.',
};

export function unlockProblem(code: ErrorCode | undefined): UnlockProblem {
  return (code && UNLOCK_PROBLEMS[code]) ?? UNEXPECTED;
}

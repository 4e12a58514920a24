import type { ErrorCode } from '../../../../shared/errors';

/** What each unlock failure means to the officer, and whether the replica can be replaced. */
export const UNLOCK_PROBLEMS: Partial<Record<ErrorCode, { title: string; canReset?: boolean }>> = {
  WRONG_PASSPHRASE: { title: 'Wrong passphrase' },
  PASSPHRASE_REQUIRED: { title: 'Passphrase needed' },
  WRONG_KEY: { title: 'The keychain holds a different key' },
  KEY_MISSING: { title: 'The key is missing from the keychain' },
  KEYCHAIN_UNAVAILABLE: { title: 'The keychain is not available' },
  DATABASE_CORRUPT: { title: 'The replica is damaged', canReset: true },
  SCHEMA_TOO_NEW: { title: 'Made by a newer version of the app' },
};

import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { KeyMode } from '../../shared/types';
import { computeKeyCheck, keyMatchesCheck } from '../secrets/key-check';
import { KeychainUnavailableError, type SecretStore } from '../secrets/keychain';
import { deriveKeyFromPassphrase, newScryptParams } from '../secrets/passphrase';
import type { WorkspaceMetadata } from './metadata';

export type KeyMaterial = Pick<
  WorkspaceMetadata,
  'keyMode' | 'keychainAccount' | 'kdf' | 'keyCheck'
>;

/** Makes the key of a new workspace and stores it (keychain) or describes how to derive it (passphrase). */
export function createWorkspaceKey(
  secrets: SecretStore,
  workspaceId: string,
  keyMode: KeyMode,
  passphrase: string | undefined,
  scryptCost: number,
): Promise<{ key: Buffer; material: KeyMaterial }> {
  return newWorkspaceKey(secrets, `workspace:${workspaceId}`, keyMode, passphrase, scryptCost);
}

/**
 * A fresh key for a workspace: random and stored under `keychainAccount`, or derived from the
 * passphrase with a new salt. A changed key gets an entry of its own, so the old entry stays
 * valid until the change is complete.
 */
export async function newWorkspaceKey(
  secrets: SecretStore,
  keychainAccount: string,
  keyMode: KeyMode,
  passphrase: string | undefined,
  scryptCost: number,
): Promise<{ key: Buffer; material: KeyMaterial }> {
  if (keyMode === 'passphrase') {
    if (passphrase === undefined) {
      throw new AppError('PASSPHRASE_REQUIRED', 'Passphrase mode needs a passphrase.');
    }
    const kdf = newScryptParams(scryptCost);
    const key = await deriveKeyFromPassphrase(passphrase, kdf);
    return {
      key,
      material: { keyMode, keychainAccount: null, kdf, keyCheck: computeKeyCheck(key) },
    };
  }
  const key = randomBytes(32);
  try {
    await secrets.set(keychainAccount, key.toString('hex'));
  } catch (error) {
    throw keychainUnavailable(error);
  }
  return { key, material: { keyMode, keychainAccount, kdf: null, keyCheck: computeKeyCheck(key) } };
}

/** Finds or derives the key of an existing workspace and proves it is the right one. */
export async function resolveWorkspaceKey(
  secrets: SecretStore,
  metadata: WorkspaceMetadata,
  passphrase: string | undefined,
): Promise<Buffer> {
  if (metadata.keyMode === 'passphrase') {
    if (!metadata.kdf) {
      throw new AppError('DATABASE_CORRUPT', 'The workspace description lacks its key parameters.');
    }
    if (passphrase === undefined) {
      throw new AppError('PASSPHRASE_REQUIRED', 'Enter the passphrase of this workspace.');
    }
    const key = await deriveKeyFromPassphrase(passphrase, metadata.kdf);
    if (!keyMatchesCheck(key, metadata.keyCheck)) {
      throw new AppError(
        'WRONG_PASSPHRASE',
        'That passphrase does not open this workspace. Check the keyboard layout and Caps Lock, and try again.',
      );
    }
    return key;
  }

  const account = metadata.keychainAccount ?? `workspace:${metadata.id}`;
  let stored: string | null;
  try {
    stored = await secrets.get(account);
  } catch (error) {
    throw keychainUnavailable(error);
  }
  if (stored === null) {
    throw new AppError(
      'KEY_MISSING',
      `The OS keychain holds no key for this workspace (entry "${account}"). Restore that keychain entry from a backup of your keychain; the replica cannot be opened without it. If it is lost, start a new workspace and sync it again from the central database.`,
    );
  }
  const key = /^[0-9a-f]{64}$/.test(stored) ? Buffer.from(stored, 'hex') : null;
  if (!key || !keyMatchesCheck(key, metadata.keyCheck)) {
    throw new AppError(
      'WRONG_KEY',
      `The key in the OS keychain (entry "${account}") is not the key of this workspace. It may have been overwritten; restore the entry from a backup of your keychain.`,
    );
  }
  return key;
}

function keychainUnavailable(error: unknown): AppError {
  const problem = error instanceof KeychainUnavailableError ? error.message : String(error);
  return new AppError(
    'KEYCHAIN_UNAVAILABLE',
    `${problem}. Choose passphrase protection instead, or unlock the OS keychain and try again.`,
    { cause: error },
  );
}

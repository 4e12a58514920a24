import { z } from 'zod';
import { passphraseSchema } from './text-fields';

/**
 * The protection a workspace gets (a key change, or a restored backup): the keychain, or a new
 * passphrase. Every change makes a new key, so "keychain" on a keychain workspace means a new
 * random key.
 */
export const keyTargetSchema = z
  .object({
    keyMode: z.enum(['keychain', 'passphrase']),
    passphrase: passphraseSchema.optional(),
  })
  .strict()
  .refine((v) => v.keyMode === 'keychain' || v.passphrase !== undefined, {
    message: 'Passphrase protection needs a passphrase.',
    path: ['passphrase'],
  })
  .refine((v) => v.keyMode === 'passphrase' || v.passphrase === undefined, {
    message: 'The keychain protection takes no passphrase.',
    path: ['passphrase'],
  });

/** Minutes without input before the workspace locks itself (1 to 480), or null for never. */
export const autoLockSettingsSchema = z
  .object({ minutes: z.number().int().min(1).max(480).nullable() })
  .strict();

/** The backup passphrase; the file goes where the officer picks in the save dialog. */
export const backupInput = z.object({ passphrase: passphraseSchema }).strict();

/**
 * The file is picked in the open dialog. The backup's passphrase is the one typed when it was
 * made (bounded, not re-checked for length: it opens the file or it does not).
 */
export const restoreInput = z
  .object({
    passphrase: z.string().min(1, 'Enter the backup passphrase.').max(1024),
    target: keyTargetSchema,
  })
  .strict();

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';

/**
 * `workspace.json` beside the replica: what is needed to find or derive the key again. It holds
 * no secret: the keychain account name, or the scrypt salt and cost, and a key verifier.
 */
const metadataSchema = z.object({
  format: z.literal(1),
  id: z.uuid(),
  name: z.string().min(1),
  createdAt: z.string(),
  keyMode: z.enum(['keychain', 'passphrase']),
  keychainAccount: z.string().nullable(),
  kdf: z
    .object({
      algorithm: z.literal('scrypt'),
      N: z.number().int().positive(),
      r: z.number().int().positive(),
      p: z.number().int().positive(),
      salt: z.string().min(1),
    })
    .nullable(),
  keyCheck: z.string().regex(/^[0-9a-f]{64}$/),
  /** A demo workspace syncs from an embedded central database holding synthetic customers. */
  demo: z.boolean().default(false),
});

export type WorkspaceMetadata = z.infer<typeof metadataSchema>;

export const METADATA_FILE = 'workspace.json';
export const REPLICA_FILE = 'replica.db';

export function metadataPath(dataDir: string): string {
  return join(dataDir, METADATA_FILE);
}

export function readMetadata(dataDir: string): WorkspaceMetadata | null {
  const path = metadataPath(dataDir);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppError(
      'DATABASE_CORRUPT',
      `The workspace description ${path} is not readable JSON. Restore it from a backup; without it the replica cannot be opened.`,
      { cause: error },
    );
  }
  const parsed = metadataSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'DATABASE_CORRUPT',
      `The workspace description ${path} is damaged (${parsed.error.issues[0]?.message ?? 'invalid'}). Restore it from a backup.`,
    );
  }
  return parsed.data;
}

/** Written to a temporary file and renamed, so a crash never leaves half a description. */
export function writeMetadata(dataDir: string, metadata: WorkspaceMetadata): void {
  const path = metadataPath(dataDir);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(metadata, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { computeKeyCheck, keyMatchesCheck } from '../secrets/key-check';
import { deriveKeyFromPassphrase, type ScryptParams } from '../secrets/passphrase';

/**
 * A workspace backup is one file: a fixed magic line, the length of a JSON header, the header
 * (the manifest: format, workspace, when, row counts, the database's size and SHA-256, the scrypt
 * parameters and a key verifier), then the replica as a SQLCipher database encrypted with a key
 * derived from the officer's backup passphrase. Nothing in it depends on this computer's
 * keychain, so it restores anywhere. The header is authenticated with an HMAC under that key, so
 * a changed count or checksum is caught once the passphrase is known; SQLCipher's per-page HMAC
 * and the SHA-256 catch a changed or truncated database.
 */
export const BACKUP_FORMAT = 1;
/** What the dialogs offer; a backup is recognised by its content, not its name. */
export const BACKUP_EXTENSION = 'reflect-backup';
const MAGIC = Buffer.from('REFLECT-BACKUP\n', 'ascii');
const MAX_HEADER = 64 * 1024;
const CHUNK = 1 << 20;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const headerSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    workspace: z
      .object({
        id: z.uuid(),
        name: z.string().min(1).max(200),
        createdAt: z.string(),
        demo: z.boolean(),
      })
      .strict(),
    createdAt: z.string(),
    appVersion: z.string().max(50),
    schemaVersion: z.number().int().nonnegative(),
    counts: z.record(z.string(), z.number().int().nonnegative()),
    auditHead: z.object({ seq: z.number().int().positive(), hash: hex64 }).strict().nullable(),
    database: z.object({ bytes: z.number().int().positive(), sha256: hex64 }).strict(),
    // Bounded: a hostile file must not make the desk allocate gigabytes for one guess.
    kdf: z
      .object({
        algorithm: z.literal('scrypt'),
        N: z
          .number()
          .int()
          .min(2 ** 10)
          .max(2 ** 20),
        r: z.number().int().min(1).max(16),
        p: z.number().int().min(1).max(4),
        salt: z.string().min(16).max(64),
      })
      .strict(),
    keyCheck: hex64,
    mac: hex64,
  })
  .strict();
export type BackupHeader = z.infer<typeof headerSchema>;
export type BackupManifest = Omit<BackupHeader, 'format' | 'kdf' | 'keyCheck' | 'mac' | 'database'>;

function macOf(key: Buffer, header: Omit<BackupHeader, 'mac'>): string {
  return createHmac('sha256', key).update(JSON.stringify(header)).digest('hex');
}

/** Writes the header and the encrypted database into `target` (already created, owner-only). */
export function writeBackupFile(
  target: string,
  database: string,
  manifest: BackupManifest,
  key: Buffer,
  kdf: ScryptParams,
): BackupHeader {
  const { bytes, sha256 } = hashFile(database);
  const unsigned: Omit<BackupHeader, 'mac'> = {
    format: BACKUP_FORMAT,
    ...manifest,
    database: { bytes, sha256 },
    kdf,
    keyCheck: computeKeyCheck(key),
  };
  const header: BackupHeader = { ...unsigned, mac: macOf(key, unsigned) };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const out = openSync(target, 'w');
  try {
    writeSync(out, Buffer.concat([MAGIC, length, json]));
    copyRange(database, 0, bytes, (chunk) => writeSync(out, chunk));
  } finally {
    closeSync(out);
  }
  return header;
}

/** Whether a file starts like a Reflect backup (the only kind of file a backup may replace). */
export function looksLikeBackup(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length);
    return readSync(fd, start, 0, start.length, 0) === MAGIC.length && start.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

export interface OpenedBackup {
  header: BackupHeader;
  key: Buffer;
  /** Copies the database out, checking its size and SHA-256 against the header. */
  extractTo(target: string): void;
}

/**
 * Reads and checks a backup: its format, the passphrase (WRONG_PASSPHRASE), the header's HMAC,
 * and that the file is exactly as long as it says. The database is checked as it is extracted.
 */
export async function openBackupFile(path: string, passphrase: string): Promise<OpenedBackup> {
  const name = basename(path);
  const damaged = (what: string) =>
    new AppError(
      'BACKUP_DAMAGED',
      `The backup file ${name} ${what}. Nothing was changed; use another copy of the backup.`,
    );
  const fd = openSync(path, 'r');
  let header: BackupHeader;
  let dataOffset: number;
  let fileSize: number;
  try {
    fileSize = fstatSync(fd).size;
    const start = Buffer.alloc(MAGIC.length + 4);
    if (readSync(fd, start, 0, start.length, 0) !== start.length) {
      throw damaged('is too short to be a Reflect backup');
    }
    if (!start.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw damaged('is not a Reflect workspace backup (or its beginning is damaged)');
    }
    const length = start.readUInt32BE(MAGIC.length);
    if (length === 0 || length > MAX_HEADER || MAGIC.length + 4 + length > fileSize) {
      throw damaged('has a damaged header');
    }
    const json = Buffer.alloc(length);
    readSync(fd, json, 0, length, MAGIC.length + 4);
    let raw: unknown;
    try {
      raw = JSON.parse(json.toString('utf8'));
    } catch {
      throw damaged('has a damaged header');
    }
    const format = (raw as { format?: unknown } | null)?.format;
    if (format !== BACKUP_FORMAT) {
      throw new AppError(
        'BACKUP_FORMAT',
        `The backup file ${name} is in format ${typeof format === 'number' ? format : 'unknown'}; this version of Reflect Privacy Desk reads format ${BACKUP_FORMAT}. Restore it with the version that wrote it, or update the app.`,
      );
    }
    const parsed = headerSchema.safeParse(raw);
    if (!parsed.success) throw damaged('has a damaged header');
    header = parsed.data;
    dataOffset = MAGIC.length + 4 + length;
  } finally {
    closeSync(fd);
  }

  const key = await deriveKeyFromPassphrase(passphrase, header.kdf);
  if (!keyMatchesCheck(key, header.keyCheck)) {
    throw new AppError(
      'WRONG_PASSPHRASE',
      `That passphrase does not open the backup ${name}. It is the passphrase typed when the backup was made, not the workspace's; check Caps Lock and the keyboard layout.`,
    );
  }
  const { mac, ...unsigned } = header;
  const expected = Buffer.from(macOf(key, unsigned), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) {
    throw damaged('has a header that was changed after it was written');
  }
  if (fileSize !== dataOffset + header.database.bytes) {
    throw damaged(
      fileSize < dataOffset + header.database.bytes
        ? `is cut short (${fileSize} of ${dataOffset + header.database.bytes} bytes)`
        : 'has bytes after its end',
    );
  }
  return {
    header,
    key,
    extractTo(target) {
      const hash = createHash('sha256');
      const out = openSync(target, 'w');
      try {
        copyRange(path, dataOffset, header.database.bytes, (chunk) => {
          hash.update(chunk);
          writeSync(out, chunk);
        });
      } finally {
        closeSync(out);
      }
      if (hash.digest('hex') !== header.database.sha256) {
        throw damaged('is damaged: its database does not match the checksum in its header');
      }
    },
  };
}

function hashFile(path: string): { bytes: number; sha256: string } {
  const hash = createHash('sha256');
  let bytes = 0;
  copyRange(path, 0, Number.MAX_SAFE_INTEGER, (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  return { bytes, sha256: hash.digest('hex') };
}

function copyRange(
  path: string,
  offset: number,
  length: number,
  each: (chunk: Buffer) => void,
): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let position = offset;
    let left = length;
    while (left > 0) {
      const read = readSync(fd, buffer, 0, Math.min(CHUNK, left), position);
      if (read === 0) break;
      each(buffer.subarray(0, read));
      position += read;
      left -= read;
    }
  } finally {
    closeSync(fd);
  }
}

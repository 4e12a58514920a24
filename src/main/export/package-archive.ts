import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openAsBlob, openSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { BlobReader, ZipReader, ZipWriter, configure, type Entry } from '@zip.js/zip.js';
import { AppError } from '../../shared/errors';

// Node has no web workers; compression runs in this thread (the export's own worker in the app).
configure({ useWebWorkers: false });

/**
 * Writes the package's files into a .zip under one folder, so unpacking never scatters them.
 * With a password every entry is AES-256 encrypted (WinZip AE-2, which 7-Zip, WinZip, Keka and
 * The Unarchiver open; the built-in Windows and macOS unzippers do not).
 */
export async function writeArchive(options: {
  sourceDir: string;
  folder: string;
  files: string[];
  archivePath: string;
  password: string | null;
  onFile: (name: string) => void;
}): Promise<void> {
  closeSync(openSync(options.archivePath, 'wx', 0o600));
  const output = Writable.toWeb(createWriteStream(options.archivePath, { flags: 'r+' }));
  const writer = new ZipWriter(output, {
    ...(options.password === null
      ? {}
      : { password: options.password, encryptionStrength: 3 as const }),
  });
  for (const name of options.files) {
    const input = Readable.toWeb(createReadStream(join(options.sourceDir, name)));
    await writer.add(`${options.folder}/${name}`, input as ReadableStream<Uint8Array>);
    options.onFile(name);
  }
  await writer.close();
}

export interface ArchiveEntry {
  /** The name inside the package folder (the folder prefix removed). */
  name: string;
  bytes: number;
  encrypted: boolean;
  entry: Entry;
}

export interface OpenArchive {
  entries: ArchiveEntry[];
  read(entry: ArchiveEntry): Promise<Buffer>;
  hash(entry: ArchiveEntry): Promise<{ sha256: string; bytes: number }>;
  close(): Promise<void>;
}

/** Opens a package archive for checking; encrypted entries need the password. */
export async function openArchive(path: string, password: string | null): Promise<OpenArchive> {
  let reader: ZipReader<unknown>;
  let raw: Entry[];
  try {
    reader = new ZipReader(new BlobReader(await openAsBlob(path)));
    raw = await reader.getEntries();
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${path} is not a readable .zip archive.`, {
      cause: error,
    });
  }
  const files = raw.filter((e) => !e.directory);
  // The package's folder: whatever holds manifest.json.
  const manifest = files.find((e) => /^(?:[^/]+\/)?manifest\.json$/.test(e.filename));
  const prefix = manifest ? manifest.filename.slice(0, -'manifest.json'.length) : '';
  const entries = files.map((entry) => ({
    name: entry.filename.startsWith(prefix) ? entry.filename.slice(prefix.length) : entry.filename,
    bytes: entry.uncompressedSize,
    encrypted: entry.encrypted,
    entry,
  }));
  if (password === null && entries.some((e) => e.encrypted)) {
    await reader.close();
    throw new AppError('PASSPHRASE_REQUIRED', 'The archive is encrypted; give its password.');
  }
  const stream = async (e: ArchiveEntry, sink: (chunk: Uint8Array) => void): Promise<void> => {
    if (e.entry.directory) return;
    try {
      await e.entry.getData(
        new WritableStream<Uint8Array>({ write: sink }),
        password === null ? {} : { password },
      );
    } catch (error) {
      if (error instanceof Error && /password/i.test(error.message)) {
        throw new AppError('WRONG_PASSPHRASE', 'That is not the archive’s password.');
      }
      throw error;
    }
  };
  return {
    entries,
    async read(e) {
      const chunks: Uint8Array[] = [];
      await stream(e, (c) => chunks.push(c));
      return Buffer.concat(chunks);
    },
    async hash(e) {
      const hash = createHash('sha256');
      let bytes = 0;
      await stream(e, (c) => {
        hash.update(c);
        bytes += c.length;
      });
      return { sha256: hash.digest('hex'), bytes };
    },
    close: () => reader.close(),
  };
}

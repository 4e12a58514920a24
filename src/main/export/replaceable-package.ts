import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
} from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { parseManifest, type Manifest } from './package-manifest';
import { MANIFEST_NAME } from './package-readme';

/**
 * Whether an existing folder or archive may be replaced: only what Reflect wrote, unchanged since.
 * A folder qualifies when its manifest lists every file in it and each file still has the
 * checksum the manifest gives; an archive when its SHA-256 is one this desk recorded for a
 * package it wrote. A manifest.json alone proves nothing (anyone can copy one into a folder of
 * their own files), so anything else is refused, naming the files that Reflect did not write.
 */
export function assertReplaceable(
  path: string,
  kind: 'folder' | 'zip',
  knownArchiveSha256: readonly string[],
): void {
  if (kind === 'zip') {
    if (!knownArchiveSha256.includes(sha256OfFile(path))) {
      throw new AppError(
        'INVALID_INPUT',
        `${path} is not an archive this desk exported (or it was changed since); it will not be replaced. Choose another name, or move the file away first.`,
      );
    }
    return;
  }
  const strangers = unknownFiles(path);
  if (strangers.length > 0) {
    const shown = strangers.slice(0, 10).join(', ') + (strangers.length > 10 ? ', …' : '');
    throw new AppError(
      'INVALID_INPUT',
      `${path} is not an earlier export as Reflect wrote it, so it will not be replaced: ${shown}. Move those files away or choose another name.`,
    );
  }
}

/** What in the folder the manifest does not vouch for, each with why; empty for a true package. */
export function unknownFiles(folder: string): string[] {
  const manifest = readManifest(folder);
  if (!manifest) return [`${MANIFEST_NAME} missing or not a Reflect manifest`];
  const listed = new Map(manifest.files.map((f) => [f.name, f]));
  const problems: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (name === MANIFEST_NAME) continue;
    const expected = listed.get(name);
    const stat = lstatSync(join(folder, name));
    if (!expected || !stat.isFile()) {
      problems.push(`${name} (not written by Reflect)`);
    } else if (
      stat.size !== expected.bytes ||
      sha256OfFile(join(folder, name)) !== expected.sha256
    ) {
      problems.push(`${name} (changed since export)`);
    }
  }
  return problems;
}

function readManifest(folder: string): Manifest | null {
  const path = join(folder, MANIFEST_NAME);
  if (!existsSync(path)) return null;
  try {
    return parseManifest(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Read in chunks: a package can hold files of many megabytes. */
function sha256OfFile(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      hash.update(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

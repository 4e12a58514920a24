import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { FileCheck, PackageVerification } from '../../shared/exports';
import { openArchive } from './package-archive';
import { hashFile, hashPath, parseManifest, sha256Hex, type Manifest } from './package-manifest';
import { MANIFEST_NAME } from './package-readme';

/**
 * Recomputes every checksum in a package (a folder or a .zip) and names each file that differs
 * from its manifest, is missing, or was added. `manifestSha256`, when the desk knows it, also
 * catches a manifest rewritten to match doctored files.
 */
export async function verifyPackage(
  path: string,
  options: { password?: string | null; manifestSha256?: string | null } = {},
): Promise<PackageVerification> {
  if (!isAbsolute(path) || path.includes('\0')) {
    throw new AppError('INVALID_INPUT', `Give the package's full path, not "${path}".`);
  }
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `There is nothing at ${path}.`);
  const expected = options.manifestSha256 ?? null;
  if (statSync(path).isDirectory()) {
    const manifestPath = join(path, MANIFEST_NAME);
    if (!existsSync(manifestPath)) {
      throw new AppError('INVALID_INPUT', `${path} has no manifest.json: it is not a package.`);
    }
    const text = readFileSync(manifestPath);
    const manifest = toManifest(text);
    const files: FileCheck[] = [];
    for (const f of manifest.files) {
      if (!existsSync(join(path, f.name))) {
        files.push({ name: f.name, status: 'missing' });
        continue;
      }
      files.push(compare(f, await hashFile(path, f.name)));
    }
    const listed = new Set([...manifest.files.map((f) => f.name), MANIFEST_NAME]);
    for (const name of readdirSync(path)) {
      if (!listed.has(name)) files.push({ name, status: 'unexpected' });
    }
    return summarise(path, files, expected === null ? null : sha256Hex(text) === expected);
  }
  const archive = await openArchive(path, options.password ?? null);
  try {
    const manifestEntry = archive.entries.find((e) => e.name === MANIFEST_NAME);
    if (!manifestEntry) {
      throw new AppError('INVALID_INPUT', `${path} has no manifest.json: it is not a package.`);
    }
    const manifest = toManifest(await archive.read(manifestEntry));
    const files: FileCheck[] = [];
    for (const f of manifest.files) {
      const entry = archive.entries.find((e) => e.name === f.name);
      files.push(
        entry ? compare(f, await archive.hash(entry)) : { name: f.name, status: 'missing' },
      );
    }
    const listed = new Set([...manifest.files.map((f) => f.name), MANIFEST_NAME]);
    for (const e of archive.entries) {
      if (!listed.has(e.name)) files.push({ name: e.name, status: 'unexpected' });
    }
    // For an archive the desk keeps the archive's own checksum, which covers the manifest too.
    const intact = expected === null ? null : (await hashPath(path)).sha256 === expected;
    return summarise(path, files, intact);
  } finally {
    await archive.close();
  }
}

function toManifest(content: Buffer): Manifest {
  try {
    return parseManifest(content.toString('utf8'));
  } catch (error) {
    throw new AppError('INVALID_INPUT', (error as Error).message);
  }
}

function compare(
  expected: { name: string; sha256: string; bytes: number },
  actual: { sha256: string; bytes: number },
): FileCheck {
  return actual.sha256 === expected.sha256 && actual.bytes === expected.bytes
    ? { name: expected.name, status: 'ok' }
    : { name: expected.name, status: 'modified', expected: expected.sha256, actual: actual.sha256 };
}

function summarise(
  path: string,
  files: FileCheck[],
  manifestIntact: boolean | null,
): PackageVerification {
  const problems = files.filter((f) => f.status !== 'ok');
  const parts = problems.map(
    (f) =>
      `${f.name} ${f.status === 'unexpected' ? 'was added' : f.status === 'missing' ? 'is missing' : 'was changed'}`,
  );
  if (manifestIntact === false) parts.unshift('manifest.json is not the one written at export');
  const ok = parts.length === 0;
  return {
    ok,
    path,
    summary: ok ? `All ${files.length} files match their checksums.` : `${parts.join('; ')}.`,
    files,
    manifestIntact,
  };
}

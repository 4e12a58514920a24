import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { ExportRequest } from '../../../src/shared/ipc/export-schemas';
import { approvedCase } from '../../support/approved-case';
import { tempDir } from '../../support/temp-dir';

function request(caseId: string, overrides: Partial<ExportRequest> = {}): ExportRequest {
  return {
    caseId,
    formats: ['json'],
    container: 'folder',
    password: null,
    redactions: [],
    ...overrides,
  };
}

async function refused(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
}

describe('--force replaces only what Reflect wrote', () => {
  it('refuses a folder with a copied manifest and names the files Reflect did not write', async () => {
    const { desk, caseId } = await approvedCase();
    const base = tempDir();
    const real = join(base, 'real');
    await desk.exports.create(request(caseId), { path: real, overwrite: false });

    // Someone's own folder, with a genuine manifest copied in: it must not be taken for a package.
    const mine = join(base, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.docx'), 'my own work');
    mkdirSync(join(mine, 'photos'));
    copyFileSync(join(real, 'manifest.json'), join(mine, 'manifest.json'));
    const message = await refused(() =>
      desk.exports.create(request(caseId), { path: mine, overwrite: true }),
    );
    expect(message).toMatch(/is not an earlier export as Reflect wrote it/);
    expect(message).toContain('thesis.docx (not written by Reflect)');
    expect(message).toContain('photos (not written by Reflect)');
    expect(message).toMatch(/Move those files away or choose another name/);
    expect(readFileSync(join(mine, 'thesis.docx'), 'utf8')).toBe('my own work');
  });

  it('refuses an earlier package changed since, naming the change; replaces an intact one', async () => {
    const { desk, caseId } = await approvedCase();
    const pkg = join(tempDir(), 'pkg');
    await desk.exports.create(request(caseId), { path: pkg, overwrite: false });
    const original = readFileSync(join(pkg, 'data.json'));
    writeFileSync(join(pkg, 'data.json'), 'edited by hand');
    writeFileSync(join(pkg, 'notes.txt'), 'added later');
    const message = await refused(() =>
      desk.exports.create(request(caseId), { path: pkg, overwrite: true }),
    );
    expect(message).toContain('data.json (changed since export)');
    expect(message).toContain('notes.txt (not written by Reflect)');
    expect(readFileSync(join(pkg, 'notes.txt'), 'utf8')).toBe('added later');

    // Put back as written: now it is an earlier package and may be replaced.
    writeFileSync(join(pkg, 'data.json'), original);
    await refused(() => desk.exports.create(request(caseId), { path: pkg, overwrite: true }));
    rmSync(join(pkg, 'notes.txt'));
    await desk.exports.create(request(caseId, { formats: ['csv'] }), {
      path: pkg,
      overwrite: true,
    });
    expect(readdirSync(pkg)).not.toContain('data.json');
  });

  it('replaces a .zip only if this desk exported it, unchanged', async () => {
    const { desk, caseId } = await approvedCase();
    const base = tempDir();
    const stranger = join(base, 'holiday.zip');
    writeFileSync(stranger, 'not an export');
    expect(
      await refused(() =>
        desk.exports.create(request(caseId, { container: 'zip' }), {
          path: stranger,
          overwrite: true,
        }),
      ),
    ).toMatch(/is not an archive this desk exported/);
    expect(readFileSync(stranger, 'utf8')).toBe('not an export');

    const ours = join(base, 'package.zip');
    await desk.exports.create(request(caseId, { container: 'zip' }), {
      path: ours,
      overwrite: false,
    });
    const replaced = await desk.exports.create(
      request(caseId, { container: 'zip', formats: ['csv'] }),
      {
        path: ours,
        overwrite: true,
      },
    );
    expect(replaced.path).toBe(ours);
  });
});

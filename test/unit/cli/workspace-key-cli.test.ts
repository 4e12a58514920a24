import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir';

/** Runs the built `reflect` CLI as a user would, in its own process. */
function reflect(args: string[], stdin = '') {
  const result = spawnSync(process.execPath, ['out/main/cli.js', ...args], {
    input: stdin,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('reflect workspace rekey, backup and restore', () => {
  it('re-keys, backs up, restores on another folder and refuses a wrong backup passphrase', () => {
    const dir = join(tempDir(), 'ws');
    const outside = tempDir();
    expect(reflect(['workspace', 'create', '--name', 'Batch desk', '--data-dir', dir]).code).toBe(
      0,
    );

    const rekeyed = reflect(
      ['workspace', 'rekey', '--to', 'passphrase', '--data-dir', dir],
      'a new passphrase for tests\n',
    );
    expect(rekeyed).toMatchObject({ code: 0, stdout: expect.stringContaining('new passphrase') });
    const info = JSON.parse(reflect(['workspace', 'info', '--json', '--data-dir', dir]).stdout) as {
      workspace: { keyMode: string };
    };
    expect(info.workspace.keyMode).toBe('passphrase');

    const file = join(outside, 'desk.reflect-backup');
    const backup = reflect(
      ['workspace', 'backup', '--to', file, '--json', '--data-dir', dir],
      'a new passphrase for tests\nthe backup passphrase\n',
    );
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ path: file, customers: 0 });
    // An existing backup is replaced only with --force.
    const again = reflect(
      ['workspace', 'backup', '--to', file, '--data-dir', dir],
      'a new passphrase for tests\nthe backup passphrase\n',
    );
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/exists; choose another name/),
    });
    expect(
      reflect(
        ['workspace', 'backup', '--to', join(dir, 'inside'), '--data-dir', dir],
        'a new passphrase for tests\nthe backup passphrase\n',
      ).stderr,
    ).toMatch(/outside the workspace folder/);

    const elsewhere = join(tempDir(), 'ws');
    const wrong = reflect(
      ['workspace', 'restore', '--from', file, '--data-dir', elsewhere],
      'not the backup passphrase\n',
    );
    expect(wrong).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error WRONG_PASSPHRASE/m),
    });
    const restored = reflect(
      ['workspace', 'restore', '--from', file, '--data-dir', elsewhere],
      'the backup passphrase\n',
    );
    expect(restored).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Restored "Batch desk"'),
    });
    expect(reflect(['workspace', 'unlock', '--data-dir', elsewhere]).code).toBe(0);
    const audit = reflect(['audit', 'verify', '--data-dir', elsewhere]);
    expect(audit).toMatchObject({ code: 0, stdout: expect.stringContaining('Audit chain intact') });

    // Restoring over the first workspace keeps it aside and names where.
    const over = reflect(
      ['workspace', 'restore', '--from', file, '--passphrase', '--data-dir', dir],
      'the backup passphrase\nanother new passphrase\n',
    );
    expect(over).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/kept in .*before-restore-/),
    });
    expect(
      reflect(['workspace', 'unlock', '--data-dir', dir], 'another new passphrase\n').code,
    ).toBe(0);
  }, 180_000);
});

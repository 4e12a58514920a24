import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approvedCase } from '../../support/approved-case';
import { tempDir } from '../../support/temp-dir';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/migrations';
import { createServices } from '../../../src/main/services';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import { mergeStrongestCluster } from '../../support/dedupe-desk';
import { writeBundles } from '../../support/synthetic-replica';

/** Runs the built `reflect` CLI as a user would, in its own process. */
function reflect(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, ['out/main/cli.js', ...args], {
    input: options.stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('reflect CLI', () => {
  it('creates a keychain workspace, reports it, unlocks it and verifies its audit chain', () => {
    const dir = join(tempDir(), 'ws');
    const created = reflect(['workspace', 'create', '--name', 'Batch desk', '--data-dir', dir]);
    expect(created).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Created workspace "Batch desk"'),
    });

    const info = reflect(['workspace', 'info', '--json', '--data-dir', dir]);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({
      state: 'locked',
      workspace: { name: 'Batch desk', keyMode: 'keychain' },
      keychainAvailable: true,
    });

    expect(reflect(['workspace', 'unlock', '--data-dir', dir])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`schema version ${LATEST_SCHEMA_VERSION}`),
    });
    const verified = reflect(['audit', 'verify', '--json', '--data-dir', dir]);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, entries: 5 });
  });

  it('reads a passphrase from stdin and refuses a wrong one with its own code', () => {
    const dir = join(tempDir(), 'ws');
    expect(
      reflect(['workspace', 'create', '--name', 'Laptop', '--passphrase', '--data-dir', dir], {
        stdin: 'a passphrase for tests\n',
      }).code,
    ).toBe(0);
    const wrong = reflect(['workspace', 'unlock', '--data-dir', dir], {
      stdin: 'not the passphrase\n',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error WRONG_PASSPHRASE: That passphrase does not open/m);
    expect(
      reflect(['workspace', 'unlock', '--data-dir', dir], { stdin: 'a passphrase for tests\n' })
        .code,
    ).toBe(0);
  });

  it('offers passphrase mode when no keychain can be reached', () => {
    const dir = join(tempDir(), 'ws');
    const result = reflect(['workspace', 'create', '--name', 'Kiosk', '--data-dir', dir], {
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error KEYCHAIN_UNAVAILABLE: .*Choose passphrase protection instead/m,
    );
    expect(reflect(['workspace', 'info', '--json', '--data-dir', dir]).stdout).toContain(
      '"state": "none"',
    );
  });

  it('lists cases and writes the register, replacing a file only with --force', async () => {
    const dir = join(tempDir(), 'ws');
    expect(reflect(['workspace', 'create', '--name', 'Cases', '--data-dir', dir]).code).toBe(0);
    // The case is opened through the same services the app uses, on the same workspace.
    const services = createServices({ dataDir: dir, version: '0.0.0-test', actor: 'cli.test' });
    await services.workspace.unlock({});
    services.cases.create({
      jurisdiction: 'ccpa',
      requestType: 'know',
      channel: 'web_form',
      requester: { names: ['Dana Reyes'], emails: ['dana@example.org'], phones: [] },
      agent: null,
      receivedAt: '2026-03-02T17:00:00Z',
      timeZone: 'America/Los_Angeles',
      subjectIds: [],
      assignee: null,
      priority: 'high',
      tags: [],
      relatedCaseIds: [],
    });
    await services.workspace.close();

    const list = reflect(['cases', 'list', '--json', '--data-dir', dir]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({
      total: 1,
      cases: [{ requesterName: 'Dana Reyes', deadline: { dueDate: '2026-04-16' } }],
    });

    const out = join(tempDir(), 'register.csv');
    const register = (...extra: string[]) =>
      reflect(['cases', 'register', '--out', out, '--data-dir', dir, ...extra]);
    const first = register('--format', 'csv');
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('1 case(s) written') });
    expect(readFileSync(out, 'utf8')).toContain('Dana Reyes');
    expect(register('--format', 'csv')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/exists/),
    });
    expect(register('--format', 'csv', '--force').code).toBe(0);
    // --force replaces only a register this desk wrote, unchanged: not the officer's own file.
    writeFileSync(out, 'my own notes');
    expect(register('--format', 'csv', '--force')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/is not a register of requests this desk wrote/),
    });
    expect(readFileSync(out, 'utf8')).toBe('my own notes');
    expect(register('--format', 'pdf')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/xlsx or csv/),
    });
  });

  // A dozen CLI runs, each unlocking with scrypt and reaching central: slow on a busy machine.
  it('exports a case, verifies the package, and names a changed file', async () => {
    const passphrase = 'a passphrase for tests';
    // The package approved withholds the phone; only that package may be written.
    const { desk, caseId } = await approvedCase({
      passphrase,
      withhold: () =>
        Promise.resolve([
          { table: 'customers', column: 'phone', rowId: null, reason: 'shared household line' },
        ]),
    });
    const reference = desk.cases.get(caseId).reference ?? '';
    const dir = desk.dataDir;
    await desk.workspace.close();
    const out = join(tempDir(), 'package');
    const run = (args: string[], stdin = `${passphrase}\n`) =>
      reflect([...args, '--data-dir', dir], { stdin });

    const unapproved = run(['export', '--case', reference, '--out', out, '--format', 'json']);
    expect(unapproved).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('This package is not the one approved'),
    });
    const written = run([
      'export',
      '--case',
      reference,
      '--out',
      out,
      '--format',
      'json,csv',
      '--redact',
      'customers.phone=shared household line',
    ]);
    expect(written).toMatchObject({ code: 0, stdout: expect.stringContaining(`Wrote ${out}`) });
    expect(readdirSync(out)).toEqual(
      expect.arrayContaining(['data.json', 'orders.csv', 'manifest.json']),
    );
    expect(readdirSync(out)).not.toContain('access-report.html');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toContain('shared household line');

    // The tagged PDF is written by the CLI too (plain Node, no browser), with what the requester
    // would notice said on stderr first.
    const pdfOut = join(tempDir(), 'pdf-package');
    const pdf = run([
      'export',
      '--case',
      reference,
      '--out',
      pdfOut,
      '--format',
      'pdf',
      '--redact',
      'customers.phone=shared household line',
    ]);
    expect(pdf).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(/^warning: The organisation’s name is still “Our company”/m),
    });
    expect(readdirSync(pdfOut)).toContain('access-report.pdf');
    expect(readFileSync(join(pdfOut, 'access-report.pdf')).toString('latin1')).toContain(
      '/StructTreeRoot',
    );

    expect(reflect(['verify-package', out])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Intact: All'),
    });
    const ordersAsWritten = readFileSync(join(out, 'orders.csv'));
    writeFileSync(join(out, 'orders.csv'), 'changed');
    const changed = reflect(['verify-package', out]);
    expect(changed.code).toBe(3);
    expect(changed.stdout).toMatch(/^CHANGED: orders\.csv was changed\.$/m);
    expect(changed.stdout).toMatch(/orders\.csv: expected [0-9a-f]{64}, found [0-9a-f]{64}/);

    expect(run(['export', '--case', caseId, '--out', out])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/exists; choose another name/),
    });
    // --force replaces only a package as Reflect wrote it: a changed file is named and kept.
    const phone = ['--redact', 'customers.phone=shared household line'];
    expect(run(['export', '--case', caseId, '--out', out, '--force', ...phone])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('orders.csv (changed since export)'),
    });
    expect(readFileSync(join(out, 'orders.csv'), 'utf8')).toBe('changed');
    writeFileSync(join(out, 'orders.csv'), ordersAsWritten);
    expect(run(['export', '--case', caseId, '--out', out, '--force', ...phone]).code).toBe(0);
    expect(
      run(['export', '--case', caseId, '--out', join(tempDir(), 'x'), '--redact', 'orders=oops']),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/--redact "orders=oops"/),
    });
    expect(
      run(['export', '--case', 'DSAR-1999-00001', '--out', join(tempDir(), 'x')]),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/NOT_FOUND: No case DSAR-1999-00001/),
    });

    const zip = join(tempDir(), 'package.zip');
    const archive = run(
      ['export', '--case', caseId, '--out', zip, '--zip', '--encrypt', ...phone],
      `${passphrase}\nan archive password\n`,
    );
    expect(archive.code).toBe(0);
    expect(
      reflect(['verify-package', zip, '--password'], { stdin: 'an archive password\n' }),
    ).toMatchObject({
      code: 0,
    });
    expect(
      reflect(['verify-package', zip, '--password'], { stdin: 'wrong password here\n' }),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/WRONG_PASSPHRASE/),
    });

    const list = run(['exports', 'list', '--json', '--case', reference]);
    expect((JSON.parse(list.stdout) as { path: string }[]).map((e) => e.path)).toEqual([
      zip,
      out,
      pdfOut,
      out,
    ]);
  }, 120_000);

  it('checks for duplicates, lists them, and undoes a merge by its id', async () => {
    const dir = join(tempDir(), 'ws');
    expect(reflect(['workspace', 'create', '--name', 'Dedupe', '--data-dir', dir]).code).toBe(0);
    const services = createServices({ dataDir: dir, version: '0.0.0-test', actor: 'cli.test' });
    await services.workspace.unlock({});
    writeBundles(
      services.workspace.requireOpen().replica.raw,
      generateCustomers({ customers: 2000, seed: 9 }),
      ['addresses'],
    );
    await services.workspace.close();

    const check = reflect(['duplicates', 'check', '--json', '--data-dir', dir]);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ kind: 'full', checked: 2000 });
    expect(check.stderr).toMatch(/^duplicates: comparing /m);
    const list = reflect([
      'duplicates',
      'list',
      '--band',
      'likely',
      '--limit',
      '3',
      '--data-dir',
      dir,
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^likely .*#\d+ .* \| #\d+ /m);
    expect(reflect(['duplicates', 'list', '--band', 'maybe', '--data-dir', dir]).stderr).toMatch(
      /error INVALID_INPUT: --band is likely or possible/,
    );

    await services.workspace.unlock({});
    const { plan, merge } = mergeStrongestCluster(services.duplicates);
    await services.workspace.close();

    expect(reflect(['merges', 'list', '--data-dir', dir]).stdout).toContain(
      `${merge.opId}  #${plan.survivorId}`,
    );
    const undone = reflect(['merges', 'undo', merge.opId, '--json', '--data-dir', dir]);
    expect(undone.code).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({
      opId: merge.opId,
      undoneAt: expect.any(String),
    });
    expect(reflect(['merges', 'undo', merge.opId, '--data-dir', dir]).stderr).toMatch(
      /error CONFLICTING_CHANGE: This merge was already undone/,
    );
    expect(reflect(['merges', 'undo', 'not-an-id', '--data-dir', dir]).stderr).toMatch(
      /error INVALID_INPUT/,
    );
  });

  it('explains usage and refuses unknown commands', () => {
    expect(reflect(['--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('workspace create'),
    });
    expect(reflect(['workspace', 'info', '--colour'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Unknown option '--colour'"),
    });
    expect(reflect(['workspace', 'explode'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown command'),
    });
  });
});

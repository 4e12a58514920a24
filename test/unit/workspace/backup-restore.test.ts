import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import { writeBundles } from '../../support/synthetic-replica';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

const BACKUP_PASSPHRASE = 'backup passphrase, long';
const WORKSPACE_PASSPHRASE = 'workspace passphrase, long';

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : `not an AppError: ${String(e)}`),
  );
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => '',
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
}

async function seeded(customers = 150) {
  const services = testServices();
  await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
  writeBundles(
    services.workspace.requireOpen().replica.raw,
    generateCustomers({ customers, seed: 5 }),
  );
  return services;
}

type Services = Awaited<ReturnType<typeof seeded>>;

function names(services: Services): string[] {
  return services.workspace
    .requireOpen()
    .replica.raw.prepare('SELECT name FROM customers ORDER BY customer_id')
    .pluck()
    .all() as string[];
}

async function backupOf(services: Services) {
  const path = join(tempDir(), 'desk.reflect-backup');
  const written = await services.workspace.backup({
    path,
    passphrase: BACKUP_PASSPHRASE,
    overwrite: false,
  });
  return { path, written };
}

describe('backing up a workspace', () => {
  it('writes an owner-only file holding no plaintext, records it, and audits it without the path', async () => {
    const services = await seeded();
    const { path, written } = await backupOf(services);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(written).toMatchObject({ customers: 150, path });
    const content = readFileSync(path);
    expect(content.subarray(0, 15).toString()).toBe('REFLECT-BACKUP\n');
    const someName = names(services)[0] ?? 'x';
    expect(content.includes(Buffer.from(someName))).toBe(false);
    expect(services.workspace.lastBackup()).toMatchObject({ customers: 150, at: written.at });
    const entry = (await services.workspace.requireOpen().audit.list({ limit: 5 })).find(
      (e) => e.action === 'workspace.backed-up',
    );
    expect(entry?.details).toMatchObject({ sha256: written.sha256 });
    expect(JSON.stringify(entry)).not.toContain('desk.reflect-backup');
    // Nothing stays behind: no snapshot in the workspace folder, no part file beside the backup.
    expect(readdirSync(services.dataDir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(join(path, '..'))).toEqual(['desk.reflect-backup']);
  });

  it('refuses a path inside the workspace folder, a relative path, a folder, and replacing without intent', async () => {
    const services = await seeded(5);
    const backup = (path: string, overwrite = false) =>
      services.workspace.backup({ path, passphrase: BACKUP_PASSPHRASE, overwrite });
    expect(await messageOf(backup(join(services.dataDir, 'inside.reflect-backup')))).toMatch(
      /outside the workspace folder/,
    );
    mkdirSync(join(services.dataDir, 'sub'));
    expect(await codeOf(backup(join(services.dataDir, 'sub', 'x')))).toBe('INVALID_INPUT');
    expect(await codeOf(backup('relative.reflect-backup'))).toBe('INVALID_INPUT');
    const folder = tempDir();
    expect(await messageOf(backup(folder))).toMatch(/is a folder/);
    const { path } = await backupOf(services);
    expect(await messageOf(backup(path))).toMatch(/exists; choose another name/);
    await backup(path, true);
    const stranger = join(folder, 'notes.txt');
    writeFileSync(stranger, 'my own notes');
    expect(await messageOf(backup(stranger, true))).toMatch(/not a Reflect backup/);
    expect(readFileSync(stranger, 'utf8')).toBe('my own notes');
  });

  it('cleans up a snapshot a crashed backup left, never one another running process is writing', async () => {
    const services = await seeded(5);
    await services.workspace.lock();
    const crashed = join(services.dataDir, '.backup-999999999-deadbeef.db');
    const running = join(services.dataDir, `.backup-${process.ppid}-cafebabe.db`);
    writeFileSync(crashed, 'x');
    writeFileSync(running, 'x');
    await services.workspace.status();
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });

  it('refuses while a duplicate check or another job runs in this process', async () => {
    const services = await seeded(5);
    const run = services.duplicates.check('full');
    expect(await codeOf(backupOf(services))).toBe('WORKSPACE_BUSY');
    await run;
    await backupOf(services);
  });
});

describe('restoring a backup', () => {
  it('brings back exactly the backed-up data, keeps the replaced workspace, and continues the audit chain', async () => {
    const services = await seeded();
    const before = names(services);
    const { path } = await backupOf(services);
    const raw = services.workspace.requireOpen().replica.raw;
    raw
      .prepare(
        `UPDATE customers SET name = 'Changed After Backup' WHERE customer_id IN (SELECT customer_id FROM customers LIMIT 3)`,
      )
      .run();
    raw
      .prepare(
        'DELETE FROM customers WHERE customer_id IN (SELECT customer_id FROM customers ORDER BY customer_id DESC LIMIT 2)',
      )
      .run();
    await services.workspace
      .requireOpen()
      .audit.append({ actor: 'officer.test', action: 'test.after-backup' });

    const { status, movedAsideTo } = await services.workspace.restore({
      path,
      passphrase: BACKUP_PASSPHRASE,
      target: { keyMode: 'passphrase', passphrase: WORKSPACE_PASSPHRASE },
    });
    expect(status).toMatchObject({
      state: 'unlocked',
      workspace: { keyMode: 'passphrase', name: 'Desk' },
    });
    expect(names(services)).toEqual(before);
    expect(movedAsideTo).toMatch(/before-restore-/);
    expect(readdirSync(movedAsideTo ?? '').sort()).toEqual(
      expect.arrayContaining(['replica.db', 'workspace.json']),
    );
    const { audit } = services.workspace.requireOpen();
    expect(await audit.verify()).toMatchObject({ ok: true });
    const actions = (await audit.list({ limit: 10 })).map((e) => e.action);
    // The entries written since the backup are carried over, then the restore itself.
    expect(actions.slice(0, 3)).toEqual([
      'workspace.restored',
      'test.after-backup',
      'workspace.backed-up',
    ]);

    await services.workspace.lock();
    expect(await codeOf(services.workspace.unlock({}))).toBe('PASSPHRASE_REQUIRED');
    await services.workspace.unlock({ passphrase: WORKSPACE_PASSPHRASE });
    expect(names(services)).toEqual(before);
  });

  it('restores into an empty folder, as on another computer without the keychain entry', async () => {
    const source = await seeded(20);
    const before = names(source);
    const { path } = await backupOf(source);
    const elsewhere = testServices();
    expect((await elsewhere.workspace.status()).state).toBe('none');
    const { status, movedAsideTo } = await elsewhere.workspace.restore({
      path,
      passphrase: BACKUP_PASSPHRASE,
      target: { keyMode: 'keychain' },
    });
    expect(movedAsideTo).toBeNull();
    expect(status.workspace?.id).toBe(source.workspace.requireOpen().metadata.id);
    expect(names(elsewhere)).toEqual(before);
    await elsewhere.workspace.lock();
    await elsewhere.workspace.unlock({});
    expect(await elsewhere.workspace.requireOpen().audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses a wrong passphrase, a changed byte, a cut file and another format, changing nothing', async () => {
    const services = await seeded(30);
    const { path } = await backupOf(services);
    const before = names(services);
    const folder = tempDir();
    const restore = (file: string, passphrase = BACKUP_PASSPHRASE) =>
      services.workspace.restore({ path: file, passphrase, target: { keyMode: 'keychain' } });
    const original = readFileSync(path);
    const variant = (name: string, bytes: Buffer) => {
      const file = join(folder, name);
      writeFileSync(file, bytes);
      return file;
    };

    expect(await codeOf(restore(path, 'not the passphrase at all'))).toBe('WRONG_PASSPHRASE');

    const flipped = Buffer.from(original);
    const at = original.length - 5000;
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    const damaged = variant('flipped.reflect-backup', flipped);
    const error = await messageOf(restore(damaged));
    expect(error).toMatch(/flipped\.reflect-backup/);
    expect(await codeOf(restore(damaged))).toBe('BACKUP_DAMAGED');

    const cut = variant('cut.reflect-backup', original);
    truncateSync(cut, original.length - 4096);
    expect(await messageOf(restore(cut))).toMatch(/cut\.reflect-backup is cut short/);

    const headerEnd = original.indexOf('"format":1');
    const other = Buffer.from(original);
    other.write('"format":7', headerEnd);
    expect(await codeOf(restore(variant('future.reflect-backup', other)))).toBe('BACKUP_FORMAT');

    expect(await codeOf(restore(variant('text.txt', Buffer.from('hello'))))).toBe('BACKUP_DAMAGED');
    expect(await codeOf(restore(join(folder, 'missing')))).toBe('NOT_FOUND');

    // Still the same workspace, unlocked, with all its rows; no restore left anything behind.
    expect(services.workspace.requireOpen().metadata.keyMode).toBe('keychain');
    expect(names(services)).toEqual(before);
    expect(readdirSync(services.dataDir).filter((f) => /restore|^\./.test(f))).toEqual([]);
    expect(existsSync(join(services.dataDir, 'workspace-change.json'))).toBe(false);
  });
});

describe('a restore killed at any step', () => {
  const STEPS = [
    'journal-written',
    'key-stored',
    'copy-written',
    'prepared',
    'moved-aside',
    'replica-placed',
    'placed',
    'cleaned',
  ];
  it.each(STEPS.map((step, index) => [step, index] as const))(
    'killed after "%s": the next open finds the old workspace or the restored one, and loses neither',
    async (step, index) => {
      const services = await seeded(40);
      const { path } = await backupOf(services);
      const backedUp = names(services);
      services.workspace
        .requireOpen()
        .replica.raw.prepare(
          'DELETE FROM customers WHERE customer_id IN (SELECT customer_id FROM customers LIMIT 10)',
        )
        .run();
      const changed = names(services);
      const { dataDir } = services;
      await services.workspace.close();

      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'test/support/workspace-change-child.ts',
          dataDir,
          step,
          'restore',
          path,
          BACKUP_PASSPHRASE,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(child.signal, child.stderr).toBe('SIGKILL');

      const next = testServices(dataDir);
      await next.workspace.unlock({});
      const finished = index >= STEPS.indexOf('prepared');
      expect(names(next)).toEqual(finished ? backedUp : changed);
      expect(await next.workspace.requireOpen().audit.verify()).toMatchObject({ ok: true });
      const aside = readdirSync(dataDir).filter((f) => f.startsWith('before-restore-'));
      expect(aside.length).toBe(finished ? 1 : 0);
      expect(
        readdirSync(dataDir).filter((f) => f.startsWith('.') || f === 'workspace-change.json'),
      ).toEqual([]);
    },
  );
});

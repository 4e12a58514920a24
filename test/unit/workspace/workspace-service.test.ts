import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { openEncryptedDatabase } from '../../../src/main/db/open';
import { createKeytarStore } from '../../../src/main/secrets/keychain';
import { TEST_KEYCHAIN_SERVICE, testServices } from '../../support/workspace';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/migrations';

const keychain = createKeytarStore(TEST_KEYCHAIN_SERVICE);
const PASSPHRASE = 'long enough passphrase 1';

async function expectCode(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

function keychainAccount(dataDir: string): string {
  const meta = JSON.parse(readFileSync(join(dataDir, 'workspace.json'), 'utf8')) as {
    keychainAccount: string;
  };
  return meta.keychainAccount;
}

describe('workspace with its key in the OS keychain', () => {
  it('creates, locks and unlocks; the key lives in the keychain and opens the file', async () => {
    const { workspace, dataDir } = testServices();
    expect((await workspace.status()).state).toBe('none');
    const created = await workspace.create({ name: 'Desk', keyMode: 'keychain' });
    expect(created).toMatchObject({
      state: 'unlocked',
      workspace: { name: 'Desk', keyMode: 'keychain', schemaVersion: LATEST_SCHEMA_VERSION },
    });

    const stored = await keychain.get(keychainAccount(dataDir));
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dataDir, 'workspace.json'), 'utf8')).not.toContain(stored);

    expect((await workspace.lock()).state).toBe('locked');
    expect(() => workspace.requireOpen()).toThrow(/locked/);

    // The key read back from the keychain really is the database key.
    const raw = openEncryptedDatabase(
      join(dataDir, 'replica.db'),
      Buffer.from(stored ?? '', 'hex'),
      { create: false },
    );
    expect(raw.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 2 });
    raw.close();

    expect((await workspace.unlock({})).state).toBe('unlocked');
    const actions = (await workspace.requireOpen().audit.list({ limit: 10 })).map((e) => e.action);
    expect(actions).toEqual(['workspace.unlocked', 'workspace.locked', 'workspace.created']);
  });

  it('keeps the folder and its files owner-only', async () => {
    const { workspace, dataDir } = testServices();
    await workspace.create({ name: 'Desk', keyMode: 'keychain' });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(dataDir)) {
      expect(statSync(join(dataDir, file)).mode & 0o777, file).toBe(0o600);
    }
  });

  it('refuses a second workspace in the same folder', async () => {
    const { workspace } = testServices();
    await workspace.create({ name: 'Desk', keyMode: 'keychain' });
    await expectCode(workspace.create({ name: 'Again', keyMode: 'keychain' }), 'WORKSPACE_EXISTS');
  });

  it('says KEY_MISSING when the keychain entry is gone, and creates nothing', async () => {
    const { workspace, dataDir } = testServices();
    await workspace.create({ name: 'Desk', keyMode: 'keychain' });
    await workspace.lock();
    await keychain.delete(keychainAccount(dataDir));
    const before = readdirSync(dataDir).sort();
    const error = await expectCode(workspace.unlock({}), 'KEY_MISSING');
    expect(error.message).toMatch(/Restore that keychain entry/);
    expect(readdirSync(dataDir).sort()).toEqual(before);
  });

  it('says WRONG_KEY when the keychain holds another key', async () => {
    const { workspace, dataDir } = testServices();
    await workspace.create({ name: 'Desk', keyMode: 'keychain' });
    await workspace.lock();
    await keychain.set(keychainAccount(dataDir), 'ab'.repeat(32));
    await expectCode(workspace.unlock({}), 'WRONG_KEY');
  });
});

describe('workspace protected by a passphrase', () => {
  it('unlocks with the passphrase and refuses a wrong one with its own message', async () => {
    const { workspace } = testServices();
    await workspace.create({ name: 'Laptop', keyMode: 'passphrase', passphrase: PASSPHRASE });
    await workspace.lock();
    await expectCode(workspace.unlock({}), 'PASSPHRASE_REQUIRED');
    const wrong = await expectCode(
      workspace.unlock({ passphrase: 'long enough passphrase 2' }),
      'WRONG_PASSPHRASE',
    );
    expect(wrong.message).toMatch(/does not open this workspace/);
    expect((await workspace.unlock({ passphrase: PASSPHRASE })).state).toBe('unlocked');
  });

  it('stores no key anywhere: the description holds only salt, cost and a verifier', async () => {
    const { workspace, dataDir } = testServices();
    await workspace.create({ name: 'Laptop', keyMode: 'passphrase', passphrase: PASSPHRASE });
    const meta = JSON.parse(readFileSync(join(dataDir, 'workspace.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(meta).sort()).toEqual(
      [
        'createdAt',
        'demo',
        'format',
        'id',
        'kdf',
        'keyCheck',
        'keyMode',
        'keychainAccount',
        'name',
      ].sort(),
    );
    expect(meta.keychainAccount).toBeNull();
    expect(JSON.stringify(meta)).not.toContain(PASSPHRASE);
  });
});

describe('damaged or missing replica', () => {
  it('reports a corrupt file as DATABASE_CORRUPT and recovers by moving it aside', async () => {
    const { workspace, dataDir } = testServices();
    await workspace.create({ name: 'Desk', keyMode: 'passphrase', passphrase: PASSPHRASE });
    await workspace.lock();
    const path = join(dataDir, 'replica.db');
    const damaged = readFileSync(path);
    damaged.fill(0x41, 0, 4096); // the whole first page, header and schema included
    writeFileSync(path, damaged);

    const error = await expectCode(
      workspace.unlock({ passphrase: PASSPHRASE }),
      'DATABASE_CORRUPT',
    );
    expect(error.message).toMatch(/Move it aside/);
    expect(readFileSync(path).equals(damaged)).toBe(true);

    const status = await workspace.resetReplica({ passphrase: PASSPHRASE });
    expect(status.state).toBe('unlocked');
    const kept = readdirSync(dataDir).filter((f) => f.startsWith('replica.damaged-'));
    expect(kept.some((f) => f.endsWith('.db'))).toBe(true);
    expect(
      readFileSync(join(dataDir, kept.find((f) => f.endsWith('.db')) ?? '')).equals(damaged),
    ).toBe(true);
    const audit = await workspace.requireOpen().audit.list({ limit: 5 });
    expect(audit[0]?.action).toBe('workspace.replica-reset');
  });

  it('reports a missing replica instead of creating an empty one', async () => {
    const { workspace, dataDir } = testServices();
    await workspace.create({ name: 'Desk', keyMode: 'keychain' });
    await workspace.lock();
    const { rmSync } = await import('node:fs');
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(dataDir, `replica.db${suffix}`), { force: true });
    await expectCode(workspace.unlock({}), 'DATABASE_CORRUPT');
    expect(existsSync(join(dataDir, 'replica.db'))).toBe(false);
  });

  it('reports a replica from a newer app as SCHEMA_TOO_NEW', async () => {
    const { workspace, dataDir } = testServices();
    await workspace.create({ name: 'Desk', keyMode: 'keychain' });
    const key = Buffer.from((await keychain.get(keychainAccount(dataDir))) ?? '', 'hex');
    await workspace.lock();
    const raw = openEncryptedDatabase(join(dataDir, 'replica.db'), key, { create: false });
    raw.pragma('user_version = 42');
    raw.close();
    await expectCode(workspace.unlock({}), 'SCHEMA_TOO_NEW');
  });
});

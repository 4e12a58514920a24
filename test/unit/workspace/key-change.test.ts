import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import { openEncryptedDatabase } from '../../../src/main/db/open';
import { createKeytarStore } from '../../../src/main/secrets/keychain';
import {
  parseCentralUrl,
  readPassword,
  saveConnection,
  savePassword,
} from '../../../src/main/sync/connection-settings';
import { writeBundles } from '../../support/synthetic-replica';
import { TEST_KEYCHAIN_SERVICE, testServices } from '../../support/workspace';

const keychain = createKeytarStore(TEST_KEYCHAIN_SERVICE);
const FIRST = 'first long passphrase';
const SECOND = 'second long passphrase';

function meta(dataDir: string) {
  return JSON.parse(readFileSync(join(dataDir, 'workspace.json'), 'utf8')) as {
    keyMode: string;
    keychainAccount: string | null;
    keyCheck: string;
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : `not an AppError: ${String(e)}`),
  );
}

async function seeded() {
  const services = testServices();
  await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
  writeBundles(
    services.workspace.requireOpen().replica.raw,
    generateCustomers({ customers: 300, seed: 3 }),
  );
  return services;
}

function customers(services: Awaited<ReturnType<typeof seeded>>): number {
  return services.workspace
    .requireOpen()
    .replica.raw.prepare('SELECT count(*) FROM customers')
    .pluck()
    .get() as number;
}

describe('changing the key of a workspace', () => {
  it('goes keychain -> passphrase -> new passphrase -> keychain -> new random key, keeping every row', async () => {
    const services = await seeded();
    const { workspace, dataDir } = services;
    const firstAccount = meta(dataDir).keychainAccount ?? '';
    const firstKey = await keychain.get(firstAccount);
    const checks = [meta(dataDir).keyCheck];

    await workspace.changeKey({ keyMode: 'passphrase', passphrase: FIRST });
    expect(meta(dataDir)).toMatchObject({ keyMode: 'passphrase', keychainAccount: null });
    // The old keychain entry goes once the change is complete.
    expect(await keychain.get(firstAccount)).toBeNull();
    expect(customers(services)).toBe(300);
    checks.push(meta(dataDir).keyCheck);

    // The old key opens nothing any more.
    await workspace.lock();
    expect(() =>
      openEncryptedDatabase(join(dataDir, 'replica.db'), Buffer.from(firstKey ?? '', 'hex'), {
        create: false,
      }),
    ).toThrow();
    expect(await codeOf(workspace.unlock({}))).toBe('PASSPHRASE_REQUIRED');
    await workspace.unlock({ passphrase: FIRST });

    await workspace.changeKey({ keyMode: 'passphrase', passphrase: SECOND });
    checks.push(meta(dataDir).keyCheck);
    await workspace.lock();
    expect(await codeOf(workspace.unlock({ passphrase: FIRST }))).toBe('WRONG_PASSPHRASE');
    await workspace.unlock({ passphrase: SECOND });

    await workspace.changeKey({ keyMode: 'keychain' });
    const account = meta(dataDir).keychainAccount ?? '';
    expect(account).toMatch(/^workspace:[0-9a-f-]+:[0-9a-f]{8}$/);
    checks.push(meta(dataDir).keyCheck);

    await workspace.changeKey({ keyMode: 'keychain' });
    checks.push(meta(dataDir).keyCheck);
    expect(await keychain.get(account)).toBeNull();
    expect(new Set(checks).size).toBe(checks.length);

    await workspace.lock();
    await workspace.unlock({});
    expect(customers(services)).toBe(300);
    const { audit } = workspace.requireOpen();
    expect((await audit.verify()).ok).toBe(true);
    const changes = (await audit.list({ limit: 100 })).filter(
      (e) => e.action === 'workspace.rekeyed',
    );
    expect(changes.map((e) => e.details)).toEqual([
      { from: 'keychain', to: 'keychain', newKey: true },
      { from: 'passphrase', to: 'keychain', newKey: true },
      { from: 'passphrase', to: 'passphrase', newKey: true },
      { from: 'keychain', to: 'passphrase', newKey: true },
    ]);
    // Nothing of the change is left in the folder: no journal, no staging, no old copy.
    const known = /^(replica\.db(-wal|-shm)?|workspace\.json|audit-anchor\.json|logs)$/;
    expect(readdirSync(dataDir).filter((f) => !known.test(f))).toEqual([]);
    expect(statSync(join(dataDir, 'replica.db')).mode & 0o777).toBe(0o600);
  });

  it('refuses while another process holds the replica, and stays unlocked with the old key', async () => {
    const services = await seeded();
    const { workspace, dataDir } = services;
    const key = workspace.requireOpen().key;
    // A second connection, as another window or command would hold.
    const other = openEncryptedDatabase(join(dataDir, 'replica.db'), key, { create: false });
    other.prepare('SELECT count(*) FROM customers').get();
    try {
      expect(await codeOf(workspace.changeKey({ keyMode: 'passphrase', passphrase: FIRST }))).toBe(
        'WORKSPACE_BUSY',
      );
    } finally {
      other.close();
    }
    expect(meta(dataDir).keyMode).toBe('keychain');
    expect(customers(services)).toBe(300);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('.rekey'))).toEqual([]);
  });

  it('refuses while a sync of this workspace holds the sync lock elsewhere', async () => {
    const services = await seeded();
    const { workspace } = services;
    const raw = workspace.requireOpen().replica.raw;
    raw.prepare(`INSERT INTO sync_state (key, value) VALUES ('sync.lock', ?)`).run(
      JSON.stringify({
        token: 't',
        pid: 1,
        host: 'elsewhere.invalid',
        startedAt: new Date().toISOString(),
        heartbeatAt: new Date().toISOString(),
      }),
    );
    expect(await codeOf(workspace.changeKey({ keyMode: 'keychain' }))).toBe('WORKSPACE_BUSY');
    expect(workspace.requireOpen().metadata.keyMode).toBe('keychain');
  });

  it('moves the saved central password with the protection, and leaves no copy behind', async () => {
    const services = await seeded();
    const { workspace } = services;
    const { connection } = parseCentralUrl('postgres://officer@127.0.0.1:5432/reflect');
    const open = () => workspace.requireOpen();
    saveConnection(open().replica.raw, connection);
    const id = open().metadata.id;
    const inKeychain = () => ({ db: open().replica.raw, secrets: keychain, workspaceId: id });
    const inReplica = () => ({ db: open().replica.raw, secrets: null, workspaceId: id });
    await savePassword(inKeychain(), connection, 'central secret');

    await workspace.changeKey({ keyMode: 'passphrase', passphrase: FIRST });
    expect(await readPassword(inReplica(), connection)).toBe('central secret');
    expect(await keychain.get(`central:${id}`)).toBeNull();

    await workspace.changeKey({ keyMode: 'keychain' });
    expect(await readPassword(inKeychain(), connection)).toBe('central secret');
    expect(await readPassword(inReplica(), connection)).toBeNull();
    await keychain.delete(`central:${id}`);
  });
});

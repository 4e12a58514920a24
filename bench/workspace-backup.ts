/**
 * bench/workspace-backup: how long a backup, a key change and a restore take for a workspace of N
 * synthetic customers (with their addresses, orders, interactions, events and consents).
 *
 *   npm run bench:workspace-backup -- --customers 100000
 *
 * Prints one JSON object. Passphrase protection (scrypt N=2^17, as the app uses), so no keychain
 * is needed; each figure includes its scrypt derivations.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCustomers } from '../src/main/demo/synthetic-data';
import type { SecretStore } from '../src/main/secrets/keychain';
import { WorkspaceService } from '../src/main/workspace/workspace-service';
import { writeBundles } from '../test/support/synthetic-replica';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261207' },
  },
});
const customers = Number(values.customers);

/** Passphrase workspaces never ask the keychain for a key. */
const noKeychain: SecretStore = {
  get: () => Promise.resolve(null),
  set: () => Promise.reject(new Error('not used')),
  delete: () => Promise.resolve(false),
  probe: () => Promise.resolve({ available: false, problem: 'not used' }),
};

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - started), value };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'reflect-bench-backup-'));
  try {
    const workspace = new WorkspaceService({
      dataDir: join(root, 'workspace'),
      secrets: noKeychain,
      actor: 'bench',
    });
    await workspace.create({
      name: 'Bench',
      keyMode: 'passphrase',
      passphrase: 'bench passphrase 1',
    });
    writeBundles(
      workspace.requireOpen().replica.raw,
      generateCustomers({ customers, seed: Number(values.seed) }),
    );
    workspace.requireOpen().replica.raw.pragma('wal_checkpoint(TRUNCATE)');
    const replicaBytes = statSync(workspace.replicaPath).size;
    const file = join(root, 'bench.reflect-backup');

    const backup = await timed(() =>
      workspace.backup({ path: file, passphrase: 'backup passphrase 1', overwrite: false }),
    );
    const rekey = await timed(() =>
      workspace.changeKey({ keyMode: 'passphrase', passphrase: 'bench passphrase 2' }),
    );
    const restore = await timed(() =>
      workspace.restore({
        path: file,
        passphrase: 'backup passphrase 1',
        target: { keyMode: 'passphrase', passphrase: 'bench passphrase 3' },
      }),
    );
    await workspace.close();
    process.stdout.write(
      `${JSON.stringify(
        {
          customers,
          replicaMB: +(replicaBytes / 1e6).toFixed(1),
          backupFileMB: +(backup.value.bytes / 1e6).toFixed(1),
          backupSeconds: backup.ms / 1000,
          rekeySeconds: rekey.ms / 1000,
          restoreSeconds: restore.ms / 1000,
          node: process.version,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();

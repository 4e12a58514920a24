import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import { createKeytarStore } from '../../../src/main/secrets/keychain';
import type { ChangeJournal } from '../../../src/main/workspace/workspace-change';
import { writeBundles } from '../../support/synthetic-replica';
import { tempDir } from '../../support/temp-dir';
import { TEST_KEYCHAIN_SERVICE, testServices } from '../../support/workspace';

const keychain = createKeytarStore(TEST_KEYCHAIN_SERVICE);
const STEPS = [
  'journal-written',
  'key-stored',
  'copy-written',
  'prepared',
  'moved-aside',
  'replica-placed',
  'placed',
  'cleaned',
] as const;
/** From this step on the change is complete at the next open; before it, it is undone. */
const POINT_OF_NO_RETURN = STEPS.indexOf('prepared');
const OLD = 'the old long passphrase';
const NEW = 'the new long passphrase';
const CUSTOMERS = 200;

function runChild(dataDir: string, stopAt: string, args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/support/workspace-change-child.ts', dataDir, stopAt, ...args],
    { encoding: 'utf8', timeout: 120_000 },
  );
}

function journalOf(dataDir: string): ChangeJournal | null {
  const path = join(dataDir, 'workspace-change.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ChangeJournal) : null;
}

async function seededWorkspace(keyMode: 'keychain' | 'passphrase') {
  const dataDir = join(tempDir(), 'workspace');
  const first = testServices(dataDir);
  await first.workspace.create({
    name: 'Desk',
    keyMode,
    ...(keyMode === 'passphrase' ? { passphrase: OLD } : {}),
  });
  writeBundles(
    first.workspace.requireOpen().replica.raw,
    generateCustomers({ customers: CUSTOMERS, seed: 11 }),
  );
  await first.workspace.close();
  return dataDir;
}

/** Opens the workspace as the next start of the app would, and checks that nothing was lost. */
async function reopenAndCheck(
  dataDir: string,
  expectedMode: 'keychain' | 'passphrase',
  passphrase: string,
) {
  const next = testServices(dataDir);
  const status = await next.workspace.status();
  expect(status.workspace?.keyMode).toBe(expectedMode);
  await next.workspace.unlock(expectedMode === 'passphrase' ? { passphrase } : {});
  const { replica, audit } = next.workspace.requireOpen();
  expect(replica.raw.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(CUSTOMERS);
  expect(await audit.verify()).toMatchObject({ ok: true });
  const leftovers = readdirSync(dataDir).filter(
    (f) => f.startsWith('.') || f === 'workspace-change.json',
  );
  expect(leftovers).toEqual([]);
  const rekeyed = (await audit.list({ limit: 50 })).filter((e) => e.action === 'workspace.rekeyed');
  await next.workspace.close();
  return rekeyed.length;
}

describe('a key change killed at any step', () => {
  it.each(STEPS.map((step, index) => [step, index] as const))(
    'keychain to passphrase, killed after "%s": the workspace opens with all rows',
    async (step, index) => {
      const dataDir = await seededWorkspace('keychain');
      const oldAccount = (
        JSON.parse(readFileSync(join(dataDir, 'workspace.json'), 'utf8')) as {
          keychainAccount: string;
        }
      ).keychainAccount;
      const child = runChild(dataDir, step, ['rekey', 'passphrase', '', NEW]);
      expect(child.signal, child.stderr).toBe('SIGKILL');

      const finished = index >= POINT_OF_NO_RETURN;
      const rekeyed = await reopenAndCheck(dataDir, finished ? 'passphrase' : 'keychain', NEW);
      expect(rekeyed).toBe(finished ? 1 : 0);
      // The old key stays in the keychain exactly as long as the replica needs it.
      expect((await keychain.get(oldAccount)) !== null).toBe(!finished);
    },
  );

  it.each(STEPS.map((step, index) => [step, index] as const))(
    'passphrase to keychain, killed after "%s": the workspace opens with all rows',
    async (step, index) => {
      const dataDir = await seededWorkspace('passphrase');
      const child = runChild(dataDir, step, ['rekey', 'keychain', OLD, '']);
      expect(child.signal, child.stderr).toBe('SIGKILL');
      const journal = journalOf(dataDir);

      const finished = index >= POINT_OF_NO_RETURN;
      const rekeyed = await reopenAndCheck(dataDir, finished ? 'keychain' : 'passphrase', OLD);
      expect(rekeyed).toBe(finished ? 1 : 0);
      // A key written for a change that was undone does not stay in the keychain.
      if (journal?.newAccount && !finished) {
        expect(await keychain.get(journal.newAccount)).toBeNull();
      }
    },
  );
});

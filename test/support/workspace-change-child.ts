/**
 * A process that unlocks a workspace and changes its key or restores a backup into it, killing
 * itself with SIGKILL at the named step (as a power cut or a killed app would stop it there).
 * Run: node --import tsx test/support/workspace-change-child.ts DATA_DIR STEP ACTION [ARGS...]
 *   ACTION rekey KEYMODE [CURRENT_PASSPHRASE] [NEW_PASSPHRASE]   (empty string for none)
 *   ACTION restore FILE BACKUP_PASSPHRASE [CURRENT_PASSPHRASE]
 */
import { createKeytarStore } from '../../src/main/secrets/keychain';
import { createServices } from '../../src/main/services';
import { TEST_KEYCHAIN_SERVICE } from './workspace';

const [dataDir = '', stopAt = '', action = '', ...args] = process.argv.slice(2);
const { workspace } = createServices({
  dataDir,
  version: '0.0.0-test',
  secrets: createKeytarStore(TEST_KEYCHAIN_SERVICE),
  actor: 'officer.test',
  scryptCost: 2 ** 14,
  onChangeStep: (step) => {
    if (step === stopAt) process.kill(process.pid, 'SIGKILL');
  },
});
const orUndefined = (value: string | undefined) => (value ? value : undefined);

async function run(): Promise<void> {
  if (action === 'rekey') {
    const [keyMode, current, next] = args;
    const passphrase = orUndefined(current);
    await workspace.unlock(passphrase === undefined ? {} : { passphrase });
    const target = orUndefined(next);
    await workspace.changeKey({
      keyMode: keyMode === 'passphrase' ? 'passphrase' : 'keychain',
      ...(target === undefined ? {} : { passphrase: target }),
    });
  } else if (action === 'restore') {
    const [path = '', backupPassphrase = '', current] = args;
    const passphrase = orUndefined(current);
    await workspace.unlock(passphrase === undefined ? {} : { passphrase });
    await workspace.restore({
      path,
      passphrase: backupPassphrase,
      target: { keyMode: 'keychain' },
    });
  } else {
    throw new Error(`Unknown action ${action}`);
  }
  await workspace.close();
  process.stdout.write('finished\n');
}

run().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

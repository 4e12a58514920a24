/**
 * A process that installs crash logging as the app (`app`) or the CLI (`cli`) does, then throws
 * (`exception`) or leaves a promise rejected (`rejection`), with data in the message.
 * Run: node --import tsx test/support/crash-child.ts DATA_DIR KIND MODE SECRET
 */
import { DeskLog } from '../../src/main/logs/desk-log';
import { installCrashLogging } from '../../src/main/logs/crash-logging';

const [dataDir = '', kind, mode, secret = ''] = process.argv.slice(2);
const log = new DeskLog({ dataDir, appVersion: '0.0.0-test' });
installCrashLogging(log, {
  process: mode === 'app' ? 'main' : 'cli',
  keepRunningOnRejection: mode === 'app',
});

if (kind === 'exception') {
  setTimeout(() => {
    throw new Error(`crashed while showing ${secret}`);
  }, 5);
} else {
  void Promise.reject(Object.assign(new Error(`rejected for ${secret}`), { code: 'ECONNRESET' }));
}
setTimeout(() => process.stdout.write('still running\n'), 200);

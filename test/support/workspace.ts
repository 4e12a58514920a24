import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createKeytarStore } from '../../src/main/secrets/keychain';
import { createServices, type ServiceConfig } from '../../src/main/services';
import { tempDir } from './temp-dir';

/** Tests keep their keys under a service name of their own, even in the private keyring. */
export const TEST_KEYCHAIN_SERVICE = 'Reflect Privacy Desk (tests)';

/** Real services over a fresh data folder and the real keychain; a cheap scrypt cost keeps tests quick. */
export function testServices(
  dataDir: string = join(tempDir(), 'workspace'),
  options: Partial<Omit<ServiceConfig, 'dataDir' | 'version' | 'secrets'>> = {},
) {
  const services = createServices({
    ...options,
    dataDir,
    version: '0.0.0-test',
    secrets: createKeytarStore(TEST_KEYCHAIN_SERVICE),
    actor: 'officer.test',
    scryptCost: 2 ** 14,
  });
  onTestFinished(() => services.workspace.close());
  return { ...services, dataDir };
}

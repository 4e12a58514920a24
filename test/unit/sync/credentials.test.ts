import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import {
  isLoopbackHost,
  parseCentralUrl,
  toClientConfig,
} from '../../../src/main/sync/connection-settings';
import { tlsProblem } from '../../../src/main/sync/sync-controller';
import { createLoginRole, createTestDatabase } from '../../support/postgres-database';
import { startPasswordCatcher } from '../../support/password-catcher';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

async function connectedDesk(keyMode: 'keychain' | 'passphrase') {
  const database = await createTestDatabase({ central: true });
  const officerUrl = new URL(await createLoginRole(database, 'reflect_officer'));
  const password = decodeURIComponent(officerUrl.password);
  officerUrl.password = '';
  officerUrl.searchParams.set('sslmode', 'disable');
  const services = testServices(join(tempDir(), 'desk'));
  await services.workspace.create(
    keyMode === 'keychain'
      ? { name: 'Desk', keyMode }
      : { name: 'Desk', keyMode, passphrase: 'correct horse battery staple' },
  );
  await services.sync.connect({ url: officerUrl.toString(), password });
  return { services, database, officerUrl, password };
}

describe('central credentials stay with their server', () => {
  for (const keyMode of ['keychain', 'passphrase'] as const) {
    it(`never sends a saved password to another server (${keyMode})`, async () => {
      const { services, officerUrl, password } = await connectedDesk(keyMode);
      const catcher = await startPasswordCatcher();
      const elsewhere = new URL(officerUrl);
      elsewhere.port = String(catcher.port);

      const refused = await failure(() => services.sync.connect({ url: elsewhere.toString() }));
      expect(refused.code).toBe('CENTRAL_PASSWORD_REQUIRED');
      expect(refused.message).toContain('Enter the password');

      // With a password typed for the new server, that one is sent, and the old one is forgotten.
      await services.sync.connect({ url: elsewhere.toString(), password: 'typed-for-catcher' });
      await services.sync.run().catch(() => undefined);
      expect(catcher.received.length).toBeGreaterThan(0);
      expect(catcher.received).not.toContain(password);
      expect(new Set(catcher.received)).toEqual(new Set(['typed-for-catcher']));

      // Going back to the first server needs its password again: it was not kept for it.
      const back = await failure(() => services.sync.connect({ url: officerUrl.toString() }));
      expect(back.code).toBe('CENTRAL_PASSWORD_REQUIRED');
    });
  }

  it('asks again when only the database or the user changes, and keeps it when nothing does', async () => {
    const { services, officerUrl } = await connectedDesk('keychain');
    // The same settings again: the saved password still works and is used.
    const again = await services.sync.connect({ url: officerUrl.toString() });
    expect(again.connection?.user).toBe(officerUrl.username);
    await services.sync.run();
    expect(services.sync.overview().lastError).toBeNull();

    const otherDatabase = new URL(officerUrl);
    otherDatabase.pathname = '/postgres';
    expect(
      (await failure(() => services.sync.connect({ url: otherDatabase.toString() }))).code,
    ).toBe('CENTRAL_PASSWORD_REQUIRED');
    const otherUser = new URL(officerUrl);
    otherUser.username = 'someone_else';
    expect((await failure(() => services.sync.connect({ url: otherUser.toString() }))).code).toBe(
      'CENTRAL_PASSWORD_REQUIRED',
    );
  });

  it('allows TLS off only towards this computer, on every path', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) {
      expect(parseCentralUrl(`postgres://ann@${host}/crm?sslmode=disable`).connection.host).toBe(
        host.replace(/[[\]]/g, ''),
      );
    }
    for (const host of ['db.example.internal', '10.0.0.5', '127.0.0.1.example.com', '[::2]']) {
      expect(() => parseCentralUrl(`postgres://ann@${host}/crm?sslmode=disable`)).toThrow(
        /only for a database on this computer/,
      );
    }
    // A connection that did not come through the URL parser is held to the same rule.
    expect(() =>
      toClientConfig(
        {
          host: 'db.example.internal',
          port: 5432,
          database: 'crm',
          user: 'ann',
          sslMode: 'disable',
        },
        'secret',
      ),
    ).toThrow(AppError);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });

  it('names a TLS mismatch as such', async () => {
    const { services, officerUrl, password } = await connectedDesk('keychain');
    // The test cluster offers no TLS; a desk that requires it gets its own clear error.
    const requireTls = new URL(officerUrl);
    requireTls.searchParams.set('sslmode', 'require');
    const refused = await failure(() =>
      services.sync.connect({ url: requireTls.toString(), password }),
    );
    expect(refused.code).toBe('CENTRAL_TLS_MISMATCH');
    expect(refused.message).toContain('does not offer TLS');

    const connection = parseCentralUrl('postgres://ann@db.example.internal/crm').connection;
    const selfSigned = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(tlsProblem(selfSigned, connection)).toMatch(/could not be verified/);
    expect(tlsProblem(new Error('deadlock detected'), connection)).toBeNull();
  });
});

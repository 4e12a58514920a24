import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { testServices } from '../../support/workspace';

describe('IPC dispatch over the real handlers', () => {
  it('refuses an unknown channel with UNKNOWN_CHANNEL', async () => {
    const { handlers } = testServices();
    expect(await dispatch(handlers, 'fs:readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel: fs:readFile' },
    });
  });

  it.each([
    ['a wrong type', { name: 42, keyMode: 'keychain' }, /name/],
    ['an unknown key mode', { name: 'Desk', keyMode: 'usb-stick' }, /keyMode/],
    [
      'a short passphrase',
      { name: 'Desk', keyMode: 'passphrase', passphrase: 'short' },
      /at least 12/,
    ],
    ['passphrase mode without one', { name: 'Desk', keyMode: 'passphrase' }, /needs a passphrase/],
    ['an unexpected field', { name: 'Desk', keyMode: 'keychain', admin: true }, /admin/],
    ['no object at all', 'create please', /expected object/i],
  ])(
    'refuses %s with INVALID_INPUT and a message naming the problem',
    async (_what, input, message) => {
      const { handlers, workspace } = testServices();
      const result = await dispatch(handlers, 'workspace:create', input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(message);
      // Refused before the handler: nothing was created.
      expect((await workspace.status()).state).toBe('none');
    },
  );

  it('carries a domain error code through the envelope', async () => {
    const { handlers } = testServices();
    expect(await dispatch(handlers, 'audit:list', {})).toMatchObject({
      ok: false,
      error: { code: 'WORKSPACE_LOCKED' },
    });
  });

  it('hides unexpected errors behind INTERNAL and reports them to main', async () => {
    const { handlers } = testServices();
    const reported: unknown[] = [];
    const broken = {
      ...handlers,
      'app:info': () => {
        throw new Error('secret internal detail');
      },
    };
    const result = await dispatch(broken, 'app:info', {}, (_c, e) => {
      reported.push(e);
      return '0badc0de';
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.not.stringContaining('secret') },
    });
    // The id the log recorded it under is what the officer can quote to support.
    expect(result).toMatchObject({ error: { message: expect.stringContaining('0badc0de') } });
    expect(reported).toHaveLength(1);
  });

  it('applies schema defaults before the handler runs', async () => {
    const { handlers } = testServices();
    await dispatch(handlers, 'workspace:create', { name: 'Desk', keyMode: 'keychain' });
    const listed = await dispatch(handlers, 'audit:list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ action: 'workspace.created', seq: 1 }] });
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeytarStore } from '../../../src/main/secrets/keychain';
import { deriveKeyFromPassphrase, newScryptParams } from '../../../src/main/secrets/passphrase';
import { TEST_KEYCHAIN_SERVICE } from '../../support/workspace';

describe('OS keychain (real Secret Service)', () => {
  const store = createKeytarStore(TEST_KEYCHAIN_SERVICE);

  it('answers the probe', async () => {
    expect(await store.probe()).toEqual({ available: true });
  });

  it('stores, reads back and deletes a key', async () => {
    const account = `test:${randomBytes(4).toString('hex')}`;
    const secret = randomBytes(32).toString('hex');
    expect(await store.get(account)).toBeNull();
    await store.set(account, secret);
    expect(await store.get(account)).toBe(secret);
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
  });
});

describe('passphrase key derivation', () => {
  it('derives the same 256-bit key from the same passphrase and salt only', async () => {
    const params = newScryptParams(2 ** 14);
    const a = await deriveKeyFromPassphrase('correct horse battery staple', params);
    expect(a).toHaveLength(32);
    expect((await deriveKeyFromPassphrase('correct horse battery staple', params)).equals(a)).toBe(
      true,
    );
    expect((await deriveKeyFromPassphrase('correct horse battery stapler', params)).equals(a)).toBe(
      false,
    );
    const otherSalt = newScryptParams(2 ** 14);
    expect(
      (await deriveKeyFromPassphrase('correct horse battery staple', otherSalt)).equals(a),
    ).toBe(false);
  });

  it('treats composed and decomposed accents as the same passphrase', async () => {
    const params = newScryptParams(2 ** 14);
    const composed = await deriveKeyFromPassphrase('mot de passe très long', params);
    const decomposed = await deriveKeyFromPassphrase('mot de passe tre\u0300s long', params);
    expect(decomposed.equals(composed)).toBe(true);
  });
});

/**
 * All OS-keychain access lives here. keytar talks to the macOS Keychain, Windows Credential
 * Manager or the freedesktop Secret Service (gnome-keyring, KWallet) on Linux.
 */

export const KEYCHAIN_SERVICE = 'Reflect Privacy Desk';

export type KeychainProbe = { available: true } | { available: false; problem: string };

export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Round-trips a throwaway secret: the only reliable way to know a keychain will work. */
  probe(): Promise<KeychainProbe>;
}

/** Raised when the keychain itself fails (no Secret Service, locked, denied), not when a key is absent. */
export class KeychainUnavailableError extends Error {
  constructor(problem: string, options?: { cause?: unknown }) {
    super(problem, options);
    this.name = 'KeychainUnavailableError';
  }
}

type Keytar = typeof import('keytar');

export function createKeytarStore(service: string = KEYCHAIN_SERVICE): SecretStore {
  let loaded: Promise<Keytar> | undefined;

  // Loaded lazily: a missing libsecret must make the keychain "unavailable", not crash start-up.
  const keytar = (): Promise<Keytar> => {
    loaded ??= import('keytar').then((m: Keytar & { default?: Keytar }) => m.default ?? m);
    return loaded;
  };

  const guard = async <T>(what: string, run: (k: Keytar) => Promise<T>): Promise<T> => {
    try {
      return await run(await keytar());
    } catch (error) {
      throw new KeychainUnavailableError(`The OS keychain could not ${what}: ${describe(error)}`, {
        cause: error,
      });
    }
  };

  return {
    get: (account) => guard('read a key', (k) => k.getPassword(service, account)),
    set: (account, secret) => guard('store a key', (k) => k.setPassword(service, account, secret)),
    delete: (account) => guard('delete a key', (k) => k.deletePassword(service, account)),
    async probe() {
      const account = `probe:${process.pid}:${Date.now()}`;
      try {
        await guard('store a key', (k) => k.setPassword(service, account, 'probe'));
        const read = await guard('read a key', (k) => k.getPassword(service, account));
        await guard('delete a key', (k) => k.deletePassword(service, account));
        return read === 'probe'
          ? { available: true }
          : { available: false, problem: 'The OS keychain did not return what was stored.' };
      } catch (error) {
        return { available: false, problem: describe(error) };
      }
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createKeytarStore } from '../../src/main/secrets/keychain';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { UnlockPage } from './pages/unlock-page';

// The keychain service fixtures.ts gives the desk; the tests reach the same entries directly.
const secrets = createKeytarStore('Reflect Privacy Desk (tests)');

async function keychainAccountOf(desk: {
  services: { workspace: { status(): Promise<{ workspace: { id: string } | null }> } };
}): Promise<string> {
  const { workspace } = await desk.services.workspace.status();
  if (!workspace) throw new Error('No workspace was created.');
  return `workspace:${workspace.id}`;
}

/**
 * The test keyring always answers, so a keychain that refuses is played in the page: creating with
 * it fails the way main reports it and, when `probeFails`, the status says so up front. Everything
 * else still goes to the real handlers.
 */
async function simulateUnavailableKeychain(
  page: Page,
  options: { problem: string; probeFails: boolean },
): Promise<void> {
  await page.addInitScript(({ problem: problemText, probeFails }) => {
    const wrap =
      (real: Window['__reflectInvoke']): Window['__reflectInvoke'] =>
      async (channel, input) => {
        if (
          channel === 'workspace:create' &&
          (input as { keyMode?: string }).keyMode === 'keychain'
        )
          return { ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: problemText } };
        const result = (await real(channel, input)) as { ok: boolean; value?: object };
        if (probeFails && channel === 'workspace:status' && result.ok)
          return {
            ok: true,
            value: { ...result.value, keychainAvailable: false, keychainProblem: problemText },
          };
        return result;
      };
    // The binding may be installed before or after this script; wrap it either way.
    let wrapped: Window['__reflectInvoke'] | undefined =
      typeof window.__reflectInvoke === 'function'
        ? wrap(window.__reflectInvoke.bind(window))
        : undefined;
    Object.defineProperty(window, '__reflectInvoke', {
      configurable: true,
      get: () => wrapped,
      set: (real: Window['__reflectInvoke']) => {
        wrapped = wrap(real);
      },
    });
  }, options);
}

test('a key missing from the keychain is explained, and unlocking works once it is restored', async ({
  desk,
}) => {
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  await shell.lock();

  const account = await keychainAccountOf(desk);
  const key = await secrets.get(account);
  expect(key).not.toBeNull();
  await secrets.delete(account);

  const unlock = new UnlockPage(desk.page);
  await unlock.unlock();
  await expect(unlock.problem()).toContainText('The key is missing from the keychain');
  await expect(unlock.problem()).toContainText('Restore the keychain entry');
  await expect(unlock.problem()).toContainText(account);

  await secrets.set(account, key ?? '');
  await unlock.unlock();
  await expect(shell.workspaceName()).toHaveText('Desk');
});

test('a different key in the keychain is told apart from a missing one', async ({ desk }) => {
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  await shell.lock();

  const account = await keychainAccountOf(desk);
  const key = await secrets.get(account);
  await secrets.set(account, randomBytes(32).toString('hex'));

  const unlock = new UnlockPage(desk.page);
  await unlock.unlock();
  await expect(unlock.problem()).toContainText('The keychain holds a different key');
  await expect(unlock.problem()).not.toContainText('Move the damaged replica aside');

  await secrets.set(account, key ?? '');
  await unlock.unlock();
  await expect(shell.workspaceName()).toHaveText('Desk');
});

test('without a keychain the first run explains why and asks for a passphrase', async ({
  desk,
}) => {
  await simulateUnavailableKeychain(desk.page, {
    problem: 'No Secret Service is running',
    probeFails: true,
  });
  await desk.open();
  const firstRun = new FirstRunPage(desk.page);

  await expect(firstRun.heading()).toBeVisible();
  await expect(desk.page.getByText('No Secret Service is running')).toBeVisible();
  await expect(firstRun.keychainOption()).toBeDisabled();
  await expect(firstRun.passphraseOption()).toBeChecked();

  await firstRun.create({ name: 'No keychain', passphrase: 'a long passphrase' });
  await expect(new ShellPage(desk.page).workspaceName()).toHaveText('No keychain');
  expect((await desk.services.workspace.status()).workspace?.keyMode).toBe('passphrase');
});

test('a keychain that refuses the key at creation moves the choice to a passphrase, with a reason', async ({
  desk,
}) => {
  await simulateUnavailableKeychain(desk.page, {
    problem: 'The OS keychain could not store a key: access denied',
    probeFails: false,
  });
  await desk.open();
  const firstRun = new FirstRunPage(desk.page);
  await expect(firstRun.keychainOption()).toBeEnabled();

  await firstRun.create({ name: 'Desk' });
  await expect(firstRun.problem()).toContainText('The keychain did not take the key');
  await expect(firstRun.problem()).toContainText('access denied');
  await expect(firstRun.passphraseOption()).toBeChecked();
  await expect(firstRun.passphraseField()).toBeFocused();
  expect((await desk.services.workspace.status()).state).toBe('none');

  await firstRun.fillPassphrase('a long passphrase');
  await firstRun.submit();
  await expect(new ShellPage(desk.page).workspaceName()).toHaveText('Desk');
});

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { UnlockPage } from './pages/unlock-page';
import { dialogThemes } from './screenshots';

test('a keychain workspace is created, locked and unlocked through the UI', async ({
  desk,
}, testInfo) => {
  await desk.open();
  const firstRun = new FirstRunPage(desk.page);
  const shell = new ShellPage(desk.page);
  const unlock = new UnlockPage(desk.page);

  await expect(firstRun.heading()).toBeVisible();
  // Before a workspace there is no header with the theme switch: set as Mantine sets it.
  await dialogThemes(desk, testInfo, 'first-run');
  await firstRun.create({ name: 'Compliance desk' });
  await expect(shell.workspaceName()).toHaveText('Compliance desk');
  // A new workspace opens on Today, where the officer's day starts.
  await expect(shell.screenHeading()).toHaveText('Today');

  await shell.lock();
  await expect(unlock.heading()).toHaveText('Unlock Compliance desk');
  await dialogThemes(desk, testInfo, 'unlock');
  expect((await desk.services.workspace.status()).state).toBe('locked');

  await unlock.unlock();
  await expect(shell.workspaceName()).toHaveText('Compliance desk');
});

test('passphrase rules are shown beside the fields before anything is sent', async ({ desk }) => {
  await desk.open();
  const firstRun = new FirstRunPage(desk.page);
  await firstRun.passphraseOption().check();
  await firstRun.fillPassphrase('a long passphrase', 'a long passphrasf');
  await firstRun.passphraseField().focus();
  await expect(desk.page.getByText('The passphrases differ.')).toBeVisible();
  await expect(desk.page.getByText('Use at least 12 characters.')).toBeHidden();
  expect((await desk.services.workspace.status()).state).toBe('none');
});

test('a passphrase workspace refuses a wrong passphrase with its own message', async ({ desk }) => {
  await desk.open();
  const firstRun = new FirstRunPage(desk.page);
  const shell = new ShellPage(desk.page);
  const unlock = new UnlockPage(desk.page);

  await firstRun.create({ name: 'Laptop', passphrase: 'short', repeat: 'short' });
  await expect(desk.page.getByText('Use at least 12 characters.')).toBeVisible();
  await firstRun.create({
    name: 'Laptop',
    passphrase: 'a long passphrase',
    repeat: 'another one here',
  });
  await expect(desk.page.getByText('The passphrases differ.')).toBeVisible();
  expect((await desk.services.workspace.status()).state).toBe('none');

  await firstRun.create({ name: 'Laptop', passphrase: 'a long passphrase' });
  await expect(shell.workspaceName()).toHaveText('Laptop');
  await shell.lock();

  await unlock.unlock('not the passphrase');
  await expect(unlock.problem()).toContainText('Wrong passphrase');
  await expect(unlock.problem()).toContainText('does not open this workspace');
  // Main's own words come too, and the cursor is back in the field for the next try.
  await expect(unlock.problem()).toContainText('Details: That passphrase does not open');
  await expect(unlock.passphraseField()).toBeFocused();
  await expect(unlock.heading()).toBeVisible();

  await unlock.unlock('a long passphrase');
  await expect(shell.workspaceName()).toHaveText('Laptop');
});

test('every screen is reachable', async ({ desk }) => {
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  for (const screen of ['Today', 'Search', 'Duplicates', 'Cases', 'Exports'] as const) {
    await shell.open(screen);
    await expect(shell.screenHeading()).toHaveText(screen);
  }
  await shell.open('Settings');
  await expect(desk.page.getByRole('table', { name: 'Key and backups' })).toContainText(
    'OS keychain',
  );
  await expect(desk.page.getByRole('table', { name: 'Workspace' })).toContainText(desk.dataDir);
  await expect(desk.page.getByRole('table', { name: 'Application' })).toContainText('0.0.0-e2e');
  await expect(desk.page.getByRole('button', { name: 'Test connection and save' })).toBeDisabled();
});

test('the theme switches between light and dark', async ({ desk }) => {
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  await shell.chooseTheme('Dark');
  expect(await shell.colorScheme()).toBe('dark');
  await shell.chooseTheme('Light');
  expect(await shell.colorScheme()).toBe('light');
});

test('a damaged replica is explained and can be set aside for a fresh one', async ({ desk }) => {
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  await shell.lock();

  const replica = join(desk.dataDir, 'workspace', 'replica.db');
  const damaged = readFileSync(replica).fill(0x41, 0, 4096);
  writeFileSync(replica, damaged);

  const unlock = new UnlockPage(desk.page);
  await unlock.unlock();
  await expect(unlock.problem()).toContainText('The replica is damaged');
  await expect(unlock.problem()).toContainText('the damaged file is kept');

  await unlock.startFreshReplica();
  await expect(shell.workspaceName()).toHaveText('Desk');
  const kept = readdirSync(join(desk.dataDir, 'workspace')).filter((f) =>
    /^replica\.damaged-.*\.db$/.test(f),
  );
  expect(kept).toHaveLength(1);
  expect(readFileSync(join(desk.dataDir, 'workspace', kept[0] ?? '')).equals(damaged)).toBe(true);
});

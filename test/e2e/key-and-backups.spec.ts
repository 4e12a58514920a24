import { generateCustomers } from '../../src/main/demo/synthetic-data';
import { writeBundles } from '../support/synthetic-replica';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { KeyBackupsPage } from './pages/key-backups-page';
import { ShellPage } from './pages/shell-page';
import type { TestInfo } from '@playwright/test';
import type { Desk } from './fixtures';
import { screenshotThemes } from './screenshots';

/** A screen before the workspace opens (no theme switch there: it follows the system's). */
async function gateShots(desk: Desk, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await desk.page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await desk.page.setViewportSize({ width, height });
      await desk.page.screenshot({
        path: testInfo.outputPath(`${name}-${scheme}-${width}x${height}.png`),
        fullPage: true,
      });
    }
  }
  await desk.page.emulateMedia({ colorScheme: 'light' });
}

/**
 * A dialog in both themes at both sizes. The theme switch is behind the dialog's overlay, so the
 * dialog is opened (and filled) afresh under each theme and closed again.
 */
async function dialogShots(
  desk: Desk,
  testInfo: TestInfo,
  name: string,
  open: () => Promise<void>,
): Promise<void> {
  const shell = new ShellPage(desk.page);
  for (const theme of ['Light', 'Dark'] as const) {
    await shell.chooseTheme(theme);
    await open();
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await desk.page.setViewportSize({ width, height });
      await desk.page.screenshot({
        path: testInfo.outputPath(`${name}-${theme.toLowerCase()}-${width}x${height}.png`),
      });
    }
    await desk.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(desk.page.getByRole('dialog')).toHaveCount(0);
  }
}

const BACKUP = 'backup passphrase for e2e';
const NEW = 'new workspace passphrase';

test('an officer backs up, changes the key protection and restores the backup', async ({
  desk,
}, testInfo) => {
  // Many full-page screenshots on a busy machine.
  test.setTimeout(180_000);
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  const raw = () => desk.services.workspace.requireOpen().replica.raw;
  writeBundles(raw(), generateCustomers({ customers: 120, seed: 9 }));
  const names = () =>
    raw().prepare('SELECT name FROM customers ORDER BY customer_id').pluck().all();
  const backedUp = names();

  await new ShellPage(desk.page).open('Settings');
  const keys = new KeyBackupsPage(desk.page);
  await expect(keys.row('Key protection')).toContainText('OS keychain');
  await expect(keys.row('Last backup')).toContainText('Never backed up');

  // A typo in the repeated passphrase is caught before anything is written.
  await dialogShots(desk, testInfo, 'backup-dialog-typo', async () => {
    await keys.openBackup(BACKUP, `${BACKUP}!`);
    await keys.submit(/Choose where and back up/);
    await expect(keys.dialog()).toContainText('The passphrases differ.');
  });
  expect(desk.services.workspace.lastBackup()).toBeNull();
  await keys.openBackup(BACKUP);
  await keys.submit(/Choose where and back up/);
  await expect(keys.notice('Backup written')).toContainText('120 customers backed up to');
  await expect(keys.row('Last backup')).toContainText('120 customers');
  await screenshotThemes(desk, testInfo, 'key-and-backups', keys.section());

  await dialogShots(desk, testInfo, 'change-key-dialog', async () => {
    await keys.openChangeKey();
    await keys.choosePassphrase(NEW);
  });
  await keys.openChangeKey();
  await keys.choosePassphrase(NEW);
  await keys.submit(/Change the protection/);
  await expect(keys.notice('New key in place')).toBeVisible();
  await expect(keys.row('Key protection')).toContainText('Passphrase');
  expect(desk.services.workspace.requireOpen().metadata.keyMode).toBe('passphrase');

  // Work after the backup, which the restore takes back.
  raw()
    .prepare(
      'DELETE FROM customers WHERE customer_id IN (SELECT customer_id FROM customers LIMIT 20)',
    )
    .run();

  await dialogShots(desk, testInfo, 'restore-wrong-passphrase', async () => {
    await keys.section().getByRole('button', { name: 'Restore from a backup' }).click();
    await keys.fillRestore('not the backup passphrase');
    await keys.submit(/Choose the backup file and restore/);
    await expect(keys.dialog().getByRole('alert')).toContainText('does not open the backup');
  });
  await keys.section().getByRole('button', { name: 'Restore from a backup' }).click();
  await keys.fillRestore(BACKUP);
  await keys.submit(/Choose the backup file and restore/);
  await expect(keys.notice('Backup restored')).toContainText('before-restore-');
  expect(names()).toEqual(backedUp);
  await expect(keys.row('Key protection')).toContainText('OS keychain');
});

test('the unlock screen offers a restore to an officer who lost the passphrase', async ({
  desk,
}, testInfo) => {
  test.setTimeout(120_000);
  await desk.open();
  await expect(desk.page.getByRole('button', { name: 'Restore from a backup file' })).toBeVisible();
  await gateShots(desk, testInfo, 'first-run-with-restore');
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  const keys = new KeyBackupsPage(desk.page);
  await new ShellPage(desk.page).open('Settings');
  await keys.openBackup(BACKUP);
  await keys.submit(/Choose where and back up/);
  await expect(keys.notice('Backup written')).toBeVisible();
  await keys.openChangeKey();
  await keys.choosePassphrase(NEW);
  await keys.submit(/Change the protection/);
  await expect(keys.row('Key protection')).toContainText('Passphrase');
  await new ShellPage(desk.page).lock();
  await gateShots(desk, testInfo, 'unlock-with-restore');

  await desk.page.getByRole('button', { name: 'Restore from a backup file' }).click();
  await expect(keys.dialog()).toContainText('is moved into a folder of its own and kept');
  await keys.fillRestore(BACKUP);
  await gateShots(desk, testInfo, 'unlock-restore-dialog');
  await keys.submit(/Choose the backup file and restore/);
  await expect(new ShellPage(desk.page).navigation()).toBeVisible();
  expect(desk.services.workspace.requireOpen().metadata.keyMode).toBe('keychain');
  expect(await desk.services.workspace.requireOpen().audit.verify()).toMatchObject({ ok: true });
});

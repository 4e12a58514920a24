import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { UnlockPage } from './pages/unlock-page';
import { screenshotThemes } from './screenshots';

test('the desk locks itself after the time the officer chose, and says why', async ({
  desk,
}, testInfo) => {
  test.setTimeout(90_000);
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  await shell.open('Settings');
  const locking = desk.page.getByRole('region', { name: 'Locking' });
  const choice = locking.getByRole('combobox', { name: 'Lock when the computer is left unused' });
  await expect(choice).toHaveValue('After 10 minutes (recommended)');
  await choice.click();
  await desk.page.getByRole('option', { name: 'After 5 minutes', exact: true }).click();
  await expect(desk.page.getByText('Locking setting saved.')).toBeVisible();
  expect(desk.services.autoLock.settings()).toEqual({ minutes: 5 });
  await screenshotThemes(desk, testInfo, 'settings-locking', locking);

  // Four minutes without input changes nothing; five lock the desk.
  expect(await desk.services.autoLock.idle(240)).toBe(false);
  await expect(desk.page.getByTestId('workspace-name')).toBeVisible();
  await shell.chooseTheme('System');
  expect(await desk.services.autoLock.idle(300)).toBe(true);
  const unlock = new UnlockPage(desk.page);
  await expect(unlock.heading()).toBeVisible();
  await expect(desk.page.getByRole('status')).toContainText('left unused');
  for (const colorScheme of ['light', 'dark'] as const) {
    await desk.page.emulateMedia({ colorScheme });
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await desk.page.setViewportSize({ width, height });
      await desk.page.screenshot({
        path: testInfo.outputPath(`unlock-after-idle-${colorScheme}-${width}x${height}.png`),
      });
    }
  }

  await unlock.unlock();
  await expect(desk.page.getByTestId('workspace-name')).toHaveText('Desk');
  const [locked] = (await desk.services.workspace.requireOpen().audit.list({ limit: 10 })).filter(
    (entry) => entry.action === 'workspace.locked',
  );
  expect(locked?.details).toEqual({ reason: 'idle', stoppedJobs: 0 });
  // The officer's own lock needs no explanation on the way back.
  await shell.lock();
  await expect(unlock.heading()).toBeVisible();
  await expect(desk.page.getByRole('status')).toHaveCount(0);
});

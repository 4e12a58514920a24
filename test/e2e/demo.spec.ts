import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { SyncPage } from './pages/sync-page';

test('the demo workspace opens with a central database full of synthetic customers', async ({
  desk,
}) => {
  test.setTimeout(120_000);
  await desk.open();
  const firstRun = new FirstRunPage(desk.page);
  await firstRun.tryDemo();
  const shell = new ShellPage(desk.page);
  await expect(shell.workspaceName()).toBeVisible({ timeout: 60_000 });

  await shell.open('Sync');
  const sync = new SyncPage(desk.page);
  await expect(sync.status()).toContainText('postgres@127.0.0.1');
  await sync.syncNow();
  await expect
    .poll(
      () =>
        desk.services.workspace
          .requireOpen()
          .replica.raw.prepare('SELECT count(*) FROM customers')
          .pluck()
          .get(),
      { timeout: 60_000 },
    )
    .toBeGreaterThan(1000);
  // The customers arrive before the sync ends (the search index is built after them).
  await expect(sync.status()).toContainText('Up to date', { timeout: 60_000 });
});

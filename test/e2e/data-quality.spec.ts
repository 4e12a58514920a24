import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { QualityPage } from './pages/quality-page';
import { ShellPage } from './pages/shell-page';
import { SyncPage } from './pages/sync-page';
import { dialogThemes, screenshotThemes } from './screenshots';

test('the data-quality screen shows the demo’s figures, the records behind one, and its profile', async ({
  desk,
}, testInfo) => {
  test.setTimeout(180_000);
  await desk.open();
  await new FirstRunPage(desk.page).tryDemo();
  const shell = new ShellPage(desk.page);
  await expect(shell.workspaceName()).toBeVisible({ timeout: 60_000 });
  await shell.open('Sync');
  await new SyncPage(desk.page).syncNow();
  await expect(new SyncPage(desk.page).status()).toContainText('Up to date', { timeout: 90_000 });
  // As the Duplicates screen starts it: the day's figures are recorded when it finishes.
  await desk.services.handlers['duplicates:check']({ kind: 'full' });

  await shell.open('Data quality');
  const quality = new QualityPage(desk.page);
  await expect(shell.screenHeading()).toHaveText('Data quality');
  const { raw } = desk.services.workspace.requireOpen().replica;
  const customers = raw
    .prepare('SELECT count(*) FROM customers WHERE merged_into IS NULL')
    .pluck()
    .get() as number;
  await expect(quality.counted()).toContainText(`${customers.toLocaleString('en-US')} records`, {
    timeout: 30_000,
  });
  await expect(quality.missingFields()).toContainText('Date of birth');
  // The demo's officer login may not read central's figures: said plainly, nothing else shown.
  await expect(desk.page.getByRole('main')).toContainText('approvers and administrators only');
  await screenshotThemes(desk, testInfo, 'data-quality');

  // The records behind the missing dates of birth, as the replica holds them.
  const withoutBirth = raw
    .prepare(
      `SELECT customer_id, name FROM customers WHERE merged_into IS NULL
         AND coalesce(trim(json_extract(attributes, '$.date_of_birth')), '') = ''
       ORDER BY customer_id LIMIT 1`,
    )
    .get() as { customer_id: number; name: string };
  await quality.showRecords(/records without date of birth/);
  const records = quality.records();
  await expect(records).toContainText('Records without date of birth');
  const first = records.getByRole('row').nth(1);
  await expect(first).toContainText(String(withoutBirth.customer_id));
  await expect(first).toContainText(withoutBirth.name);
  await dialogThemes(desk, testInfo, 'data-quality-records');
  await first.getByRole('button', { name: /Open the profile/ }).click();
  await expect(shell.screenHeading()).toHaveText(withoutBirth.name);
  const audited = raw
    .prepare(`SELECT details FROM audit_log WHERE action = 'quality.records-shown'`)
    .pluck()
    .all() as string[];
  expect(audited.length).toBeGreaterThan(0);

  // As the demo's approver, central tells how far each desk is behind.
  // Switched in Settings, as an officer does, once the desk has reconnected as Sam.
  await shell.open('Settings');
  const officers = desk.page.getByRole('region', { name: 'Demo officers' });
  await officers.getByText('Sam Okafor (approves)').click();
  await expect(officers).toContainText('This desk works as Sam Okafor, central login demo_sam.');
  await desk.services.sync.run();
  await shell.open('Data quality');
  await expect(quality.deskLag()).toBeVisible({ timeout: 30_000 });
  await expect(quality.centralAsOf()).toContainText('From central');
  // The desk stays registered to the login that first checked in with it.
  // Named from the team directory, with the login beneath.
  await expect(quality.deskLag()).toContainText('Alex Meyer(this desk)demo_alex');
  await expect(desk.page.getByRole('main')).toContainText('One day recorded so far');
  await screenshotThemes(desk, testInfo, 'data-quality-central', quality.deskLag());
});

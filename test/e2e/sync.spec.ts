import { queueOperation } from '../../src/main/sync/outbox';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { CentralConnectionPage, SyncPage } from './pages/sync-page';
import { screenshotThemes } from './screenshots';

test('connect a desk in Settings, sync, and resolve a conflict by taking central’s value', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await admin.query(`INSERT INTO reflect.customers (customer_id, name, email, status)
                     SELECT i, 'Person ' || i, 'p' || i || '@example.org', 'active' FROM generate_series(1, 40) i`);
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);

  await shell.open('Sync');
  await expect(desk.page.getByText('No central database yet')).toBeVisible();
  await desk.page.getByRole('button', { name: 'Open Settings' }).click();
  const connection = new CentralConnectionPage(desk.page);
  await connection.connect(officerUrl);
  await expect(connection.outcome()).toContainText('Connected.');

  await shell.open('Sync');
  const sync = new SyncPage(desk.page);
  await expect(sync.status()).toContainText('Not synced yet');
  await sync.syncNow();
  await expect(sync.status()).toContainText('Up to date');
  await expect(sync.status()).not.toContainText('never');
  const { replica } = desk.services.workspace.requireOpen();
  expect(replica.raw.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(40);

  // A change made on this desk while someone changed the same record centrally.
  replica.raw.transaction(() => {
    replica.raw
      .prepare(`UPDATE customers SET email = 'desk@example.org' WHERE customer_id = 3`)
      .run();
    queueOperation(
      replica.raw,
      {
        kind: 'customer.rectify',
        payload: { customer_id: 3, base_version: 1, changes: { email: 'desk@example.org' } },
        rows: [{ table: 'customers', pk: 3 }],
      },
      new Date(),
    );
  })();
  await admin.query(
    `UPDATE reflect.customers SET email = 'central@example.org' WHERE customer_id = 3`,
  );

  await sync.syncNow();
  await expect(sync.status()).toContainText('Conflicts1');
  // Side by side, the changed field marked: what this desk sent against central's record.
  const compared = desk.page.getByRole('table', { name: 'Compared fields' });
  await expect(compared.locator('tr[data-differs]')).toHaveCount(1);
  await expect(compared.locator('tr[data-differs]')).toContainText('Email');
  await expect(compared.locator('tr[data-differs]')).toContainText('desk@example.org');
  await expect(compared.locator('tr[data-differs]')).toContainText('central@example.org');
  await screenshotThemes(desk, testInfo, 'sync-conflict', compared);
  await sync.useCentralValue();
  await expect(sync.status()).toContainText('Conflicts0');
  await sync.syncNow();
  // The discarded change gives way to central's value at the next pull.
  await expect
    .poll(() =>
      replica.raw.prepare('SELECT email FROM customers WHERE customer_id = 3').pluck().get(),
    )
    .toBe('central@example.org');
  await expect(sync.status()).toContainText('Up to date');
  await admin.end();
});

import pg from 'pg';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { CentralConnectionPage, SyncPage } from './pages/sync-page';

test('shows a pull held back by a long central transaction, then up to date once it ends', async ({
  desk,
  centralAdminUrl,
}) => {
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await admin.query(`INSERT INTO reflect.customers (customer_id, name, email, status)
                     SELECT i, 'Person ' || i, 'p' || i || '@example.org', 'active' FROM generate_series(1, 10) i`);
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  await shell.open('Settings');
  const connection = new CentralConnectionPage(desk.page);
  await connection.connect(officerUrl);
  await expect(connection.outcome()).toContainText('Connected.');
  await shell.open('Sync');
  const sync = new SyncPage(desk.page);
  await sync.syncNow();
  await expect(sync.status()).toContainText('Up to date');

  // Someone's long write transaction, then a change committed after it began.
  const holder = new pg.Client({ connectionString: officerUrl });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT pg_current_xact_id()');
  await admin.query(`UPDATE reflect.customers SET name = 'Committed Behind' WHERE customer_id = 3`);

  await sync.syncNow();
  await expect(sync.status()).toContainText('Held back by central');
  const alert = desk.page.getByRole('alert').filter({ hasText: 'cannot arrive yet' });
  await expect(alert).toContainText('1 central change is committed but cannot arrive yet');
  await expect(alert).toContainText(/open for (less than a minute|\d+ min)/);
  await desk.page.screenshot({ path: 'test-results/e2e/sync-held-back.png', fullPage: true });

  await holder.query('COMMIT');
  await holder.end();
  await sync.syncNow();
  await expect(sync.status()).toContainText('Up to date');
  await expect(alert).toHaveCount(0);
  await admin.end();
});

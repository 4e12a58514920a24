import { centralWithOfficer } from './central-database';
import { expect, test, type Desk } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { SearchPage } from './pages/search-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes } from './screenshots';

async function connectedDesk(desk: Desk, name: string, url: string): Promise<void> {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name });
  await desk.services.sync.connect({ url: `${url}?sslmode=disable` });
  await desk.services.sync.run();
}

test('an administrator confirms a retention default, sees what the next run removes and runs it', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { adminLoginUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await admin.query(`
    INSERT INTO reflect.customers (customer_id, name) VALUES (900001, 'Ines Okafor'), (900002, 'Tomas Berg');
    INSERT INTO reflect.orders (order_id, customer_id, placed_at, status, total_cents, currency) VALUES
      (900011, 900001, now() - interval '8 years', 'paid', 1200, 'EUR'),
      (900012, 900002, now() - interval '9 years', 'paid', 3400, 'EUR'),
      (900013, 900002, now() - interval '1 year', 'paid', 560, 'EUR');
    INSERT INTO reflect.events (customer_id, event_type, occurred_at) VALUES
      (900001, 'page_view', now() - interval '200 days');`);
  await connectedDesk(desk, 'Administrator desk', adminLoginUrl);
  await new ShellPage(desk.page).open('Settings');
  const card = desk.page.getByRole('region', { name: 'Retention' });
  const policies = card.getByRole('table', { name: 'Retention policies' });
  await expect(policies).toContainText('transactional data (orders)');
  await expect(policies).toContainText('7 years after the event');
  await expect(policies.getByText('Not confirmed', { exact: true })).toHaveCount(2);
  const next = card.getByTestId('retention-next-run');
  await expect(next).toContainText(
    'Next run removes 0 rows. 2 unconfirmed policies would remove 3 more once confirmed.',
  );
  await card.getByRole('button', { name: 'Confirm transactional data (orders)' }).click();
  await expect(next).toContainText('Next run removes 2 rows.');
  await expect(policies).toContainText('first ids 900011, 900012');
  await screenshotThemes(desk, testInfo, 'retention-settings', card);

  await card.getByRole('button', { name: 'Run now' }).click();
  await expect(card.getByRole('table', { name: 'Retention runs' })).toContainText('by hand');
  await expect(next).toContainText('Next run removes 0 rows.');
  const left = await admin.query<{ id: string }>(
    'SELECT order_id::text AS id FROM reflect.orders WHERE order_id >= 900011 ORDER BY 1',
  );
  expect(left.rows.map((r) => r.id)).toEqual(['900013']);
  await screenshotThemes(desk, testInfo, 'retention-run-log', card);
});

test('an approver places a legal hold on a profile and releases it', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { approverUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await admin.query(
    `INSERT INTO reflect.customers (customer_id, name, email) VALUES (900021, 'Mara Quint', 'mara@example.org')`,
  );
  await connectedDesk(desk, 'Approver desk', approverUrl);
  const search = new SearchPage(desk.page);
  await search.search('Mara Quint');
  await search.open('Mara Quint', 900021);
  const hold = desk.page.getByRole('region', { name: 'Legal hold' });
  await expect(hold).toContainText('No hold: retention policies apply to this person');
  await hold.getByRole('button', { name: 'Place a legal hold' }).click();
  await hold.getByLabel('Why must the data be kept?').fill('Litigation 4 O 112/26, Regional Court');
  await hold.getByRole('button', { name: 'Place the hold on central' }).click();
  await expect(hold).toContainText('On hold');
  await expect(hold).toContainText('Retention is paused for this person: “Litigation 4 O 112/26');
  await screenshotThemes(desk, testInfo, 'retention-hold-profile');
  const placed = await admin.query(
    'SELECT 1 FROM reflect.legal_holds WHERE customer_id = 900021 AND released_at IS NULL',
  );
  expect(placed.rowCount).toBe(1);
  await hold.getByRole('button', { name: 'Release' }).click();
  await expect(hold).toContainText('No hold');
});

import { discover } from '../../src/main/datamap/discover';
import { saveDataMap } from '../../src/main/datamap/datamap-store';
import { createForeignSchema } from '../support/foreign-schema';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes } from './screenshots';

test('the desk shows the data map in force, and where the database no longer matches it', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(90_000);
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  await desk.services.sync.connect({ url: `${officerUrl}?sslmode=disable` });
  const shell = new ShellPage(desk.page);
  await shell.open('Settings');
  const card = desk.page.getByRole('region', { name: 'Data map' });
  await expect(card).toContainText('No data map is in force on central');

  // An administrator discovers the company's tables and saves the map; a column is renamed later.
  await createForeignSchema(admin);
  const { map } = await discover(admin);
  await saveDataMap(admin, map, { baseVersion: null, note: 'first review' });
  await admin.query('ALTER TABLE crm.person RENAME COLUMN email_address TO email');
  await admin.query('ALTER TABLE crm.orders ADD COLUMN coupon text');
  await desk.services.sync.run();

  await expect(card).toContainText(/Version 1, saved by /);
  const blocking = card.getByRole('alert').filter({ hasText: 'no longer matches the map' });
  await expect(blocking).toContainText(
    'crm.person.email_address is no longer in the database; email appeared instead and may be its new name.',
  );
  await expect(card.getByRole('alert').filter({ hasText: 'New in the database' })).toContainText(
    'crm.orders.coupon is new',
  );
  await expect(
    card.getByRole('table', { name: "Where each part of a person's identity is kept" }),
  ).toContainText(/Town or city\s*crm\.city\.name/);
  await expect(card).toContainText('crm.newsletter_signup.email holds emails');
  await screenshotThemes(desk, testInfo, 'data-map', blocking);

  // A table's columns, with what discovery was unsure of marked for review.
  await card.getByRole('button', { name: 'crm.person' }).click();
  const columns = card.getByRole('table', { name: 'Columns of crm.person' });
  await expect(columns.getByRole('row').filter({ hasText: 'email_address' })).toContainText(
    'Contact details',
  );
  await expect(columns.getByRole('row').filter({ hasText: 'loyalty_tier' })).toContainText(
    'review',
  );
  await screenshotThemes(desk, testInfo, 'data-map-columns', columns);
});

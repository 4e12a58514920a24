import { seedCentral } from '../../src/main/demo/seed-central';
import { generateCustomers } from '../../src/main/demo/synthetic-data';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ProfilePage } from './pages/profile-page';
import { SearchPage, SpotlightPage } from './pages/search-page';
import { ShellPage } from './pages/shell-page';
import { SyncPage } from './pages/sync-page';
import { screenshotThemes, shot } from './screenshots';

test('find a subject despite a typo, read the profile, rectify the email through central', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(90_000);
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await seedCentral(admin, generateCustomers({ customers: 300, seed: 3 }));
  const subject = (
    await admin.query<{ customer_id: number; name: string; email: string }>(
      `SELECT c.customer_id::int AS customer_id, c.name, c.email FROM reflect.customers c
       WHERE c.email IS NOT NULL AND c.name ~ '^[A-Za-z]+ [A-Za-z]{6,}$'
         AND (SELECT count(*) FROM reflect.orders o WHERE o.customer_id = c.customer_id) >= 2
         AND EXISTS (SELECT 1 FROM reflect.events e WHERE e.customer_id = c.customer_id)
         AND EXISTS (SELECT 1 FROM reflect.consents k WHERE k.customer_id = c.customer_id)
       ORDER BY c.customer_id LIMIT 1`,
    )
  ).rows[0];
  if (!subject) throw new Error('The seed has no subject with orders, events and consents.');
  const [given, family] = subject.name.split(' ') as [string, string];
  const typo = `${given} ${family.slice(0, 2)}${family[3]}${family[2]}${family.slice(4)}`;

  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  await desk.services.sync.connect({ url: `${officerUrl}?sslmode=disable` });
  await desk.services.sync.run();

  const search = new SearchPage(desk.page);
  await search.search(typo);
  await expect(search.hits().first()).toContainText(subject.name);
  await expect(search.corrections()).toContainText(family.toLowerCase());
  await expect(search.hits().first().locator('mark').first()).toHaveText(given);
  await shot(desk, testInfo, 'search-results');
  await search.open(subject.name, subject.customer_id);

  const profile = new ProfilePage(desk.page);
  await expect(profile.heading()).toHaveText(subject.name);
  expect(await profile.orders().count()).toBeGreaterThanOrEqual(2);
  await shot(desk, testInfo, 'profile');
  await profile.tab(/^Events/);
  // Event details read as lines of field and value, not as JSON.
  await expect(profile.events().first()).not.toContainText('{"');
  await expect(
    profile.events().first().getByRole('table', { name: 'Event details' }),
  ).toBeVisible();
  await screenshotThemes(desk, testInfo, 'profile-events', profile.events().first());
  await profile.tab(/^Consents/);
  await expect(profile.consents().first()).toBeVisible();

  await profile.rectify('email', 'Email', 'someone@@example');
  await expect(desk.page.getByText('That is not a valid email address.')).toBeVisible();
  await desk.page.getByRole('textbox', { name: 'Email' }).fill('rectified.subject@example.org');
  await desk.page.getByRole('button', { name: 'Save rectification' }).click();
  await expect(profile.value('email')).toHaveText('rectified.subject@example.org');
  await expect(profile.field('email')).toContainText('Pending sync');

  const shell = new ShellPage(desk.page);
  await shell.open('Sync');
  await new SyncPage(desk.page).syncNow();
  await expect
    .poll(async () => {
      const central = await admin.query<{ email: string }>(
        'SELECT email FROM reflect.customers WHERE customer_id = $1',
        [subject.customer_id],
      );
      return central.rows[0]?.email;
    })
    .toBe('rectified.subject@example.org');
  await expect(new SyncPage(desk.page).status()).toContainText('Up to date');

  // Back to the subject from anywhere with Ctrl+K: the change is no longer pending.
  const spotlight = new SpotlightPage(desk.page);
  await spotlight.find('rectified.subject@example.org');
  await spotlight.hits().first().click();
  await expect(profile.heading()).toHaveText(subject.name);
  await expect(profile.value('email')).toHaveText('rectified.subject@example.org');
  await expect(profile.field('email')).not.toContainText('Pending sync');

  const audit = await admin.query<{ action: string }>(
    `SELECT action FROM reflect.audit_log WHERE desk_id IS NOT NULL`,
  );
  expect(audit.rows.map((r) => r.action)).toEqual(
    expect.arrayContaining(['search.results-shown', 'customer.viewed', 'customer.rectified']),
  );
  await admin.end();
});

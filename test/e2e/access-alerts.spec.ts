import { replayedAuditLog, RESTRICTED_CUSTOMER } from '../fixtures/access-audit-log';
import { replayAuditLog } from '../support/audit-replay';
import { seedCentral } from '../support/central-fixture';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes, shot } from './screenshots';

test('an administrator sees the access alerts on Home, acknowledges one with a note, and changes a rule', async ({
  desk,
  otherDesk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { adminLoginUrl, officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await seedCentral(admin, 30);
  await admin.query('UPDATE reflect.customers SET restricted = true WHERE customer_id = $1', [
    RESTRICTED_CUSTOMER,
  ]);
  await replayAuditLog(admin, replayedAuditLog());

  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Administrator desk' });
  await desk.services.sync.connect({ url: `${adminLoginUrl}?sslmode=disable` });
  await desk.services.sync.run();
  const shell = new ShellPage(desk.page);
  await shell.open('Settings');
  await shell.open('Today');

  const card = desk.page.getByRole('region', { name: 'Access alerts' });
  await expect(card.getByRole('article')).toHaveCount(4);
  const views = card.getByRole('article', { name: 'Many profiles viewed' });
  await expect(views).toContainText('120 profiles viewed');
  await expect(views.getByRole('table', { name: /Evidence of alert/ })).toContainText(
    /Different people\s*20/,
  );
  await expect(views).toContainText('#10, #11, #12');
  const night = card.getByRole('article', { name: 'Export outside working hours' });
  await expect(night).toContainText('none allowed');
  await expect(night).toContainText('2027-03-02 22:00 (UTC)');
  // Evidence in words: no braces or quotes of raw JSON anywhere on the card.
  await expect(card).not.toContainText('{');
  await expect(card).not.toContainText('"');
  await shot(desk, testInfo, 'home-access-alerts');

  await views.getByRole('button', { name: 'Acknowledge with a note' }).click();
  const acknowledge = views.getByRole('button', { name: 'Acknowledge', exact: true });
  await expect(acknowledge).toBeDisabled();
  await views
    .getByLabel('What you found')
    .fill('A mailing list clean-up agreed with the team lead.');
  await screenshotThemes(desk, testInfo, 'home-access-alert-note', views);
  await acknowledge.click();
  await expect(card.getByRole('article')).toHaveCount(3);
  const stored = await admin.query<{ acknowledgement: string }>(
    `SELECT acknowledgement FROM reflect.alerts WHERE rule = 'profile_views'`,
  );
  expect(stored.rows).toEqual([
    { acknowledgement: 'A mailing list clean-up agreed with the team lead.' },
  ]);

  await shell.open('Settings');
  const rules = desk.page.getByRole('region', { name: 'Access alert rules' });
  const table = rules.getByRole('table', { name: 'Alert rules' });
  await expect(table).toContainText('More than 100 in an hour by one login');
  await expect(table).toContainText('Any export outside 08:00–18:00, Mon–Fri (UTC)');
  await rules.getByRole('button', { name: 'Change Export outside working hours' }).click();
  const form = rules.getByRole('form', { name: 'Change Export outside working hours' });
  await form.getByLabel('Organisation time zone').fill('Europe/Berlin');
  await form.getByLabel('Working hours end').fill('17:30');
  await screenshotThemes(desk, testInfo, 'settings-alert-rules-form', rules);
  await form.getByRole('button', { name: 'Save on central' }).click();
  await expect(table).toContainText('Any export outside 08:00–17:30, Mon–Fri (Europe/Berlin)');
  await screenshotThemes(desk, testInfo, 'settings-alert-rules', rules);

  // An officer's desk: central shows it no alert and no rule, and Settings says why.
  await otherDesk.open();
  await new FirstRunPage(otherDesk.page).createOpened({ name: 'Officer desk' });
  await otherDesk.services.sync.connect({ url: `${officerUrl}?sslmode=disable` });
  await otherDesk.services.sync.run();
  const officerShell = new ShellPage(otherDesk.page);
  await officerShell.open('Settings');
  const refused = otherDesk.page.getByRole('region', { name: 'Access alert rules' });
  await expect(refused).toContainText(
    'Central shows the alert rules to approvers and administrators only',
  );
  await screenshotThemes(otherDesk, testInfo, 'settings-alert-rules-officer', refused);
  await officerShell.open('Today');
  await expect(otherDesk.page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await expect(otherDesk.page.getByRole('region', { name: 'Access alerts' })).toHaveCount(0);
});

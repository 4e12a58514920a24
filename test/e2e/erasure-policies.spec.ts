import { centralWithOfficer } from './central-database';
import { expect, test, type Desk } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { SettingsPage } from './pages/settings-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes } from './screenshots';

async function settingsDesk(desk: Desk, name: string, url: string): Promise<SettingsPage> {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name });
  await desk.services.sync.connect({ url: `${url}?sslmode=disable` });
  await new ShellPage(desk.page).open('Settings');
  return new SettingsPage(desk.page);
}

test('an administrator sets the erasure policy of a table that had none; an officer only reads them', async ({
  desk,
  otherDesk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { officerUrl, adminLoginUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await admin.query(
    `CREATE TABLE reflect.loyalty_cards (card_id bigint PRIMARY KEY,
       customer_id bigint NOT NULL REFERENCES reflect.customers, holder text, issued_on date)`,
  );

  const settings = await settingsDesk(desk, 'Administrator desk', adminLoginUrl);
  const card = settings.erasurePolicies();
  const missing = card.getByTestId('tables-without-policy');
  await expect(missing).toContainText('reflect.loyalty_cards');
  await expect(card.getByRole('table', { name: 'Erasure policies' })).toContainText(
    /reflect\.orders.*Kept 10 years from its placed_at/,
  );
  await screenshotThemes(desk, testInfo, 'erasure-policies-missing', card);

  await card.getByRole('button', { name: 'Set a policy for reflect.loyalty_cards' }).click();
  const form = settings.policyForm();
  await settings.choose('When a person is erased', 'Keep the rows for a period the law requires');
  await expect(form.getByRole('status')).toContainText('needs the legal basis');
  await expect(form.getByRole('button', { name: 'Save the policy' })).toBeDisabled();
  await form
    .getByLabel('Legal basis for keeping them')
    .fill('consumer law: loyalty statements are kept three years');
  await form.getByLabel('Years kept').fill('3');
  await settings.choose('Counted from', "The row's issued_on");
  await settings.choose('Then', 'Anonymise them');
  await form.getByRole('button', { name: 'Add a column' }).click();
  await settings.choose('Column 1', 'holder (text)');
  await settings.choose('Rule for column 1', 'Set a fixed text');
  await form.getByLabel('Text for column 1').fill('erased');
  await expect(form.getByRole('status')).toHaveCount(0);
  await screenshotThemes(desk, testInfo, 'erasure-policy-form', form);
  await form.getByRole('button', { name: 'Save the policy' }).click();

  await expect(missing).toHaveCount(0);
  await expect(card.getByRole('table', { name: 'Erasure policies' })).toContainText(
    'Kept 3 years from its issued_on, unlinked from the person, then anonymised (holder set to “erased”)',
  );
  const stored = await admin.query(
    `SELECT strategy, columns, retain_years, retain_from, then_strategy FROM reflect.erasure_policies
     WHERE table_name = 'loyalty_cards'`,
  );
  expect(stored.rows).toEqual([
    {
      strategy: 'retain',
      columns: { holder: 'fixed:erased' },
      retain_years: 3,
      retain_from: 'issued_on',
      then_strategy: 'anonymise',
    },
  ]);
  await screenshotThemes(desk, testInfo, 'erasure-policies-set', card);

  // Another login reads the same policies, with nothing to change them by.
  const officerSettings = await settingsDesk(otherDesk, 'Officer desk', officerUrl);
  const officerCard = officerSettings.erasurePolicies();
  await expect(officerCard.getByTestId('policy-read-only')).toContainText(
    "Only an administrator's login can change erasure policies",
  );
  await expect(officerCard).toContainText('reflect.loyalty_cards');
  await expect(officerCard.getByRole('button', { name: /Change the policy/ })).toHaveCount(0);
  await screenshotThemes(otherDesk, testInfo, 'erasure-policies-read-only', officerCard);
  await admin.end();
});

import { expect, test } from './fixtures';
import { CasesPage } from './pages/cases-page';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { dialogThemes } from './screenshots';

test.use({ deskClock: new Date('2027-02-10T09:00:00Z') });

test('a new request with several mistakes shows each beside its field, all at once', async ({
  desk,
}, testInfo) => {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  await new ShellPage(desk.page).open('Cases');
  await desk.page.getByRole('button', { name: 'New request' }).click();
  const form = desk.page.getByRole('dialog', { name: 'New request' });

  await form.getByLabel('Received at').fill('2027-03-01T10:00');
  await form.getByLabel('Emails').fill('ann@');
  await form.getByLabel('Emails').press('Enter');
  await form.getByLabel('Phones (with country code)').fill('12');
  await form.getByLabel('Phones (with country code)').press('Enter');
  // Written the way people write it, with the trunk zero in brackets: accepted.
  await form.getByLabel('Phones (with country code)').fill('+44 (0)7700 900852');
  await form.getByLabel('Phones (with country code)').press('Enter');
  await form.getByLabel("Made by an authorised agent on the person's behalf").check();
  await form.getByRole('button', { name: 'Open case' }).click();

  await expect(form.getByTestId('intake-problems')).toContainText(
    '5 things to fix, each shown beside its field.',
  );
  await expect(form.getByText('"ann@" is not a valid email address.')).toBeVisible();
  await expect(
    form.getByText('"12" is not a valid phone number; include the country code'),
  ).toBeVisible();
  await expect(
    form.getByText('The request cannot have been received in the future.'),
  ).toBeVisible();
  await expect(form.getByText('Give the agent a name.')).toBeVisible();
  await expect(form.getByText('Say how the agent showed their authority.')).toBeVisible();
  await dialogThemes(desk, testInfo, 'intake-problems');

  // Editing a field takes its message away; the others stay until they are fixed.
  await form.getByLabel('Received at').fill('2027-02-09T10:00');
  await expect(form.getByText('The request cannot have been received in the future.')).toHaveCount(
    0,
  );
  await expect(form.getByText('Give the agent a name.')).toBeVisible();

  // The last tag goes with Backspace in an empty field.
  await form.getByLabel('Emails').press('Backspace');
  await form.getByLabel('Emails').fill('ann@example.org');
  await form.getByLabel('Emails').press('Enter');
  const phones = form.getByLabel('Phones (with country code)');
  await phones.press('Backspace');
  await phones.press('Backspace');
  await phones.fill('+44 (0)7700 900852');
  await phones.press('Enter');
  await form.getByLabel('Agent name').fill('Citizens Advice Bureau');
  await form.getByLabel('Authority shown').fill('signed letter of authority');
  await form.getByRole('button', { name: 'Open case' }).click();
  await expect(form).toHaveCount(0);
  await expect(new CasesPage(desk.page).status()).toHaveText('Received');
});

import { casesDesk } from './cases-desk';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes } from './screenshots';

test.use({ deskClock: new Date('2027-02-10T09:00:00Z') });

test('a letter with a gap cannot be saved as sent; set up, it goes out in the requester’s language', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(150_000);
  const { officerUrl } = await centralWithOfficer(centralAdminUrl);
  const cases = await casesDesk(desk, 'Officer desk', officerUrl);
  await cases.newRequest({
    name: 'Erika Mustermann',
    email: 'erika@example.org',
    receivedAt: '2027-01-31T10:00',
    timeZone: 'Europe/Berlin',
  });
  await expect(cases.status()).toHaveText('Received');
  const page = desk.page;
  const card = page.getByRole('main').locator('.mantine-Card-root', { hasText: 'Communications' });
  const language = card.getByRole('combobox', { name: 'Letters and documents in' });
  // Berlin, no language chosen: German, from the requester's country.
  await expect(language).toHaveValue('Deutsch (German)');

  // Not synced yet, organisation never set up: every gap is named and sending is blocked.
  await card.getByRole('combobox', { name: 'Template' }).click();
  await page.getByRole('option', { name: 'Acknowledgement' }).click();
  const gaps = card.getByTestId('letter-gaps');
  await expect(gaps).toContainText('Central has not given this case its reference yet');
  await expect(gaps).toContainText('still “Our company”');
  await expect(gaps).toContainText('No one signs the letters yet');
  await expect(card.getByLabel('Message')).toHaveValue(/^Guten Tag Erika Mustermann,/);
  await expect(card.getByRole('button', { name: 'Save as sent' })).toBeDisabled();
  await screenshotThemes(desk, testInfo, 'letter-with-gaps', card);

  // The organisation fills in who answers requesters.
  await new ShellPage(page).open('Settings');
  const organisation = page.getByRole('region', { name: 'Organisation' });
  await organisation
    .getByRole('textbox', { name: 'Name', exact: true })
    .fill('Beispiel Versand GmbH');
  await organisation.getByLabel('Postal address').fill('Beispielstraße 1\n10115 Berlin');
  await organisation.getByLabel('Signs the letters').fill('Anna Schmidt, Datenschutzbeauftragte');
  await organisation.getByRole('button', { name: 'Save organisation' }).click();
  await page.getByText('Organisation saved.').waitFor();
  expect(desk.services.cases.settings()).toMatchObject({
    organisationName: 'Beispiel Versand GmbH',
    signatory: 'Anna Schmidt, Datenschutzbeauftragte',
  });
  await screenshotThemes(desk, testInfo, 'settings-organisation', organisation);
  const labels = page.getByRole('region', { name: 'Labels in requester documents' });
  await labels.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Deutsch (German)' }).click();
  await labels.getByRole('button', { name: /^orders/ }).click();
  await expect(labels.getByLabel('total_cents')).toHaveAttribute('placeholder', 'Gesamtbetrag');
  await labels.getByLabel('total_cents').fill('Rechnungsbetrag');
  await labels.getByRole('button', { name: 'Save labels' }).click();
  await page.getByText('Labels saved.').waitFor();
  await screenshotThemes(desk, testInfo, 'settings-labels', labels);

  // Numbered by central, the requester prefers French: the letter is complete and goes out.
  await desk.services.sync.run();
  await new ShellPage(page).open('Cases');
  await cases.openRow('Erika Mustermann');
  await language.click();
  await page.getByRole('option', { name: 'Français (French)' }).click();
  await expect(language).toHaveValue('Français (French)');
  await card.getByRole('combobox', { name: 'Template' }).click();
  await page.getByRole('option', { name: 'Acknowledgement' }).click();
  await expect(card.getByLabel('Message')).toHaveValue(
    /^Bonjour Erika Mustermann,\n\nNous avons bien reçu votre demande d’accès/,
  );
  await expect(card.getByTestId('letter-gaps')).toHaveCount(0);
  await screenshotThemes(desk, testInfo, 'letter-ready', card);
  await card.getByRole('button', { name: 'Save as sent' }).click();
  await expect(card.getByTestId('communication')).toContainText(
    /Votre demande DSAR-\d{4}-\d{5} : accusé de réception/,
  );
});

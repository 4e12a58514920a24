import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { confirmEnrolment, enrolAdmin } from '../../src/main/central/admin-mfa';
import { base32Decode, centralSeconds, totp } from '../support/totp';
import { centralWithOfficer } from './central-database';
import { expect, test, type Desk } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { SettingsPage } from './pages/settings-page';
import { ShellPage } from './pages/shell-page';
import { dialogThemes, screenshotThemes } from './screenshots';

async function settingsDesk(desk: Desk, name: string, url: string): Promise<SettingsPage> {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name });
  await desk.services.sync.connect({ url: `${url}?sslmode=disable` });
  await new ShellPage(desk.page).open('Settings');
  return new SettingsPage(desk.page);
}

test('an administrator proposes the register from the data map, edits an activity with a two-step code and exports it; an officer only reads it', async ({
  desk,
  otherDesk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { officerUrl, adminLoginUrl, admin } = await centralWithOfficer(centralAdminUrl);
  const settings = await settingsDesk(desk, 'Administrator desk', adminLoginUrl);
  const card = settings.recordsOfProcessing();
  await expect(card.getByTestId('records-empty')).toContainText('no activities yet');

  await card.getByRole('button', { name: 'Propose from the data map' }).click();
  const proposed = card.getByTestId('records-proposed');
  await expect(proposed).toContainText('6 new activities');
  await screenshotThemes(desk, testInfo, 'records-proposed', card);
  await proposed.getByRole('button', { name: 'Save the proposed activities' }).click();
  const table = card.getByRole('table', { name: 'Records of processing' });
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(table).toContainText('Orders and purchases');
  await screenshotThemes(desk, testInfo, 'records-saved', card);

  // From now on this administrator's changes need a fresh code.
  const self = new pg.Client({ connectionString: adminLoginUrl });
  self.on('error', () => undefined);
  await self.connect();
  const secret = base32Decode((await enrolAdmin(self)).secretBase32);
  const now = await centralSeconds(self);
  await confirmEnrolment(self, totp(secret, now));
  await self.end();

  await card.getByRole('button', { name: 'Change Orders and purchases' }).click();
  const form = settings.activityForm();
  await form.getByLabel('Purposes').fill('');
  await expect(form.getByRole('status')).toContainText('Say why the data is processed.');
  await expect(form.getByRole('button', { name: 'Save the activity' })).toBeDisabled();
  await form
    .getByLabel('Purposes')
    .fill('To fulfil orders and keep the accounts the law asks for.');
  await form
    .getByLabel('Transfers to third countries')
    .fill('=cmd Payment provider in the USA, under standard contractual clauses.');
  await screenshotThemes(desk, testInfo, 'records-form', form);
  await form.getByRole('button', { name: 'Save the activity' }).click();
  const dialog = desk.page.getByRole('dialog', { name: 'Two-step code' });
  await expect(dialog).toContainText('Central asks for a fresh two-step code');
  await dialogThemes(desk, testInfo, 'records-code');
  await dialog.getByRole('textbox').first().click();
  await desk.page.keyboard.type(totp(secret, now + 30));
  await expect(dialog).toHaveCount(0);
  await expect(form).toHaveCount(0);
  await expect(table).toContainText('To fulfil orders and keep the accounts');
  await expect(card.getByTestId('records-history')).toContainText('7 changes');
  const stored = await admin.query<{ version: number; transfers: string }>(
    `SELECT version, transfers FROM reflect.processing_records WHERE activity_id = 'orders'`,
  );
  expect(stored.rows).toEqual([
    {
      version: 2,
      transfers: '=cmd Payment provider in the USA, under standard contractual clauses.',
    },
  ]);

  await card.getByRole('combobox', { name: 'Export with headings in' }).click();
  await desk.page.getByRole('option', { name: 'Deutsch (German)' }).click();
  await card.getByRole('button', { name: 'Export XLSX' }).click();
  await expect(
    desk.page.getByText(/The register \(version 7, 6 activities\) is written to/),
  ).toBeVisible();
  const day = new Date().toISOString().slice(0, 10);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(desk.savesDir, `records-of-processing-${day}.xlsx`));
  const sheet = book.getWorksheet('Tätigkeiten');
  expect(sheet?.getCell('A1').value).toBe('Kennung');
  const transfers = sheet
    ?.getColumn(8)
    .values.find((v) => typeof v === 'string' && v.includes('Payment provider'));
  expect(transfers).toBe("'=cmd Payment provider in the USA, under standard contractual clauses.");
  await card.getByRole('button', { name: 'Export PDF' }).click();
  await expect(desk.page.getByText(/is written to .*\.pdf/)).toBeVisible();
  const pdf = readFileSync(join(desk.savesDir, `records-of-processing-${day}.pdf`));
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // An officer reads the same register, with nothing to change it by.
  const officerSettings = await settingsDesk(otherDesk, 'Officer desk', officerUrl);
  const officerCard = officerSettings.recordsOfProcessing();
  await expect(officerCard.getByTestId('records-read-only')).toContainText(
    "Only an administrator's login can change the records of processing",
  );
  await expect(officerCard).toContainText('To fulfil orders and keep the accounts');
  await expect(officerCard.getByRole('button', { name: /^Change / })).toHaveCount(0);
  await expect(officerCard.getByRole('button', { name: 'Propose from the data map' })).toHaveCount(
    0,
  );
  await screenshotThemes(otherDesk, testInfo, 'records-read-only', officerCard);
  await admin.end();
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseFiltersSchema } from '../../src/shared/ipc/contract';
import { seedCentral } from '../../src/main/demo/seed-central';
import { generateCustomers } from '../../src/main/demo/synthetic-data';
import { casesDesk } from './cases-desk';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { CasesPage } from './pages/cases-page';
import { FirstRunPage } from './pages/first-run-page';
import { SearchPage } from './pages/search-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes, shot } from './screenshots';

// Ten days after receipt: inside the first month, so the deadline can still be extended.
test.use({ deskClock: new Date('2027-02-10T09:00:00Z') });

test('a GDPR access case from receipt on 31 January to fulfilment, approved by a second officer', async ({
  desk,
  otherDesk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(120_000);
  const { officerUrl, approverUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await seedCentral(admin, generateCustomers({ customers: 50, seed: 7 }));
  const subject = (
    await admin.query<{ customer_id: number; name: string; email: string }>(
      `SELECT customer_id::int AS customer_id, name, email FROM reflect.customers
       WHERE email IS NOT NULL AND merged_into IS NULL ORDER BY customer_id LIMIT 1`,
    )
  ).rows[0];
  if (!subject) throw new Error('The seed has no customer with an email.');
  const approver = new URL(approverUrl).username;

  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Officer desk' });
  await desk.services.sync.connect({ url: `${officerUrl}?sslmode=disable` });
  await desk.services.sync.run();
  await new ShellPage(desk.page).open('Cases');

  const cases = new CasesPage(desk.page);
  await cases.newRequest({
    name: subject.name,
    email: subject.email,
    receivedAt: '2027-01-31T10:00',
    timeZone: 'Europe/Berlin',
  });
  await expect(cases.status()).toHaveText('Received');
  // One calendar month from 31 January is Sunday 28 February: it ends on Monday 1 March.
  await expect(cases.dueDate()).toContainText(/Mar 1, 2027|1 Mar 2027/);
  await expect(desk.page.getByTestId('due-moved')).toContainText(
    /Sunday,? (28 February|February 28),? 2027/,
  );
  await expect(cases.deadlineState()).toHaveText('19 days left');
  await shot(desk, testInfo, 'case-detail');
  await desk.page
    .getByTestId('due-moved')
    .locator('xpath=ancestor::div[contains(@class, "mantine-Card-root")]')
    .screenshot({ path: testInfo.outputPath('deadline-card.png') });

  // Told half an hour before the desk's clock (09:00 UTC), whatever this browser's zone.
  await cases.extend('the request covers twelve years of order history', '2027-02-10T07:30');
  await expect(cases.dueDate()).toContainText(/Apr 30, 2027|30 Apr 2027/);
  await expect(desk.page.getByTestId('extension')).toContainText('twelve years');
  await expect(cases.button('Extend deadline')).toBeDisabled();

  await cases.button('Start identity check').click();
  await expect(cases.status()).toHaveText('Verifying identity');
  await cases.verify('Identity document', 'passport checked on a video call');
  await expect(desk.page.getByTestId('verification')).toContainText('passport checked');

  // The requester's email finds their record: it is offered, and linked with one click.
  await expect(cases.suggestedRecords()).toContainText(subject.name);
  await expect(cases.suggestedRecords()).toContainText(`found by email ${subject.email}`);
  await screenshotThemes(desk, testInfo, 'case-subject-suggestions', cases.suggestedRecords());
  await cases
    .suggestedRecords()
    .getByRole('button', { name: `Link ${subject.name} (customer ${subject.customer_id})` })
    .click();
  await expect(cases.subjects()).toContainText(subject.name);
  await expect(cases.suggestedRecords()).toContainText('Every record the requester’s details');

  await cases.button('Start work').click();
  await expect(cases.status()).toHaveText('In progress');
  // Access sends data out of the company: fulfilment waits for a second officer.
  await expect(cases.button('Mark fulfilled')).toHaveAttribute('aria-disabled', 'true');
  await cases.withReason('Ask for approval', 'package ready for review', 'Ask for approval');
  await expect(cases.status()).toHaveText('Awaiting approval');
  await expect(cases.button('Approve this package')).toBeDisabled();
  await desk.services.sync.run();
  await expect(cases.heading()).toHaveText(/^DSAR-2026-\d{5}$/);
  const reference = (await cases.heading().textContent()) ?? '';
  // The package itself is proposed from the export dialog (exports.spec); here through the service.
  const caseId = desk.services.cases.list(caseFiltersSchema.parse({})).cases[0]?.caseId ?? '';
  await desk.services.exports.propose(caseId, []);

  // The approver, on another desk with their own login, approves the package proposed.
  const approverCases = await casesDesk(otherDesk, 'Approver desk', approverUrl);
  await approverCases.openRow(reference);
  await expect(approverCases.status()).toHaveText('Awaiting approval');
  await approverCases.button('Open the package proposed').click();
  await approverCases.button('Approve this package').click();
  await expect(approverCases.approval()).toContainText(`approved by ${approver}`);
  await otherDesk.services.sync.run();

  // Back on the officer's desk, the approval arrives with the next sync; once the package is
  // written the case is fulfilled.
  await desk.services.sync.run();
  await expect(cases.approval()).toContainText(`approved by ${approver}`);
  await expect(cases.button('Mark fulfilled')).toHaveAttribute('aria-disabled', 'true');
  await desk.services.exports.create(
    { caseId, formats: ['json'], container: 'folder', password: null, redactions: [] },
    { path: join(mkdtempSync(join(tmpdir(), 'reflect-e2e-')), 'package'), overwrite: false },
  );
  await desk.services.sync.run();
  await cases.button('Mark fulfilled').click();
  await expect(cases.status()).toHaveText('Fulfilled');
  await expect(cases.deadlineState()).toHaveText('Met');
  await desk.services.sync.run();
  const central = await admin.query<{ status: string; approved_by: string }>(
    `SELECT status, approval ->> 'decidedBy' AS approved_by FROM reflect.cases WHERE reference = $1`,
    [reference],
  );
  expect(central.rows[0]).toEqual({ status: 'fulfilled', approved_by: approver });
  // Created, extended, three moves, verified, linked, approved, exported, fulfilled: each one entry.
  await expect(cases.timeline()).toHaveCount(10);
  await expect(cases.timeline().last()).toContainText('In progress → Fulfilled');
  await expect(cases.timeline().filter({ hasText: 'Approval approved' })).toContainText(approver);
  await admin.end();
});

test("a case started from a subject's profile is linked, and search can keep only subjects with an open case", async ({
  desk,
  centralAdminUrl,
}) => {
  test.setTimeout(90_000);
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await seedCentral(admin, generateCustomers({ customers: 50, seed: 8 }));
  const subject = (
    await admin.query<{ customer_id: number; name: string; email: string }>(
      `SELECT customer_id::int AS customer_id, name, email FROM reflect.customers
       WHERE email IS NOT NULL AND merged_into IS NULL ORDER BY customer_id LIMIT 1`,
    )
  ).rows[0];
  if (!subject) throw new Error('The seed has no customer with an email.');
  await admin.end();

  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  await desk.services.sync.connect({ url: `${officerUrl}?sslmode=disable` });
  await desk.services.sync.run();

  const search = new SearchPage(desk.page);
  await search.search(subject.email);
  await search.open(subject.name, subject.customer_id);
  await desk.page.getByRole('button', { name: 'Start a DSAR case' }).click();
  const form = desk.page.getByRole('dialog', { name: 'New request' });
  await expect(form).toContainText(`#${subject.customer_id}`);
  await form.getByLabel('Received at').fill('2027-02-01T09:30');
  await form.getByRole('button', { name: 'Open case' }).click();

  const cases = new CasesPage(desk.page);
  await expect(cases.status()).toHaveText('Received');
  await expect(cases.subjects()).toContainText(subject.name);
  await expect(desk.page.getByTestId('requester')).toContainText(subject.email);

  await new ShellPage(desk.page).open('Search');
  await desk.page.getByRole('switch', { name: 'Has an open case' }).check();
  await search.search(subject.name.split(' ')[0] ?? subject.name);
  await expect(search.hits()).toHaveCount(1);
  await expect(search.hits().first()).toContainText(subject.name);
});

import { seedCentral } from '../../src/main/demo/seed-central';
import { generateCustomers } from '../../src/main/demo/synthetic-data';
import { casesDesk } from './cases-desk';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { shot } from './screenshots';

test.use({ deskClock: new Date('2027-02-10T09:00:00Z') });

test('an erasure case from intake to the completion letter, the plan approved by a second officer', async ({
  desk,
  otherDesk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(240_000);
  const { officerUrl, approverUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await seedCentral(admin, generateCustomers({ customers: 50, seed: 11 }));
  const subject = (
    await admin.query<{ customer_id: number; name: string; email: string }>(
      `SELECT c.customer_id::int AS customer_id, c.name, c.email FROM reflect.customers c
       WHERE c.email IS NOT NULL AND c.merged_into IS NULL
         AND EXISTS (SELECT 1 FROM reflect.orders o WHERE o.customer_id = c.customer_id)
       ORDER BY c.customer_id LIMIT 1`,
    )
  ).rows[0];
  if (!subject) throw new Error('The seed has no customer with an email and orders.');

  // The officer takes the request in and prepares it.
  const cases = await casesDesk(desk, 'Officer desk', officerUrl);
  await cases.newRequest({
    name: subject.name,
    email: subject.email,
    receivedAt: '2027-02-01T10:00',
    timeZone: 'Europe/Berlin',
    requestType: 'Erasure (Art. 17)',
  });
  await cases.button('Start identity check').click();
  await cases.verify('Identity document', 'passport checked on a video call');
  await cases.linkSubject(subject.customer_id);
  await cases.button('Start work').click();
  await expect(cases.status()).toHaveText('In progress');
  await expect(cases.button('Mark fulfilled')).toHaveAttribute('aria-disabled', 'true');
  await cases.withReason('Ask for approval', 'erasure plan to review', 'Ask for approval');
  await desk.services.sync.run();
  await expect(cases.heading()).toHaveText(/^DSAR-2026-\d{5}$/);
  const reference = (await cases.heading().textContent()) ?? '';

  // The approver previews the plan central computed and approves exactly that plan.
  const approverCases = await casesDesk(otherDesk, 'Approver desk', approverUrl);
  await approverCases.openRow(reference);
  await expect(approverCases.button('Approve this plan')).toBeDisabled();
  await approverCases.button('Preview erasure').click();
  const plan = otherDesk.page.getByTestId('erasure-plan');
  await expect(plan).toContainText('Customer record');
  await expect(plan).toContainText(/Kept until .*2035.*then deleted\. Why: commercial and tax law/);
  await shot(otherDesk, testInfo, 'erasure-plan');
  await approverCases.button('Approve this plan').click();
  await expect(approverCases.approval()).toContainText('approved by');
  await otherDesk.services.sync.run();

  // The officer executes it: the person is gone from this desk and from central.
  await desk.services.sync.run();
  await expect(cases.approval()).toContainText('approved by');
  await cases.button('Preview erasure').click();
  await expect(desk.page.getByTestId('erasure-plan')).toBeVisible();
  await expect(cases.button('Erase now')).toBeDisabled();
  await desk.page.getByLabel('Case reference to confirm').fill(reference);
  await cases.button('Erase now').click();
  await expect(desk.page.getByTestId('confirmed-actions')).toContainText('Erased (approved by');
  await expect(cases.subjects()).toContainText('not in the replica');
  await shot(desk, testInfo, 'erasure-done');
  const left = await admin.query('SELECT 1 FROM reflect.customers WHERE customer_id = $1', [
    subject.customer_id,
  ]);
  expect(left.rowCount).toBe(0);

  await cases.button('Mark fulfilled').click();
  await expect(cases.status()).toHaveText('Fulfilled');
  // The requester's language follows their address's country; this requester reads English.
  const language = desk.page.getByRole('combobox', { name: 'Letters and documents in' });
  await language.click();
  await desk.page.getByRole('option', { name: 'English', exact: true }).click();
  await expect(language).toHaveValue('English');
  await desk.page.getByRole('combobox', { name: 'Template' }).click();
  await desk.page.getByRole('option', { name: /Completion/ }).click();
  const letter = desk.page.getByLabel('Message');
  await expect(letter).toHaveValue(/we erased your personal data/);
  await expect(letter).toHaveValue(/We must keep your orders \(1 record\) until \d+ \w+ 2035/);
  await shot(desk, testInfo, 'erasure-completion-letter');
  await desk.services.sync.run();
  const closed = await admin.query<{ status: string }>(
    'SELECT status FROM reflect.cases WHERE reference = $1',
    [reference],
  );
  expect(closed.rows[0]?.status).toBe('fulfilled');
  await admin.end();
});

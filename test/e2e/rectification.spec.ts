import { casesDesk } from './cases-desk';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { screenshotThemes } from './screenshots';

test.use({ deskClock: new Date('2027-02-10T09:00:00Z') });

test('a rectification case corrects the address with the requester’s evidence, through central', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  const customerId = Number(
    (
      await admin.query<{ id: string }>(
        `WITH c AS (INSERT INTO reflect.customers (name, email) VALUES ('Oona Fairweather', 'oona@example.org')
                    RETURNING customer_id)
         INSERT INTO reflect.addresses (customer_id, kind, line1, city, postcode, country)
         SELECT customer_id, 'home', '1 Old Street', 'Leeds', 'LS1 1AA', 'GB' FROM c
         RETURNING customer_id AS id`,
      )
    ).rows[0]?.id,
  );

  const cases = await casesDesk(desk, 'Officer desk', officerUrl);
  await cases.newRequest({
    name: 'Oona Fairweather',
    email: 'oona@example.org',
    receivedAt: '2027-02-01T10:00',
    timeZone: 'Europe/London',
    requestType: 'Rectification (Art. 16)',
  });
  await cases.button('Start identity check').click();
  await cases.verify('Identity document', 'driving licence checked');
  await cases.linkSubject(customerId);
  await cases.button('Start work').click();
  await expect(cases.status()).toHaveText('In progress');
  // Central carries the correction out on the case it knows.
  await desk.services.sync.run();

  const card = desk.page.getByTestId('rights-card');
  await expect(card.getByText(/Address 1 \(home\): 1 Old Street, Leeds/)).toBeVisible();
  await card.getByLabel('Address 1: first line').fill('2 New Street');
  await card.getByLabel('Address 1: postcode').fill('LS2 2BB');
  await expect(card.getByRole('status')).toContainText("names the requester's evidence");
  await expect(card.getByRole('button', { name: 'Correct the record' })).toBeDisabled();
  await card.getByLabel("The requester's evidence").fill('tenancy agreement of 1 February');
  await expect(card.getByRole('status')).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Correct the record' })).toBeEnabled();
  await screenshotThemes(desk, testInfo, 'rectify-address', card);
  await card.getByRole('button', { name: 'Correct the record' }).click();

  await expect(desk.page.getByTestId('confirmed-actions')).toContainText(/Correct/);
  await expect(card.getByText(/Address 1 \(home\): 2 New Street, Leeds, LS2 2BB/)).toBeVisible();
  const stored = await admin.query(
    'SELECT line1, city, postcode FROM reflect.addresses WHERE customer_id = $1',
    [customerId],
  );
  expect(stored.rows).toEqual([{ line1: '2 New Street', city: 'Leeds', postcode: 'LS2 2BB' }]);
  const evidence = await admin.query<{ evidence: string }>(
    `SELECT details ->> 'evidence' AS evidence FROM reflect.case_actions WHERE kind = 'rectification'`,
  );
  expect(evidence.rows).toEqual([{ evidence: 'tenancy agreement of 1 February' }]);
  await screenshotThemes(desk, testInfo, 'rectify-address-done', card);
  await admin.end();
});

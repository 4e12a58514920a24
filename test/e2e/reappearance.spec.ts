import { randomBytes } from 'node:crypto';
import { centralWithOfficer } from './central-database';
import { expect, test, type Desk } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { SearchPage } from './pages/search-page';
import { screenshotThemes } from './screenshots';

async function profileOn(desk: Desk, name: string, url: string, customerId: number) {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name });
  await desk.services.sync.connect({ url: `${url}?sslmode=disable` });
  await desk.services.sync.run();
  const search = new SearchPage(desk.page);
  await search.search('Wilhelmina Quarrington');
  await search.open('Wilhelmina Quarrington', customerId);
}

test('a record that matches an erased person is flagged on its profile and decided there, for officers only', async ({
  desk,
  otherDesk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  // A person erased earlier under DSAR-2026-00007 leaves salted hashes of their identifiers
  // (what case.erase writes); the same email then signs up again.
  await admin.query(
    `INSERT INTO reflect.tombstone_identifiers (hash, kind, case_reference, erased_at)
     SELECT hash, kind, 'DSAR-2026-00007', '2027-01-15T10:00:00Z'
     FROM reflect.identifier_hashes('W. Quarrington', 'w.quarrington@example.org', NULL, '{}')`,
  );
  const customerId = Number(
    (
      await admin.query<{ id: string }>(
        `INSERT INTO reflect.customers (name, email, status, created_at, last_active)
         VALUES ('Wilhelmina Quarrington', 'W.Quarrington@example.org ', 'active', now(), now())
         RETURNING customer_id AS id`,
      )
    ).rows[0]?.id,
  );

  await profileOn(desk, 'Officer desk', officerUrl, customerId);
  const flag = desk.page.getByTestId('reappearance-flag');
  await expect(flag).toContainText(
    /This record matches a person erased on .*2027.* under case DSAR-2026-00007/,
  );
  await expect(flag).toContainText('It has the same email address');
  await expect(flag.getByRole('button', { name: 'Record the decision' })).toBeDisabled();
  await screenshotThemes(desk, testInfo, 'reappearance-flag', flag);

  await flag.getByRole('radio', { name: /Keep the record/ }).check();
  await flag.getByLabel('Why').fill('she signed up again herself on 3 March');
  await flag.getByRole('button', { name: 'Record the decision' }).click();
  await expect(flag).toContainText(/Decided on .* by .*: the record is kept\. Why: she signed up/);
  const decided = await admin.query<{ decision: string; note: string }>(
    'SELECT decision, note FROM reflect.reappearances WHERE customer_id = $1',
    [customerId],
  );
  expect(decided.rows).toEqual([
    { decision: 'keep', note: 'she signed up again herself on 3 March' },
  ]);
  const audited = await desk.services.workspace.requireOpen().audit.list({ limit: 20 });
  expect(audited.find((e) => e.action === 'right.reappearance.decide')).toMatchObject({
    subject: `customer:${customerId}`,
    details: { decision: 'keep' },
  });
  await screenshotThemes(desk, testInfo, 'reappearance-decided', flag);

  // A viewer may not read the flags, so nothing of them reaches that desk.
  const viewer = `viewer_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await admin.query(`CREATE ROLE ${viewer} LOGIN PASSWORD '${password}' IN ROLE reflect_viewer`);
  const viewerUrl = new URL(officerUrl);
  viewerUrl.username = viewer;
  viewerUrl.password = password;
  await profileOn(otherDesk, 'Viewer desk', viewerUrl.toString(), customerId);
  await expect(otherDesk.page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(
    'Wilhelmina Quarrington',
  );
  await expect(otherDesk.page.getByTestId('reappearance-flag')).toHaveCount(0);
  await admin.end();
});

import { randomBytes } from 'node:crypto';
import { dispatch } from '../../src/main/ipc/dispatch';
import { accessRequest } from '../support/case-requests';
import { centralWithOfficer } from './central-database';
import { CasesPage } from './pages/cases-page';
import { expect, test, type Desk } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { SearchPage } from './pages/search-page';
import { ShellPage } from './pages/shell-page';
import { dialogThemes, screenshotThemes } from './screenshots';
import { base32Decode, centralSeconds, totp } from '../support/totp';

async function connectedDesk(desk: Desk, name: string, url: string): Promise<void> {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name });
  await desk.services.sync.connect({ url: `${url}?sslmode=disable` });
  await desk.services.sync.run();
}

test('a viewer sees what it may not do, and why', async ({ desk, centralAdminUrl }, testInfo) => {
  test.setTimeout(180_000);
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  const viewer = `viewer_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await admin.query(`CREATE ROLE ${viewer} LOGIN PASSWORD '${password}' IN ROLE reflect_viewer`);
  const viewerUrl = new URL(officerUrl);
  viewerUrl.username = viewer;
  viewerUrl.password = password;
  const id = Number(
    (
      await admin.query<{ id: string }>(
        `INSERT INTO reflect.customers (name, email) VALUES ('Vera Lindqvist', 'vera@example.org')
         RETURNING customer_id AS id`,
      )
    ).rows[0]?.id,
  );

  await connectedDesk(desk, 'Viewer desk', viewerUrl.toString());
  const shell = new ShellPage(desk.page);
  await shell.open('Settings');
  const card = desk.page.getByRole('region', { name: 'Role and two-step codes' });
  await expect(card.getByTestId('desk-role')).toHaveText('viewer');
  await expect(card).toContainText('reads records and cases; changes nothing');
  await expect(card.getByRole('button', { name: /two-step/ })).toHaveCount(0);
  await screenshotThemes(desk, testInfo, 'roles-viewer-settings', card);

  const search = new SearchPage(desk.page);
  await search.search('Vera Lindqvist');
  await search.open('Vera Lindqvist', id);
  const rectify = desk.page.getByRole('button', { name: 'Rectify email' });
  await expect(rectify).toHaveAttribute('aria-disabled', 'true');
  await expect(desk.page.getByRole('button', { name: 'Start a DSAR case' })).toBeDisabled();
  await rectify.hover();
  await expect(desk.page.getByRole('tooltip')).toContainText(
    `This needs the officer role (reflect_officer); the login "${viewer}" has the viewer role.`,
  );
  await screenshotThemes(desk, testInfo, 'roles-viewer-profile');
});

test('a viewer reads a case and cannot change it; the desk refuses before queueing', async ({
  desk,
  otherDesk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { officerUrl, admin } = await centralWithOfficer(centralAdminUrl);
  const viewer = `viewer_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await admin.query(`CREATE ROLE ${viewer} LOGIN PASSWORD '${password}' IN ROLE reflect_viewer`);
  const viewerUrl = new URL(officerUrl);
  viewerUrl.username = viewer;
  viewerUrl.password = password;

  // The officer's desk opens the case; central numbers it on the sync.
  await connectedDesk(otherDesk, 'Officer desk', officerUrl);
  otherDesk.services.cases.create(
    accessRequest({
      requestType: 'erasure',
      requester: { names: ['Ines Duarte'], emails: ['ines@example.org'], phones: [] },
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    }),
  );
  await otherDesk.services.sync.run();

  await connectedDesk(desk, 'Viewer desk', viewerUrl.toString());
  const shell = new ShellPage(desk.page);
  await shell.open('Cases');
  const newRequest = desk.page.getByRole('button', { name: 'New request' });
  await expect(newRequest).toHaveAttribute('aria-disabled', 'true');
  const cases = new CasesPage(desk.page);
  await cases.openRow('Ines Duarte');
  await expect(desk.page.getByTestId('role-note').first()).toContainText(
    'You can read this case. This needs the officer role (reflect_officer)',
  );
  await expect(cases.button('Start identity check')).toBeDisabled();
  await expect(cases.button('Assign')).toBeDisabled();
  await expect(desk.page.getByTestId('rights-card').getByTestId('role-note')).toBeVisible();
  await screenshotThemes(desk, testInfo, 'roles-viewer-case');

  // Past the screen, straight to the channel the window calls: refused, nothing in the outbox.
  const detail = desk.services.workspace
    .requireOpen()
    .replica.raw.prepare('SELECT case_id AS caseId, version FROM cases')
    .get() as { caseId: string; version: number };
  const refused = await dispatch(desk.services.handlers, 'cases:act', {
    caseId: detail.caseId,
    baseVersion: detail.version,
    act: { action: 'transition', to: 'in_progress', reason: null },
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'ROLE_REFUSED' } });
  expect(desk.services.sync.overview().pendingOperations).toBe(0);
});

test('an administrator enrols for two-step codes and gives one for a policy change', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { adminLoginUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await connectedDesk(desk, 'Administrator desk', adminLoginUrl);
  await new ShellPage(desk.page).open('Settings');
  const card = desk.page.getByRole('region', { name: 'Role and two-step codes' });
  await expect(card.getByTestId('desk-role')).toHaveText('admin');
  await expect(card).toContainText('Not enrolled');
  await card.getByRole('button', { name: 'Enrol for two-step codes' }).click();
  await expect(card.getByRole('img', { name: 'QR code of the two-step secret' })).toBeVisible();
  const key = (await card.getByTestId('mfa-secret').textContent()) ?? '';
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await screenshotThemes(desk, testInfo, 'roles-admin-enrol', card);
  const secret = base32Decode(key);
  const now = await centralSeconds(admin);
  await card.getByLabel('First code').fill(totp(secret, now));
  await card.getByRole('button', { name: 'Confirm' }).click();
  await expect(card).toContainText('Two-step codes are on');

  // A policy change now needs a fresh code: the desk asks for it and tries again.
  const policies = desk.page.getByRole('region', { name: 'Erasure policies' });
  await policies.getByRole('button', { name: /Remove the policy of reflect\.orders/ }).click();
  await policies.getByRole('button', { name: 'Remove it' }).click();
  const dialog = desk.page.getByRole('dialog', { name: 'Two-step code' });
  await expect(dialog).toContainText('Central asks for a fresh two-step code');
  await dialogThemes(desk, testInfo, 'roles-admin-code');
  await dialog.getByRole('textbox').first().click();
  await desk.page.keyboard.type(totp(secret, now + 30));
  await expect(dialog).toHaveCount(0);
  await expect(desk.page.getByTestId('tables-without-policy')).toContainText('reflect.orders');
  const left = await admin.query(
    `SELECT 1 FROM reflect.erasure_policies WHERE table_name = 'orders'`,
  );
  expect(left.rowCount).toBe(0);

  // An alert rule too: the desk asks for the code, a used one is refused, a fresh one goes through.
  const rules = desk.page.getByRole('region', { name: 'Access alert rules' });
  await rules.getByRole('button', { name: 'Change Many changes in a short time' }).click();
  const form = rules.getByRole('form', { name: 'Change Many changes in a short time' });
  await form.getByLabel('Alert when more than').fill('80');
  await form.getByRole('button', { name: 'Save on central' }).click();
  await expect(dialog).toContainText('Central asks for a fresh two-step code');
  await dialog.getByRole('textbox').first().click();
  await desk.page.keyboard.type(totp(secret, now + 30));
  await expect(dialog).toContainText('this two-step code was used already');
  // A step after the one used and within central's one step of drift: the policy's code was a
  // step ahead of central's clock, so wait until central's clock reaches that step.
  const usedStep = Math.floor((now + 30) / 30);
  let step = 0;
  await expect
    .poll(
      async () => {
        step = Math.floor((await centralSeconds(admin)) / 30);
        return step;
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBeGreaterThanOrEqual(usedStep);
  const fresh = Math.max(usedStep + 1, step) * 30;
  await dialog.getByRole('textbox').first().click();
  await desk.page.keyboard.type(totp(secret, fresh));
  await expect(dialog).toHaveCount(0);
  await expect(rules.getByRole('table', { name: 'Alert rules' })).toContainText('More than 80');
  const rule = await admin.query<{ threshold: number }>(
    `SELECT threshold FROM reflect.alert_rules WHERE kind = 'bulk_changes'`,
  );
  expect(rule.rows[0]?.threshold).toBe(80);
});
